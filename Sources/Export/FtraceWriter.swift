import Tracing

/// ftrace's function_graph layout with the funcgraph-abstime, -proc and
/// -tail options on, and 6.5+'s funcgraph-retval: TIME | CPU) TASK-PID |
/// DURATION | calls. CPU is the host's index; TASK is the execution
/// context: `connect` (a task in a system call), `softirq`, `timer`,
/// `kworker`; PID is the host's index again. Durations are virtual time, with ftrace's
/// overhead marks (+ > 10 us, ! > 100 us, # > 1 ms, * > 10 ms, @ > 100 ms,
/// $ > 1 s). Teaching moments are `/* ... */` comments, as trace_printk
/// lines are. A call with no callee and no comment is a leaf: `fn();`.
///
/// Held against a real 6.1 trace (shared/reference/linux-6.1-trace): the
/// column widths, the centred comm-pid, the `=>` block when a CPU changes
/// task, and the duration and mark arithmetic follow
/// kernel/trace/trace_functions_graph.c.
struct FtraceWriter: TraceWriter {
    let log: TraceLog
    private var stacks = SpanStacks()
    /// Per CPU (host): the task that printed last, as verif_pid keeps it.
    private var lastTask: [Int: Int] = [:]
    /// An enter not yet printed: it becomes `fn();` if its exit comes next.
    private var pending: Event?
    /// print_graph_cpu's `%*d`: as wide as the highest CPU number.
    private let cpuWidth: Int

    init(log: TraceLog) {
        self.log = log
        cpuWidth = String(max(0, log.hosts.count - 1)).count
    }

    func header(into out: inout OutputBuffer) {
        out += "# tracer: function_graph\n"
        out += "#\n"
        out += "# kpath: \(log.scenario) (seed \(log.seed)); virtual time\n"
        out += "# options: funcgraph-abstime funcgraph-proc funcgraph-tail funcgraph-retval\n"
        out += "# CPU n = host n: " + log.hosts.enumerated().map { "\($0.offset) \($0.element.name)" }
            .joined(separator: ", ") + "\n"
        out += "#\n"
        out += "#     TIME        CPU  TASK/PID         DURATION                  FUNCTION CALLS\n"
        out += "#      |          |     |    |           |   |                     |   |   |   |\n"
    }

    mutating func event(_ e: Event, index: Int, into out: inout OutputBuffer) {
        // Bookkeeping is not traced: it must not split a leaf into `{` and `}`.
        if isBookkeeping(e) { return }
        if let p = pending {
            pending = nil
            if case .exit(let fn, let ret) = e.payload, SpanStacks.key(e) == SpanStacks.key(p), e.code == p.code {
                _ = stacks.pop(e)
                line(e, duration: e.time - p.time, "\(fn.name)();" + retval(fn, ret, leaf: true), into: &out)
                return
            }
            line(p, duration: nil, "\(Fn(rawValue: p.code)!.name)() {", into: &out)
        }
        switch e.payload {
        case .enter(let fn, _):
            stacks.push(e, fn)
            pending = e
        case .exit(let fn, let ret):
            let start = stacks.pop(e)?.time ?? e.time
            line(e, duration: e.time - start, "}" + retval(fn, ret, leaf: false), into: &out)
        case .indirectCall(let p, let target):
            line(e, duration: nil, "/* \(p) = \(target.name) */", into: &out)
        default:
            if let text = log.describe(e) { line(e, duration: nil, "/* \(text) */", into: &out) }
        }
    }

    mutating func footer(into out: inout OutputBuffer) {
        if let p = pending {
            line(p, duration: nil, "\(Fn(rawValue: p.code)!.name)() {", into: &out)
            pending = nil
        }
    }

    /// print_graph_retval: `} /* fn = 0x0 */` after a brace, `fn(); /* = 0x0 */`
    /// after a leaf; hex, except an error code (-4095...-1), which is decimal.
    /// A void function gets funcgraph-tail's `} /* fn */` and a bare leaf.
    private func retval(_ fn: Fn, _ ret: Int32, leaf: Bool) -> String {
        let name = leaf ? "" : " \(fn.name)"
        if ret == Event.voidReturn { return leaf ? "" : " /*\(name) */" }
        let value = (-4095 ... -1).contains(ret) ? String(ret) : "0x" + String(UInt32(bitPattern: ret), radix: 16)
        return " /*\(name) = \(value) */"
    }

    /// The comm-pid of a context: comm by its kind, pid the host's index
    /// (100 × task + host for a host's second and later processes).
    private func task(host: Int, context: ExecutionContext) -> String {
        let comm = switch context.kind {
        case .process: "connect"
        case .softirq: "softirq"
        case .timer: "timer"
        case .workqueue: "kworker"
        }
        // print_graph_proc truncates the comm to 7 characters.
        return "\(comm.prefix(7))-\(100 * context.task + host)"
    }

    /// print_graph_proc: the comm-pid string centred in 14 columns.
    private func centred(_ s: String) -> String {
        let spaces = max(0, 14 - s.count), half = spaces / 2
        return String(repeating: " ", count: half) + s + String(repeating: " ", count: spaces - half)
    }

    private func cpu(_ host: UInt8) -> String {
        let n = String(host)
        return String(repeating: " ", count: max(0, cpuWidth - n.count)) + n
    }

    /// verif_pid: when a CPU's task differs from the last one that CPU
    /// printed, the `=>` block; never before a CPU's first line.
    private mutating func switchTask(_ e: Event, into out: inout OutputBuffer) {
        let key = SpanStacks.key(e), cpu = Int(e.host)
        guard let last = lastTask[cpu] else { lastTask[cpu] = key; return }
        guard last != key else { return }
        let prev = task(host: last >> 8, context: ExecutionContext(rawValue: UInt8(last & 0xff)))
        out += " ------------------------------------------\n"
        out += " \(self.cpu(e.host))) \(centred(prev)) => \(centred(task(host: cpu, context: e.context)))\n"
        out += " ------------------------------------------\n\n"
        lastTask[cpu] = key
    }

    private mutating func line(_ e: Event, duration: UInt64?, _ text: String, into out: inout OutputBuffer) {
        switchTask(e, into: &out)
        let time = seconds(e.time)
        out += String(repeating: " ", count: max(0, 12 - time.count)) + time + " |  "
        out += " \(cpu(e.host))) " + centred(task(host: Int(e.host), context: e.context)) + " | "
        if let d = duration {
            out += "\(mark(d)) " + usecs(d) + "|  "
        } else {
            out += "              |  "
        }
        out += String(repeating: "  ", count: Int(e.depth)) + text + "\n"
    }

    /// trace_find_mark: the first mark whose threshold the duration exceeds.
    private func mark(_ ns: UInt64) -> Character {
        switch ns {
        case 1_000_000_001...: "$"
        case 100_000_001...: "@"
        case 10_000_001...: "*"
        case 1_000_001...: "#"
        case 100_001...: "!"
        case 10_001...: "+"
        default: " "
        }
    }

    /// trace_print_graph_duration: at most 7 digits, then " us " padded to 8.
    private func usecs(_ ns: UInt64) -> String {
        let us = String(ns / 1000)
        var s = us
        if us.count < 7 {
            let rem = String(ns % 1000)
            let nsecs = String(repeating: "0", count: 3 - rem.count) + rem
            s += "." + nsecs.prefix(max(0, 7 - us.count))
        }
        return s + " us " + String(repeating: " ", count: max(0, 8 - s.count))
    }
}
