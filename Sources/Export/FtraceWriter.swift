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
/// Only what function_graph would record on the log's kernel is a call: a
/// function that kernel inlines or cannot trace (static inlines such as
/// nf_hook, 6.1's inlined tcp_transmit_skb; ``Fn/traced(on:)``) is a
/// `/* fn() inline */` line, and what it calls sits at its caller's depth,
/// as in a real trace.
///
/// Held against a real 6.1 trace (Tests/ExportTests/Fixtures/linux-6.1-cold-cache-connect.ftrace.txt): the
/// column widths, the centred comm-pid, the `=>` block when a CPU changes
/// task, and the duration and mark arithmetic follow
/// kernel/trace/trace_functions_graph.c.
struct FtraceWriter: TraceWriter {
    let log: TraceLog
    private var stacks = SpanStacks()
    /// Per CPU (host): the task that printed last, as verif_pid keeps it (-1: none yet).
    private var lastTask = [Int](repeating: -1, count: 256)
    /// An enter not yet printed: it becomes `fn();` if its exit comes next.
    private var pending: Event?
    /// print_graph_cpu's `%*d`: as wide as the highest CPU number.
    private let cpuWidth: Int
    /// By ``SpanStacks/key(_:)``: the columns between TIME and DURATION,
    /// ` |   0)   connect-0    | `, made the first time a host and context print.
    private var taskColumns: [[UInt8]] = []
    /// In a recorded log, by ``SpanStacks/key(_:)``: the CPU the task last ran on.
    private var lastCPU: [Int] = []
    /// Lines still to print at the first call of their function (hand-outs).
    private var narration: [Fn: String]
    /// By raw value: whether the log's kernel shows a call of the function.
    private let traced: [Bool]
    /// By ``SpanStacks/key(_:)``: untraced spans open in that context; the
    /// depth printed is the event's less these.
    private var hiddenOpen: [UInt8] = []

    init(log: TraceLog, narration: [Fn: String] = [:]) {
        self.log = log
        self.narration = narration
        cpuWidth = log.recording == nil ? String(max(0, log.hosts.count - 1)).count : 1
        // A recorded trace shows what that kernel traced: nothing to hide.
        traced = log.recording == nil ? Fn.allCases.map { $0.traced(on: log.kernel) } : []
    }

    func header(into out: inout OutputBuffer) {
        out += "# tracer: function_graph\n"
        out += "#\n"
        if let recording = log.recording {
            out += "# kpath: read from \(recording.source) (\(recording.layout)); recorded time\n"
            out += "# options: funcgraph-abstime funcgraph-proc funcgraph-tail funcgraph-retval\n"
        } else {
            out += "# kpath: \(log.title); virtual time\n"
            out += "# options: funcgraph-abstime funcgraph-proc funcgraph-tail funcgraph-retval\n"
            out += "# CPU n = host n: " + log.hosts.enumerated().map { "\($0.offset) \($0.element.name)" }
                .joined(separator: ", ") + "\n"
        }
        out += "#\n"
        out += "#     TIME        CPU  TASK/PID         DURATION                  FUNCTION CALLS\n"
        out += "#      |          |     |    |           |   |                     |   |   |   |\n"
    }

