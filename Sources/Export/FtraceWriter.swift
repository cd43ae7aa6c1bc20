import Tracing

/// ftrace's function_graph layout with the funcgraph-abstime, -proc and
/// -tail options on, and 6.5+'s funcgraph-retval: TIME | CPU) TASK-PID |
/// DURATION | calls. CPU is the host's index; TASK is the execution
/// context: `connect` (the task in connect()), `softirq`, `timer`; PID is
/// the host's index again. Durations are virtual time, with ftrace's
/// overhead marks (+ > 10 us, ! > 100 us, # > 1 ms, * > 10 ms, @ > 100 ms,
/// $ > 1 s). Teaching moments are `/* ... */` comments, as trace_printk
/// lines are. A call with no callee and no comment is a leaf: `fn();`.
struct FtraceWriter {
    let log: TraceLog
    private var stacks = SpanStacks()
    private var lastTask = -1
    /// An enter not yet printed: it becomes `fn();` if its exit comes next.
    private var pending: Event?

    init(log: TraceLog) { self.log = log }

    func header(into out: inout String) {
        out += "# tracer: function_graph\n"
        out += "#\n"
        out += "# kpath: \(log.scenario) (seed \(log.seed)); virtual time\n"
        out += "# CPU n = host n: " + log.hosts.enumerated().map { "\($0.offset) \($0.element.name)" }
            .joined(separator: ", ") + "\n"
        out += "#\n"
        out += "#     TIME        CPU  TASK/PID         DURATION                  FUNCTION CALLS\n"
        out += "#      |          |     |    |           |   |                     |   |   |   |\n"
    }

    mutating func event(_ e: Event, into out: inout String) {
        if let p = pending {
            pending = nil
            if case .exit(let fn, let ret) = e.payload, SpanStacks.key(e) == SpanStacks.key(p) {
                _ = stacks.pop(e)
                line(e, duration: e.time - p.time, "\(fn.name)();" + retval(fn, ret, tail: false), into: &out)
                return
            }
            line(p, duration: nil, "\(Fn(rawValue: p.code)!.name)() {", into: &out)
        }
        switch e.payload {
        case .enter(let fn, _):
            switchTask(e, into: &out)
            stacks.push(e, fn)
            pending = e
        case .exit(let fn, let ret):
            let start = stacks.pop(e)?.time ?? e.time
            line(e, duration: e.time - start, "}" + retval(fn, ret, tail: true), into: &out)
        case .indirectCall(let p, let target):
            line(e, duration: nil, "/* \(p) = \(target.name) */", into: &out)
        case .skbData, .skbAlloc, .skbFreed, .neighProbes:
            break
        default:
            if let text = log.describe(e) { line(e, duration: nil, "/* \(text) */", into: &out) }
        }
    }

    mutating func footer(into out: inout String) {
        if let p = pending {
            line(p, duration: nil, "\(Fn(rawValue: p.code)!.name)() {", into: &out)
            pending = nil
        }
    }

    /// ` /* fn = ret */` after a brace (funcgraph-tail with funcgraph-retval),
    /// ` /* = ret */` after a leaf.
    private func retval(_ fn: Fn, _ ret: Int32, tail: Bool) -> String {
        let name = tail ? " \(fn.name)" : ""
        if ret == Event.voidReturn { return tail ? " /*\(name) */" : "" }
        return " /*\(name) = \(returnText(ret, of: fn)) */"
    }

    private func task(_ e: Event) -> String {
        let comm = switch e.context {
        case .process: "connect"
        case .softirq: "softirq"
        case .timer: "timer"
        }
        return "\(comm)-\(e.host)"
    }

    /// print_graph_proc: the comm-pid string centred in 14 columns.
    private func centred(_ s: String) -> String {
        let spaces = max(0, 14 - s.count), half = spaces / 2
        return String(repeating: " ", count: half) + s + String(repeating: " ", count: spaces - half)
    }

    private mutating func switchTask(_ e: Event, into out: inout String) {
        let key = SpanStacks.key(e)
        guard key != lastTask else { return }
        if lastTask >= 0 {
            let prev = Event(time: 0, kind: .enter, host: UInt8(lastTask >> 8),
                             context: ExecutionContext(rawValue: UInt8(lastTask & 0xff))!, depth: 0)
            out += " ------------------------------------------\n"
            out += " \(e.host)) \(centred(task(prev))) => \(centred(task(e)))\n"
            out += " ------------------------------------------\n\n"
        }
        lastTask = key
    }

    private mutating func line(_ e: Event, duration: UInt64?, _ text: String, into out: inout String) {
        switchTask(e, into: &out)
        let time = seconds(e.time)
        out += String(repeating: " ", count: max(0, 12 - time.count)) + time + " |  "
        out += " \(e.host)) " + centred(task(e)) + " | "
        if let d = duration {
            out += "\(mark(d)) " + usecs(d) + "|  "
        } else {
            out += "              |  "
        }
        out += String(repeating: "  ", count: Int(e.depth)) + text + "\n"
    }

    /// trace_find_mark.
    private func mark(_ ns: UInt64) -> Character {
        switch ns {
        case 1_000_000_000...: "$"
        case 100_000_000...: "@"
        case 10_000_000...: "*"
        case 1_000_000...: "#"
        case 100_000...: "!"
        case 10_000...: "+"
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
