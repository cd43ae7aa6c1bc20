/// The tmux session a person would have with `kpath`, as a bash script
/// (swift-ncurses.md, "Testing a TUI headlessly with tmux"). $1 is the kpath
/// binary. It prints what it checks and exits non-zero on the first failure,
/// after dumping the screen.
let tuiWalkthroughScript = #"""
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
  wait_for '^\[exit [0-9]+\]'
  screen | grep -q '^\[exit 0\]' || { echo "exit status was not 0" >&2; screen >&2; return 1; }
  screen | grep -q '^isig icanon echo \[stty\]' || { echo "tty modes not restored" >&2; screen >&2; return 1; }
  [[ $(t display -p -t tui '#{alternate_on}') == 0 ]] || { echo "still on the alternate screen" >&2; return 1; }
  [[ $(t display -p -t tui '#{cursor_flag}') == 1 ]] || { echo "cursor still hidden" >&2; return 1; }
  if screen | grep -q 'Call tree'; then echo "the TUI frame is still on screen" >&2; return 1; fi
  echo "ok: terminal restored"
}

# 1. Open on the default scenario, step, and step back.
start "$KPATH" 100 30
wait_for 'kpath · cold-connect · step 1/'
wait_for 'Call tree'
keys s s s
wait_for 'step 4/'
keys S
wait_for 'step 3/'
keys Left
wait_for 'step 2/'

# 2. A typed breakpoint on neigh_update; continue (teaching stops off) lands on its entry.
keys B; keys -l 'neigh_update'; keys Enter
wait_for 'break: neigh_update'
keys t
wait_for 'stops: breakpoints'
keys c
wait_for '^▶.*neigh_update\(\) \{'
wait_for 'why: '
# Its call tree row is marked, and the neighbour pane is there to look at.
keys Tab
wait_for 'Neighbours .*Tab: neighbours'
wait_for 'INCOMPLETE'

# 3. Through the whole connect: the wire shows the exchange.
keys End
wait_for 'step ([0-9]+)/\1 '
keys Tab Tab Tab
wait_for 'Tab: wire'
wait_for 'ARP who-has'
wait_for 'SYN-ACK'

# 4. What-if: the server ignores ARP; re-run to the same step; where they diverge.
keys Home
wait_for 'step 1/'
keys End
keys w
wait_for 'what if'
keys 1
wait_for 'what-if: server'
wait_for 'diverge at step [0-9]+'
keys d
wait_for '^▶◆'

# 5. Resize below the minimum and back.
t resize-window -t tui -x 60 -y 20
wait_for 'terminal too small \(need 80x24, have 60x20\)'
t resize-window -t tui -x 100 -y 30
wait_for 'kpath · cold-connect · step'
wait_for 'Call tree'

# 6. Help, then quit; the terminal must come back clean.
keys '?'
wait_for 'kpath keys'
keys x
keys q
check_restored
stop

# 7. Ctrl-C restores the terminal too.
start "$KPATH" 80 24
wait_for 'kpath · cold-connect · step 1/'
keys C-c
check_restored
echo "all checks passed"
"""#
