#!/bin/sh
# Records a TCP connect on this machine with ftrace's function_graph tracer,
# into a file `kpath open FILE` and `kpath trace FILE` read.
#
#   sudo scripts/capture-connect.sh ADDRESS PORT [OUTPUT]
#
# It traces __x64_sys_connect, __sys_connect and net_rx_action (the receive
# softirq, where the ARP reply and the SYN-ACK arrive) with the funcgraph
# options proc, abstime and tail, and the neigh_update tracepoint as comment
# lines; then runs one connect (nc -z) to ADDRESS:PORT, and puts every
# tracer setting it changed back as it found it. Needs root and tracefs.
set -eu

usage() { echo "usage: $0 ADDRESS PORT [OUTPUT]  (default OUTPUT: connect-ADDRESS.ftrace.txt)" >&2; exit 2; }
[ $# -ge 2 ] && [ $# -le 3 ] || usage
addr=$1 port=$2 out=${3:-connect-$1.ftrace.txt}

if [ "$(id -u)" -ne 0 ]; then
    echo "$0: needs root: function_graph is set up through tracefs (run it with sudo)" >&2
    exit 1
fi
tracefs=
for d in /sys/kernel/tracing /sys/kernel/debug/tracing; do
    if [ -w "$d/current_tracer" ]; then tracefs=$d; break; fi
done
if [ -z "$tracefs" ]; then
    echo "$0: no tracefs: mount it (mount -t tracefs nodev /sys/kernel/tracing) on a kernel with CONFIG_FUNCTION_GRAPH_TRACER" >&2
    exit 1
fi
if ! grep -qw function_graph "$tracefs/available_tracers"; then
    echo "$0: this kernel has no function_graph tracer (CONFIG_FUNCTION_GRAPH_TRACER)" >&2
    exit 1
fi
command -v nc >/dev/null || { echo "$0: needs nc (netcat) to make the connect" >&2; exit 1; }

# What we change, saved to be put back whatever happens.
saved_tracer=$(cat "$tracefs/current_tracer")
saved_graph=$(cat "$tracefs/set_graph_function")
saved_on=$(cat "$tracefs/tracing_on")
saved_neigh=0
[ -e "$tracefs/events/neigh/neigh_update/enable" ] && saved_neigh=$(cat "$tracefs/events/neigh/neigh_update/enable")
saved_options=
for o in funcgraph-proc funcgraph-abstime funcgraph-tail; do
    [ -e "$tracefs/options/$o" ] && saved_options="$saved_options $o=$(cat "$tracefs/options/$o")"
done

restore() {
    echo 0 > "$tracefs/tracing_on"
    echo "$saved_tracer" > "$tracefs/current_tracer"
    echo > "$tracefs/set_graph_function"
    for f in $saved_graph; do echo "$f" >> "$tracefs/set_graph_function"; done
    for kv in $saved_options; do echo "${kv#*=}" > "$tracefs/options/${kv%%=*}"; done
    [ -e "$tracefs/events/neigh/neigh_update/enable" ] && echo "$saved_neigh" > "$tracefs/events/neigh/neigh_update/enable"
    echo "$saved_on" > "$tracefs/tracing_on"
}
trap restore EXIT INT TERM

echo 0 > "$tracefs/tracing_on"
echo function_graph > "$tracefs/current_tracer"
echo __x64_sys_connect > "$tracefs/set_graph_function"
echo __sys_connect >> "$tracefs/set_graph_function"
echo net_rx_action >> "$tracefs/set_graph_function"
for o in funcgraph-proc funcgraph-abstime funcgraph-tail; do
    [ -e "$tracefs/options/$o" ] && echo 1 > "$tracefs/options/$o"
done
[ -e "$tracefs/events/neigh/neigh_update/enable" ] && echo 1 > "$tracefs/events/neigh/neigh_update/enable"
echo > "$tracefs/trace"

echo 1 > "$tracefs/tracing_on"
echo "connect to $addr:$port" > "$tracefs/trace_marker"
nc -n -z -w 3 "$addr" "$port" || echo "$0: the connect failed (the trace shows why)" >&2
sleep 1   # the SYN-ACK and the softirqs after it
echo 0 > "$tracefs/tracing_on"

cat "$tracefs/trace" > "$out"
echo "$0: wrote $out ($(grep -c '() {\|();' "$out") calls); open it with: kpath open $out" >&2
