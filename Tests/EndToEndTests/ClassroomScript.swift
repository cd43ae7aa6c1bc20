/// The classroom in tmux, as a teacher and a student would use it: the demo
/// plays, pauses and resumes; the quiz takes a wrong answer and a right one.
/// $1 is the kpath binary, $2 a wrong key for the first question, $3 the
/// right key for the second.
let classroomScript = tmuxHarness + #"""
Q1_WRONG=$2
Q2_RIGHT=$3
step() { screen | grep -Eo 'step [0-9]+' | head -1 | grep -Eo '[0-9]+'; }

# 1. The demo plays on its own, fast.
start "$KPATH demo --speed 20" 100 30
wait_for 'demo · playing'
wait_for 'What is happening'
first=$(step)
sleep 1
later=$(step)
(( later > first )) || { echo "autoplay did not move: $first then $later" >&2; screen >&2; exit 1; }
echo "ok: autoplay moved from step $first to $later"

# 2. Space pauses: the step stays; Space again resumes.
keys Space
wait_for 'demo · paused'
paused=$(step)
sleep 1
[[ $(step) == "$paused" ]] || { echo "moved while paused" >&2; exit 1; }
echo "ok: paused at step $paused"
keys Space
wait_for 'demo · playing'
sleep 1
(( $(step) > paused )) || { echo "did not resume" >&2; exit 1; }
echo "ok: resumed"
keys q
check_restored
stop

# 3. The quiz: a wrong answer, then a right one.
start "$KPATH quiz --theme mono" 100 30
wait_for 'What happens next\?'
wait_for 'question 1/'
keys "$Q1_WRONG"
wait_for 'Not quite'
wait_for 'Why: '
keys Space
wait_for 'question 2/'
keys "$Q2_RIGHT"
wait_for 'Right: '
wait_for 'score 1'
keys q
check_restored
echo "all checks passed"
"""#
