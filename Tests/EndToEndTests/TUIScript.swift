/// The tmux session a person would have with `kpath`, as a bash script
/// (a real terminal, headless). $1 is the kpath
/// binary. It prints what it checks and exits non-zero on the first failure,
/// after dumping the screen.
let tuiWalkthroughScript = tmuxHarness + #"""
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

# 4. What-if: the server ignores ARP; re-run to the same step; the changed
#    run goes on to its own end (ARP retries, NUD_FAILED, EHOSTUNREACH at 3 s);
#    o swaps to the original and back; d jumps to where they part.
keys Home
wait_for 'step 1/'
keys c c
keys w
wait_for 'what if…'
wait_for 'every host'
keys 2
wait_for 'what-if: server'
wait_for 'part at step [0-9]+'
keys G
wait_for 'step ([0-9]+)/\1 · 3\.[0-9]+s'
wait_for '^what-if run \(o: original\)'
keys g
wait_for 'step 1/'
keys /; keys -l 'neigh_invalidate'; keys Enter
wait_for 'NUD_INCOMPLETE → NUD_FAILED'
keys Escape
keys o
wait_for '^showing the original run'
keys Tab
wait_for '^original run \(o: what-if\)'
keys d
wait_for '^▶◆'
keys o
wait_for '^showing the what-if run'

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
