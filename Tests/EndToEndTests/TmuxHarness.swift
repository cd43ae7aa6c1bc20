/// The shell functions both walkthroughs use to drive kpath in tmux
/// (a real terminal, headless): start a private
/// server, wait for text on the screen, send keys, and check the terminal
/// came back clean. $1 is the kpath binary.
let tmuxHarness = #"""
set -euo pipefail
KPATH=$1
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
  # The stty line comes after the exit line: wait for it, not for the exit.
  wait_for '\[stty\]$'
  screen | grep -q '^\[exit 0\]' || { echo "exit status was not 0" >&2; screen >&2; return 1; }
  screen | grep -q '^isig icanon echo \[stty\]' || { echo "tty modes not restored" >&2; screen >&2; return 1; }
  [[ $(t display -p -t tui '#{alternate_on}') == 0 ]] || { echo "still on the alternate screen" >&2; return 1; }
  [[ $(t display -p -t tui '#{cursor_flag}') == 1 ]] || { echo "cursor still hidden" >&2; return 1; }
  if screen | grep -q 'Call tree'; then echo "the TUI frame is still on screen" >&2; return 1; fi
  echo "ok: terminal restored"
}

"""#
