/// The classroom in tmux, as a teacher and a student would use it: the demo
/// plays, pauses and resumes; the quiz takes a wrong answer and a right one.
/// $1 is the kpath binary, $2 a wrong key for the first question, $3 the
/// right key for the second.
let classroomScript = #"""
set -euo pipefail
KPATH=$1
Q1_WRONG=$2
Q2_RIGHT=$3
SOCK="kpath-e2e-$$"
t() { tmux -L "$SOCK" -f /dev/null "$@"; }
# Kill the pane's process as well as the server: a pane left sleeping must
# not outlive the test.
stop() {
  local pid
  pid=$(t display -p -t tui '#{pane_pid}' 2>/dev/null) && kill -9 "$pid" 2>/dev/null || true
  t kill-server 2>/dev/null || true
}
trap stop EXIT
RUNS=0
start() {   # start COMMAND WIDTH HEIGHT
  # A fresh server each time: the previous one may still be shutting down.
  RUNS=$((RUNS + 1)); SOCK="kpath-e2e-$$-$RUNS"
  t start-server \; set -g default-terminal tmux-256color \; \
    new-session -d -s tui -x "$2" -y "$3" -e LANG=C.UTF-8 -e SWIFT_BACKTRACE=interactive=no \
    "$1; echo \"[exit \$?]\"; stty -a | grep -Eo -- '-?(icanon|echo|isig) ' | tr -d '\n'; echo '[stty]'; exec sleep 120"
}
screen() { t capture-pane -p -t tui "$@"; }
wait_for() {   # wait_for REGEX [seconds]
  local re=$1 deadline=$((SECONDS + ${2:-15}))
  while (( SECONDS < deadline )); do screen | grep -Eq -- "$re" && { echo "ok: /$re/"; return 0; }; sleep 0.1; done
  echo "TIMEOUT waiting for /$re/; the screen was:" >&2; screen >&2; return 1
}
keys() { t send-keys -t tui "$@"; }
check_restored() {
  wait_for '^\[exit [0-9]+\]'
  screen | grep -q '^\[exit 0\]' || { echo "exit status was not 0" >&2; screen >&2; return 1; }
  screen | grep -q '^isig icanon echo \[stty\]' || { echo "tty modes not restored" >&2; screen >&2; return 1; }
  [[ $(t display -p -t tui '#{alternate_on}') == 0 ]] || { echo "still on the alternate screen" >&2; return 1; }
  [[ $(t display -p -t tui '#{cursor_flag}') == 1 ]] || { echo "cursor still hidden" >&2; return 1; }
  if screen | grep -q 'Call tree'; then echo "the TUI frame is still on screen" >&2; return 1; fi
  echo "ok: terminal restored"
}

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
