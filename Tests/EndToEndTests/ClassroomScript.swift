/// The classroom in tmux, as a teacher and a student would use it: the demo
/// plays, pauses and resumes, and ? lists its own keys; the quiz takes a
/// wrong answer and a right one, and no question's answer shows outside its
/// band at any terminal size. $1 is the kpath binary, $2 a wrong key for the
/// first question, $3 the right key for the second, $4 the first questions
/// as "answer<TAB>key" lines.
let classroomScript = tmuxHarness + #"""
Q1_WRONG=$2
Q2_RIGHT=$3
QUESTIONS=$4
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
keys '?'
wait_for 'Space +play or pause'
screen | grep -q 'step over' && { echo "the demo's help lists the stepper's keys" >&2; exit 1; }
keys Escape
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
stop

# 4. No answer on screen, outside the question's band, at 80x24, 120x40,
#    200x50 and 300x80: resize while each question is open, then answer it.
start "$KPATH quiz" 80 24
n=0
while IFS=$'\t' read -r answer key; do
  n=$((n + 1))
  wait_for "question $n/"
  for size in 80x24 120x40 200x50 300x80; do
    w=${size%x*} h=${size#*x}
    t resize-window -t tui -x "$w" -y "$h"
    # Redrawn at the new size: the title bar reaches the right edge.
    deadline=$((SECONDS + 15))
    until (( $(screen | head -1 | wc -m) >= w - 2 )) && screen | grep -q 'What happens next'; do
      (( SECONDS < deadline )) || { echo "no redraw at $size" >&2; screen >&2; exit 1; }
      sleep 0.1
    done
    outside=$( { screen | sed '/─ What happens next/,$d'; screen | tail -1; } )
    if (( ${#answer} >= 3 )) && grep -qF -- "$answer" <<<"$outside"; then
      echo "question $n shows its answer '$answer' at $size:" >&2; screen >&2; exit 1
    fi
    echo "ok: question $n hides '$answer' at $size"
  done
  keys "$key"
  wait_for 'Right: '
  keys Space
done <<<"$QUESTIONS"
keys q
check_restored
echo "all checks passed"
"""#