    mutating func event(_ e: Event, index: Int, into out: inout OutputBuffer) {
        // Bookkeeping is not traced: it must not split a leaf into `{` and `}`.
        if isBookkeeping(e) { return }
        if e.kind == .enter || e.kind == .exit, Int(e.code) < traced.count, !traced[Int(e.code)] {
            hide(e, into: &out)
            return
        }
        if let p = pending {
            pending = nil
            if e.kind == .exit, SpanStacks.key(e) == SpanStacks.key(p), e.code == p.code {
                _ = stacks.pop(e)
                columns(e, duration: e.time - p.time, into: &out)
                out.append(function: e.code, of: log)
                out += "();"
                retval(e.code, Int32(bitPattern: e.arg), leaf: true, into: &out)
                out.append(UInt8(ascii: "\n"))
                return
            }
            opening(p, into: &out)
        }
        // Spans by kind: a recorded trace's functions are outside the catalogue.
        switch e.kind {
        case .enter:
            stacks.push(e)
            if let fn = e.function, let text = narration.removeValue(forKey: fn) {
                // A narrated call opens at once, its line inside it.
                opening(e, into: &out)
                var inside = e
                inside.depth &+= 1
                for (k, line) in narrationLines(text).enumerated() {
                    columns(inside, duration: nil, into: &out)
                    out += (k == 0 ? "/* » " : "/*   ") + line + " */\n"
                }
            } else {
                pending = e
            }
        case .exit:
            let start = stacks.pop(e)?.time ?? e.time
            columns(e, duration: e.time - start, into: &out)
            out += "}"
            retval(e.code, Int32(bitPattern: e.arg), leaf: false, into: &out)
            out.append(UInt8(ascii: "\n"))
        default:
            if case .indirectCall(let p, let target) = e.payload {
                columns(e, duration: nil, into: &out)
                out += "/* " + p.description + " = "
                out.append(name: target)
                out += " */\n"
            } else if let text = log.describe(e) {
                columns(e, duration: nil, into: &out)
                out += "/* " + text + " */\n"
            }
        }
    }

    mutating func footer(into out: inout OutputBuffer) {
        if let p = pending {
            opening(p, into: &out)
            pending = nil
        }
    }

    /// An untraced function: its entry is a comment line at the caller's
    /// depth, its exit nothing; the spans inside move up a level.
    private mutating func hide(_ e: Event, into out: inout OutputBuffer) {
        let key = SpanStacks.key(e)
        if key >= hiddenOpen.count { hiddenOpen += Array(repeating: 0, count: key + 1 - hiddenOpen.count) }
        guard e.kind == .enter else {
            hiddenOpen[key] &-= 1
            return
        }
        if let p = pending {
            pending = nil
            opening(p, into: &out)
        }
        let fn = Fn(rawValue: e.code)!
        columns(e, duration: nil, into: &out)
        out += "/* "
        out.append(name: fn)
        out += "() inline */\n"
        if let text = narration.removeValue(forKey: fn) {
            columns(e, duration: nil, into: &out)
            out += "/* » " + text + " */\n"
        }
        hiddenOpen[key] &+= 1
    }

    /// `fn() {`: an enter whose callee or comment came before its exit.
    private mutating func opening(_ e: Event, into out: inout OutputBuffer) {
        columns(e, duration: nil, into: &out)
        out.append(function: e.code, of: log)
        out += "() {\n"
    }

    /// print_graph_retval: `} /* fn = 0x0 */` after a brace, `fn(); /* = 0x0 */`
    /// after a leaf; hex, except an error code (-4095...-1), which is decimal.
    /// A void function gets funcgraph-tail's `} /* fn */` and a bare leaf.
    private func retval(_ code: UInt16, _ ret: Int32, leaf: Bool, into out: inout OutputBuffer) {
        if ret == Event.voidReturn && leaf { return }
        out += " /*"
        if !leaf {
            out.append(UInt8(ascii: " "))
            out.append(function: code, of: log)
        }
        if ret != Event.voidReturn {
            out += " = "
            if (-4095 ... -1).contains(ret) {
                out.appendDecimal(Int64(ret))
            } else {
                out += "0x"
                out.appendHex(UInt64(UInt32(bitPattern: ret)))
            }
        }
        out += " */"
    }

    /// The comm-pid of a context: comm by its kind, pid the host's index
    /// (100 × task + host for a host's second and later processes).
    private func task(host: Int, context: ExecutionContext) -> String {
        if let name = log.recording?.tasks[Int(context.rawValue)], !name.isEmpty {
            let dash = name.lastIndex(of: "-") ?? name.endIndex
            return String(name[..<dash].prefix(7) + name[dash...])
        }
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

    private func cpu(_ number: Int) -> String {
        let n = String(number)
        return String(repeating: " ", count: max(0, cpuWidth - n.count)) + n
    }

    /// verif_pid: when a CPU's task differs from the last one that CPU
    /// printed, the `=>` block; never before a CPU's first line.
    private mutating func switchTask(_ e: Event, cpu: Int, into out: inout OutputBuffer) {
        let key = SpanStacks.key(e)
        let last = lastTask[cpu]
        guard last != key else { return }
        lastTask[cpu] = key
        guard last >= 0 else { return }
        let prev = task(host: last >> 8, context: ExecutionContext(rawValue: UInt8(last & 0xff)))
        out += " ------------------------------------------\n"
        out += " \(self.cpu(cpu))) \(centred(prev)) => \(centred(task(host: Int(e.host), context: e.context)))\n"
        out += " ------------------------------------------\n\n"
    }

    /// Everything before the call graph: TIME | CPU) TASK-PID | DURATION |,
    /// then the indentation for the event's depth.
    private mutating func columns(_ e: Event, duration: UInt64?, into out: inout OutputBuffer) {
        let key = SpanStacks.key(e)
        // A recorded trace's CPU is a span's own; other lines run where the task last ran.
        var cpu = Int(e.host)
        if log.recording != nil {
            if key >= lastCPU.count { lastCPU += Array(repeating: 0, count: key + 1 - lastCPU.count) }
            if let c = log.cpu(e) { lastCPU[key] = min(c, 255) }
            cpu = lastCPU[key]
        }
        switchTask(e, cpu: cpu, into: &out)
        time(e.time, into: &out)
        // A model's CPU is its host, already in the key; a recording has one host.
        let slot = log.recording == nil ? key : cpu << 8 | key
        if slot >= taskColumns.count { taskColumns += Array(repeating: [], count: slot + 1 - taskColumns.count) }
        if taskColumns[slot].isEmpty {
            taskColumns[slot] = Array((" |   \(self.cpu(cpu))) " + centred(task(host: Int(e.host), context: e.context)) + " | ").utf8)
        }
        out.append(bytes: taskColumns[slot])
        if let d = duration {
            out.append(mark(d))
            out.append(UInt8(ascii: " "))
            usecs(d, into: &out)
            out += "|  "
        } else {
            out += "              |  "
        }
        let hidden = key < hiddenOpen.count ? Int(hiddenOpen[key]) : 0
        out.append(repeating: UInt8(ascii: " "), count: 2 * max(0, Int(e.depth) - hidden))
    }

    /// The TIME column: ``seconds(_:)`` right-aligned in 12 columns.
    private func time(_ ns: UInt64, into out: inout OutputBuffer) {
        let us = ns / 1000, whole = us / 1_000_000
        out.append(repeating: UInt8(ascii: " "), count: 12 - 7 - OutputBuffer.decimalDigits(whole))
        out.appendDecimal(whole)
        out.append(UInt8(ascii: "."))
        out.appendDecimal(us % 1_000_000, digits: 6)
    }

    /// trace_find_mark: the first mark whose threshold the duration exceeds.
    private func mark(_ ns: UInt64) -> UInt8 {
        switch ns {
        case 1_000_000_001...: UInt8(ascii: "$")
        case 100_000_001...: UInt8(ascii: "@")
        case 10_000_001...: UInt8(ascii: "*")
        case 1_000_001...: UInt8(ascii: "#")
        case 100_001...: UInt8(ascii: "!")
        case 10_001...: UInt8(ascii: "+")
        default: UInt8(ascii: " ")
        }
    }

    /// trace_print_graph_duration: at most 7 digits, then " us " padded to 8.
    private func usecs(_ ns: UInt64, into out: inout OutputBuffer) {
        let us = ns / 1000
        let usDigits = OutputBuffer.decimalDigits(us)
        out.appendDecimal(us)
        var width = usDigits
        if usDigits < 7 {
            // The nanoseconds, zero-padded to 3 digits, cut to fill 7 digits in all.
            let shown = min(3, 7 - usDigits)
            var rem = ns % 1000
            for _ in shown ..< 3 { rem /= 10 }
            out.append(UInt8(ascii: "."))
            out.appendDecimal(rem, digits: shown)
            width += 1 + shown
        }
        out += " us "
        out.append(repeating: UInt8(ascii: " "), count: 8 - width)
    }
}
