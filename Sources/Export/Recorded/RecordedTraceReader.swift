import Tracing

/// What reading a recorded trace found, besides the log.
public struct RecordedTraceReport: Sendable, Equatable {
    /// "tracefs", "trace-cmd report" or "jsonl".
    public var layout = ""
    public var lines = 0
    /// Function entries: `fn() {` and `fn();` lines.
    public var calls = 0
    /// Lines that are none of the layouts' lines; `--strict` stops at the first.
    public var unknownLines = 0
    public var firstUnknown: Int?
    /// Exits whose entry is not in the trace (it fell off the start of the buffer).
    public var orphanExits = 0
    /// Entries with no exit: still running when the trace ended, or closed in lost events.
    public var unclosed = 0
    /// Events the kernel says it dropped (`CPU:N [LOST n EVENTS]`).
    public var lostEvents = 0
    /// Tracepoint lines turned into kpath's own events (NUD changes, drops).
    public var tracepoints = 0
    /// trace_marker and other comment lines.
    public var comments = 0
}

/// Reads ftrace function_graph text as people paste it, one line at a time,
/// into a ``TraceLog`` with a ``Recording``:
///
/// - tracefs `trace` and `trace_pipe` with any funcgraph options: abstime,
///   cpu, proc, overhead marks, duration (or none), tail, retval, irqs,
///   latency format; the `=>` task-switch blocks; `CPU:N [LOST n EVENTS]`.
///   The columns are the ones print_graph_prologue and print_graph_duration
///   print (kernel/trace/trace_functions_graph.c).
/// - `trace-cmd report` (with or without the latency flags, `-l`), where
///   function_graph records are `funcgraph_entry`/`funcgraph_exit` events
///   and other events (tracepoints, `print`) are lines of their own.
///
/// Call stacks are kept per task (function_graph's return stack is the
/// task's, so an interrupt nests inside whatever task it interrupted); the
/// idle task is one per CPU. Depths are the trace's own indentation, so an
/// exit whose entry fell off the buffer, or an entry never closed, keeps its
/// place. Durations come from the duration column when there is one.
/// Memory: the log (24 bytes a line) and one line of text.
public final class RecordedTraceReader {
    private var log: TraceLog
    private var report = RecordedTraceReport()
    private let strict: Bool
    private var layout = Layout.unknown
    private enum Layout { case unknown, tracefs, traceCmd }

    private struct Frame { var code: UInt16; var time: UInt64; var depth: Int }
    private struct Task {
        var context: ExecutionContext
        var stack: [Frame] = []
        /// Where a comment line of this task nests: one below the innermost open call.
        var depth = 0
    }
    /// By identity: the pid, or for the idle task (pid 0) -1 - cpu.
    private var tasks: [Int: Task] = [:]
    /// How many tasks of each ``ExecutionContext/Kind`` have a context.
    private var perKind = [0, 0, 0, 0]
    /// The task each CPU ran last, from the `=>` blocks (traces without the proc column).
    private var cpuTask: [Int: (pid: Int, name: String)] = [:]
    private var symbolCodes: [String: UInt16] = [:]
    private var devices: [String: UInt32] = [:]
    private var skbs: [String: UInt32] = [:]
    /// The latest time seen; lines without a timestamp happen then.
    private var now: UInt64 = 0

    public init(source: String, strict: Bool = false) {
        self.strict = strict
        log = TraceLog(scenario: source, seed: 0, hosts: [HostInfo(name: "traced", devices: [""])])
        log.recording = Recording(source: source, layout: "")
    }

    /// Reads a file: tracefs text, a `trace-cmd report`, or kpath's own JSON Lines.
    /// - Throws: ``RecordedTraceError`` for a file that cannot be read, or,
    ///   with `strict`, at the first line that is not a trace line.
    public static func read(path: String, strict: Bool = false) throws -> (TraceLog, RecordedTraceReport) {
        let lines = try LineReader(path: path)
        let reader = RecordedTraceReader(source: path, strict: strict)
        while let line = lines.next() {
            if reader.report.lines == 0, line.first == UInt8(ascii: "{") {
                return try readJSONL(path: path, first: String(decoding: line, as: UTF8.self), rest: lines)
            }
            try reader.feed(line)
        }
        return reader.finish()
    }

    /// Reads text held in memory (tests).
    public static func read(text: String, source: String, strict: Bool = false) throws -> (TraceLog, RecordedTraceReport) {
        let reader = RecordedTraceReader(source: source, strict: strict)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var bytes = Array(line.utf8)
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            try bytes.withUnsafeBufferPointer { try reader.feed($0) }
        }
        if text.hasSuffix("\n") { reader.report.lines -= 1 }
        return reader.finish()
    }

    private static func readJSONL(path: String, first: String, rest: LineReader) throws -> (TraceLog, RecordedTraceReport) {
        do {
            let log = try JSONLReader.read(lines: [AnySequence([first]), rest.strings].joined())
            var report = RecordedTraceReport()
            report.layout = "jsonl"
            report.calls = log.events.lazy.filter { $0.kind == .enter }.count
            return (log, report)
        } catch let failure as JSONLReader.Failure {
            throw RecordedTraceError(file: path, line: failure.line, message: failure.message)
        }
    }

    /// The log and what was found. Entries still open stay open.
    public func finish() -> (TraceLog, RecordedTraceReport) {
        report.unclosed += tasks.values.reduce(0) { $0 + $1.stack.count }
        report.layout = layout == .traceCmd ? "trace-cmd report" : "tracefs"
        log.recording?.layout = report.layout
        return (log, report)
    }

    // MARK: - Lines

    /// Reads one line (its bytes, without the newline).
    public func feed(_ line: UnsafeBufferPointer<UInt8>) throws {
        report.lines += 1
        var s = Scanner(line)
        s.skipSpaces()
        if s.atEnd || s.peek == UInt8(ascii: "#") { return }
        if s.rest.starts(with: "---"), s.rest.allSatisfy({ $0 == UInt8(ascii: "-") }) { return }
        if try lost(s) { return }
        if layout != .tracefs, try traceCmdLine(s) {
            layout = .traceCmd
            return
        }
        if layout != .traceCmd, try taskSwitch(s) || graphLine(line) {
            layout = .tracefs
            return
        }
        try unknown(line, expected: layout == .traceCmd
            ? "a trace-cmd report line: COMM-PID [CPU] TIMESTAMP: EVENT: ..."
            : "a function_graph line: [TIME |] [CPU)] [TASK-PID |] [DURATION |] fn() {, fn();, } or /* comment */")
    }

    private func unknown(_ line: UnsafeBufferPointer<UInt8>, expected: String) throws {
        report.unknownLines += 1
        if report.firstUnknown == nil { report.firstUnknown = report.lines }
        if strict {
            throw RecordedTraceError(file: log.scenario, line: report.lines, message: "expected \(expected)")
        }
    }

    /// `CPU:N [LOST n EVENTS]` (tracefs, trace-cmd): the CPU's stacks can no
    /// longer be trusted, so its tasks' open entries are left unclosed.
    private func lost(_ line: Scanner) throws -> Bool {
        var s = line
        guard s.take("CPU:"), let cpu = s.integer(), s.take(" [LOST "), let n = s.integer() else {
            return false
        }
        report.lostEvents += Int(n)
        for (id, task) in tasks where id == -1 - Int(cpu) || cpuTask[Int(cpu)]?.pid == id {
            report.unclosed += task.stack.count
            tasks[id]?.stack = []
        }
        return true
    }

    /// ` N) prev-pid => next-pid`: which task the CPU runs from now on.
    private func taskSwitch(_ line: Scanner) -> Bool {
        var s = line
        guard let cpu = s.integer(), s.take(")") else { return false }
        let rest = s.string.trimmingCharacters(" ")
        guard let arrow = rest.range(of: " => ") else { return false }
        let prev = String(rest[..<arrow.lowerBound]).trimmingCharacters(" ")
        let next = String(rest[arrow.upperBound...]).trimmingCharacters(" ")
        guard let (_, pid) = Self.commPid(next), let (_, prevPid) = Self.commPid(prev) else { return false }
        // Calls read before the CPU's first switch were the previous task's.
        let anonymous = -1 - Int(cpu)
        if prevPid != 0, tasks[prevPid] == nil, let task = tasks.removeValue(forKey: anonymous) {
            log.recording!.tasks[Int(task.context.rawValue)] = prev
            tasks[prevPid] = task
        }
        cpuTask[Int(cpu)] = (pid, next)
        return true
    }

    /// A tracefs function_graph line. Columns, each optional, in the order
    /// print_graph_prologue writes them: abstime or reltime `%5lu.%06lu |  `,
    /// ` %*d) ` for the CPU, the centred `comm-pid` and ` | `, the latency
    /// flags and ` | `, then the overhead mark and duration (or blanks) and `|  `.
    private func graphLine(_ line: UnsafeBufferPointer<UInt8>) throws -> Bool {
        var s = Scanner(line)
        var time: UInt64?, cpu: Int?, pid: Int?, name: String?, duration: UInt64?
        // Spaces that the last column leaves before the call graph's indentation.
        var pad = 0
        var t = s
        t.skipSpaces()
        if let ts = t.timestamp() {
            t.skipSpaces()
            if t.take("|") { time = ts; s = t; pad = 2 }
        }
        t = s
        t.skipSpaces()
        if let c = t.integer(), t.take(")") { cpu = Int(c); s = t; pad = 1 }
        // Up to three `|`-ended columns: proc, latency flags, duration.
        for _ in 0..<3 {
            guard let bar = s.index(of: UInt8(ascii: "|")) else { break }
            let column = s.string(upTo: bar).trimmingCharacters(" ")
            if let d = Self.duration(column) {
                duration = d; s.move(to: bar + 1); pad = 2
                break
            }
            if column.isEmpty {
                s.move(to: bar + 1); pad = 2
                break
            }
            if pid == nil, duration == nil, let (comm, p) = Self.commPid(column) {
                pid = p; name = comm; s.move(to: bar + 1); pad = 1
                continue
            }
            if Self.isLatencyFlags(column) {
                s.move(to: bar + 1); pad = 1
                continue
            }
            break
        }
        let spaces = s.skipSpaces()
        let depth = max(0, spaces - pad) / 2
        let content = s.string.trimmingCharacters(" ")
        if content.hasPrefix("==========>") || content.hasPrefix("<==========") { return true }
        if content.hasPrefix("(Overruns:") { return true }
        guard let call = Self.call(content) else { return false }
        let cpuNumber = cpu ?? 0
        let id: (Int, String)
        if let pid {
            id = (pid, "\(name!)-\(pid)")
        } else if let current = cpuTask[cpuNumber] {
            id = current
        } else {
            id = (-1 - cpuNumber, "cpu\(cpuNumber)")
        }
        let at = time.map { $0 } ?? now
        apply(call, depth: depth, duration: duration, time: at, cpu: cpuNumber, pid: id.0, taskName: id.1)
        return true
    }

    /// A `trace-cmd report` line: `comm-pid [cpu] [flags] timestamp: event: body`
    /// (2.x's `-l` writes `comm-pid cpu+flags timestamp:` without brackets).
    private func traceCmdLine(_ line: Scanner) throws -> Bool {
        let text = line.string
        if text.hasPrefix("cpus=") || text.hasPrefix("version =") || (text.hasPrefix("CPU ") && text.hasSuffix(" is empty")) {
            return layout == .traceCmd || layout == .unknown
        }
        // The timestamp is the first `digits.digits:` token after the comm-pid.
        var words = text.split(separator: " ", omittingEmptySubsequences: true)[...]
        guard let tsIndex = words.firstIndex(where: { $0.hasSuffix(":") && Self.isTimestamp($0.dropLast()) }),
              tsIndex >= words.startIndex + 1 else { return false }
        var cpu: Int?
        var commEnd = tsIndex
        // `[001]`, then maybe the flags; or `1d..1`.
        if let bracket = words[..<tsIndex].firstIndex(where: { $0.hasPrefix("[") && $0.hasSuffix("]") }),
           let c = Int(words[bracket].dropFirst().dropLast()) {
            cpu = c; commEnd = bracket
        } else if let c = Int(words[tsIndex - 1].prefix(while: \.isNumber)), tsIndex - 1 > words.startIndex {
            cpu = c; commEnd = tsIndex - 1
        }
        guard let cpu, commEnd > words.startIndex,
              let (comm, pid) = Self.commPid(words[words.startIndex..<commEnd].joined(separator: " ")),
              let time = Self.timestampNanos(words[tsIndex].dropLast()) else { return false }
        let tsWord = words[tsIndex]
        words = words[(tsIndex + 1)...]
        guard let eventWord = words.first, eventWord.hasSuffix(":"),
              let tsRange = text.range(of: String(tsWord)),
              let nameRange = text.range(of: String(eventWord), range: tsRange.upperBound..<text.endIndex) else {
            return false
        }
        let event = eventWord.dropLast()
        // The body, with its spacing: everything after the event's name.
        let body = text[nameRange.upperBound...]
        let id = pid == 0 ? -1 - cpu : pid
        switch event {
        case "funcgraph_entry", "funcgraph_exit":
            guard let bar = body.firstIndex(of: "|") else { return false }
            let column = body[..<bar].trimmingCharacters(" ")
            let duration = Self.duration(column)
            guard column.isEmpty || duration != nil else { return false }
            let graph = body[body.index(after: bar)...]
            let spaces = graph.prefix(while: { $0 == " " }).count
            guard let call = Self.call(graph.trimmingCharacters(" ")) else { return false }
            switch (event, call) {
            case ("funcgraph_entry", .enter), ("funcgraph_entry", .leaf), ("funcgraph_exit", .exit): break
            default: return false
            }
            apply(call, depth: max(0, spaces - 2) / 2, duration: duration, time: time, cpu: cpu, pid: id,
                  taskName: "\(comm)-\(pid)")
        case "print", "bprint", "bputs":
            // `ip: text`: the text is what trace_marker or trace_printk wrote.
            var message = body.trimmingCharacters(" ")
            if let colon = message.range(of: ": "), !message[..<colon.lowerBound].contains(" ") {
                message = String(message[colon.upperBound...])
            }
            comment(message, time: time, cpu: cpu, pid: id, taskName: "\(comm)-\(pid)")
        default:
            comment("\(event): " + body.trimmingCharacters(" "), time: time, cpu: cpu, pid: id, taskName: "\(comm)-\(pid)")
        }
        return true
    }

    // MARK: - Calls

    enum Call: Equatable {
        case enter(String)
        case leaf(String, ret: Int32?)
        /// `}`, with the name funcgraph-tail or -retval print after it.
        case exit(String?, ret: Int32?)
        case comment(String)
    }

    /// The call graph part of a line: `fn() {`, `fn();` (`/* = ret */`),
    /// `}` (`/* fn */`, `/* fn = ret */`) or `/* text */`.
    static func call(_ text: String) -> Call? {
        if text.hasPrefix("/*") {
            guard text.hasSuffix("*/"), text.count >= 4 else { return nil }
            return .comment(String(text.dropFirst(2).dropLast(2)).trimmingCharacters(" "))
        }
        if text.first == "}" {
            let rest = text.dropFirst().trimmingCharacters(" ")
            if rest.isEmpty { return .exit(nil, ret: nil) }
            guard let inner = Self.commentText(rest) else { return nil }
            let (name, ret) = Self.nameAndReturn(inner)
            guard name.isEmpty || isFunctionName(name) else { return nil }
            return .exit(name.isEmpty ? nil : name, ret: ret)
        }
        guard let paren = text.firstIndex(of: "(") else { return nil }
        let name = text[..<paren].trimmingCharacters(" ")
        guard isFunctionName(name) else { return nil }
        // funcgraph-args prints the arguments between the parentheses.
        if text.hasSuffix(") {") { return .enter(name) }
        guard let close = text.range(of: ");", options: .backwards) else { return nil }
        let after = text[close.upperBound...].trimmingCharacters(" ")
        if after.isEmpty { return .leaf(name, ret: nil) }
        guard let inner = commentText(after), case let (n, ret?) = nameAndReturn(inner), n.isEmpty else { return nil }
        return .leaf(name, ret: ret)
    }

    private static func commentText(_ s: String) -> String? {
        guard s.hasPrefix("/*"), s.hasSuffix("*/"), s.count >= 4 else { return nil }
        return String(s.dropFirst(2).dropLast(2)).trimmingCharacters(" ")
    }

    /// `fn = 0x0`, `= -113`, `fn`: print_graph_retval writes errors (-4095...-1)
    /// in decimal and everything else in hex. The model keeps 32 bits.
    private static func nameAndReturn(_ s: String) -> (String, Int32?) {
        guard let eq = s.range(of: "=") else { return (s, nil) }
        let name = s[..<eq.lowerBound].trimmingCharacters(" ")
        let value = s[eq.upperBound...].trimmingCharacters(" ")
        if value.hasPrefix("0x"), let v = UInt64(value.dropFirst(2), radix: 16) {
            return (name, Int32(truncatingIfNeeded: v))
        }
        return (name, Int64(value).map { Int32(truncatingIfNeeded: $0) })
    }

    /// A symbol as `%ps` prints it: `name`, `name.isra.0`, `name [module]`,
    /// or an address when the symbol is unknown.
    static func isFunctionName(_ s: String) -> Bool {
        var name = Substring(s)
        if let space = s.firstIndex(of: " ") {
            let module = s[s.index(after: space)...]
            guard module.hasPrefix("["), module.hasSuffix("]"), module.count > 2 else { return false }
            name = s[..<space]
        }
        guard let first = name.first, first.isLetter || first == "_" || first.isNumber else { return false }
        return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "$" }
    }

    private func apply(_ call: Call, depth: Int, duration: UInt64?, time: UInt64, cpu: Int, pid: Int, taskName: String) {
        var task = self.task(pid: pid, name: taskName)
        defer { tasks[pid] = task }
        now = max(now, time)
        let cpuCode = UInt16(clamping: cpu)
        switch call {
        case .enter(let name):
            closeAbandoned(&task, from: depth, time: time, cpu: cpuCode)
            let code = symbol(name)
            emit(.enter, task, depth: depth, time: time, code: code, aux: cpuCode, arg: 0)
            task.stack.append(Frame(code: code, time: time, depth: depth))
            task.depth = depth + 1
            report.calls += 1
        case .leaf(let name, let ret):
            closeAbandoned(&task, from: depth, time: time, cpu: cpuCode)
            let code = symbol(name)
            emit(.enter, task, depth: depth, time: time, code: code, aux: cpuCode, arg: 0)
            let end = time + (duration ?? 0)
            emit(.exit, task, depth: depth, time: end, code: code, aux: cpuCode,
                 arg: UInt32(bitPattern: ret ?? Event.voidReturn))
            now = max(now, end)
            task.depth = depth
            report.calls += 1
        case .exit(let name, let ret):
            closeAbandoned(&task, from: depth + 1, time: time, cpu: cpuCode)
            var code: UInt16
            var end = time
            if let top = task.stack.last, top.depth == depth {
                task.stack.removeLast()
                code = top.code
                if let duration { end = top.time + duration }
            } else {
                report.orphanExits += 1
                code = symbol(name ?? "?")
            }
            if let name { code = symbol(name) }
            emit(.exit, task, depth: depth, time: end, code: code, aux: cpuCode,
                 arg: UInt32(bitPattern: ret ?? Event.voidReturn))
            now = max(now, end)
            task.depth = depth
        case .comment(let text):
            tasks[pid] = task
            comment(text, time: time, cpu: cpu, pid: pid, taskName: taskName)
            task = tasks[pid]!
        }
    }

    /// Entries at or below `depth` still open when a line at `depth` comes:
    /// their exits were lost. They stay unclosed in the log.
    private func closeAbandoned(_ task: inout Task, from depth: Int, time: UInt64, cpu: UInt16) {
        while let top = task.stack.last, top.depth >= depth {
            task.stack.removeLast()
            report.unclosed += 1
        }
    }

    /// A comment line: a tracepoint kpath knows becomes its own event, any other a comment event.
    private func comment(_ text: String, time: UInt64, cpu: Int, pid: Int, taskName: String) {
        let task = self.task(pid: pid, name: taskName)
        tasks[pid] = task
        now = max(now, time)
        if let m = tracepoint(text) {
            report.tracepoints += 1
            emit(m.kind, task, depth: task.depth, time: time, code: m.code, aux: m.aux, arg: m.arg, skb: m.skb)
            return
        }
        report.comments += 1
        let packet = log.storePacket(Array(text.utf8))
        let m = Moment.kernelMessage(.traceComment, packet: packet)
        emit(m.kind, task, depth: task.depth, time: time, code: m.code, aux: UInt16(clamping: cpu), arg: m.arg, skb: m.skb)
    }

    private func emit(_ kind: Event.Kind, _ task: Task, depth: Int, time: UInt64, code: UInt16, aux: UInt16,
                      arg: UInt32, skb: UInt32 = 0) {
        log.append(Event(time: time, kind: kind, host: 0, context: task.context, depth: UInt8(clamping: depth),
                         code: code, aux: aux, arg: arg, skb: skb))
    }

    /// The task's state, making a context for it the first time: the
    /// context's kind by what the task is.
    private func task(pid: Int, name: String) -> Task {
        if let t = tasks[pid] {
            // A task's comm changes when it calls exec.
            if perKind[Int(t.context.kind.rawValue)] <= 64 { log.recording!.tasks[Int(t.context.rawValue)] = name }
            return t
        }
        let kind: ExecutionContext.Kind =
            pid < 0 || name.hasPrefix("<idle>") || name.hasPrefix("swapper") ? .timer
            : name.hasPrefix("ksoftir") ? .softirq
            : name.hasPrefix("kworker") || name.hasPrefix("kworke") ? .workqueue
            : .process
        // 64 tasks of a kind have contexts of their own; later ones share the last.
        let n = min(perKind[Int(kind.rawValue)], 63)
        perKind[Int(kind.rawValue)] += 1
        let context = ExecutionContext(rawValue: UInt8(n << 2) | kind.rawValue)
        let shared = perKind[Int(kind.rawValue)] > 64
        log.recording!.tasks[Int(context.rawValue)] = shared ? "other tasks" : name
        return Task(context: context)
    }

    /// The code of a function: the catalogue's when it has the name, else
    /// the recording's own (a compiler's copy such as `.isra.0` included:
    /// it keeps its spelling, and ``TraceLog/catalogueFunction(code:)`` finds its original).
    private func symbol(_ name: String) -> UInt16 {
        if let code = symbolCodes[name] { return code }
        let code: UInt16
        if let fn = Fn(name: name) {
            code = fn.rawValue
        } else {
            let index = log.recording!.symbols.count
            // Beyond the code space, names share the last code: never seen in practice.
            code = Fn.foreignBase + UInt16(min(index, Int(UInt16.max - Fn.foreignBase)))
            if index <= Int(UInt16.max - Fn.foreignBase) { log.recording!.symbols.append(name) }
        }
        symbolCodes[name] = code
        return code
    }

    // MARK: - Tracepoints

    /// kpath's own event for a tracepoint line, where its fields allow one:
    /// `neigh_update` (include/trace/events/neigh.h) a NUD change, `kfree_skb`
    /// (include/trace/events/skb.h) with a drop reason kpath knows a drop.
    private func tracepoint(_ text: String) -> Moment? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let name = text[..<colon]
        let fields = Self.fields(text[text.index(after: colon)...])
        switch name {
        case "neigh_update":
            guard fields["family"] == "2", let dev = fields["dev"], let ip = fields["primary_key4"].flatMap(IPv4.parse),
                  let from = fields["nud_state"].flatMap(Self.nudState), let to = fields["new_state"].flatMap(Self.nudState),
                  from != to else { return nil }
            return .nudChange(NeighKey(ifindex: device(dev), ip: ip), from: from, to: to, cause: .neigh_update)
        case "kfree_skb":
            guard let reason = fields["reason"].flatMap({ r in DropReason.allCases.first { $0.description == "SKB_DROP_REASON_" + r } }),
                  let skb = fields["skbaddr"] else { return nil }
            return .skbDropped(skbID(skb), reason)
        default:
            return nil
        }
    }

    /// `key value` pairs of a TP_printk line; `reason: X` and `key=value` too.
    static func fields(_ text: Substring) -> [String: String] {
        var out: [String: String] = [:]
        let words = text.split(separator: " ").map(String.init)
        var i = 0
        while i < words.count {
            let w = words[i]
            if let eq = w.firstIndex(of: "=") {
                out[String(w[..<eq])] = String(w[w.index(after: eq)...])
                i += 1
            } else if i + 1 < words.count {
                out[w.hasSuffix(":") ? String(w.dropLast()) : w] = words[i + 1]
                i += 2
            } else {
                i += 1
            }
        }
        return out
    }

    /// neigh_state_str's names; NUD_NONE prints as its value, 0x0.
    static func nudState(_ s: String) -> NUDState? {
        switch s {
        case "incomplete": .NUD_INCOMPLETE
        case "reachable": .NUD_REACHABLE
        case "stale": .NUD_STALE
        case "delay": .NUD_DELAY
        case "probe": .NUD_PROBE
        case "failed": .NUD_FAILED
        case "noarp": .NUD_NOARP
        case "permanent": .NUD_PERMANENT
        case "0x0", "0": .NUD_NONE
        default: nil
        }
    }

    /// The traced machine's devices get ifindexes in the order they appear.
    private func device(_ name: String) -> UInt32 {
        if let i = devices[name] { return i }
        log.hosts[0].devices.append(name)
        let i = UInt32(log.hosts[0].devices.count - 1)
        devices[name] = i
        return i
    }

    /// skb addresses become small numbers, in the order they appear.
    private func skbID(_ address: String) -> UInt32 {
        if let i = skbs[address] { return i }
        let i = UInt32(skbs.count + 1)
        skbs[address] = i
        return i
    }

    // MARK: - Columns

    /// `nc-561`, `<idle>-0`, `kworker/0:1-12`: the comm and the pid after the last '-'.
    static func commPid(_ s: String) -> (String, Int)? {
        guard let dash = s.lastIndex(of: "-"), dash > s.startIndex, let pid = Int(s[s.index(after: dash)...]), pid >= 0 else {
            return nil
        }
        return (String(s[..<dash]), pid)
    }

    /// `+ 33.710 us`, `1.152 us`, `! 1234567 us`: the overhead mark, then
    /// trace_print_graph_duration's microseconds, in nanoseconds.
    static func duration(_ column: String) -> UInt64? {
        var s = Substring(column)
        if let mark = s.first, "+!#*@$".contains(mark) { s = s.dropFirst().drop { $0 == " " } }
        guard s.hasSuffix(" us") else { return nil }
        let number = s.dropLast(3).trimmingCharacters(" ")
        return microseconds(Substring(number))
    }

    /// `12.345` microseconds in nanoseconds; the fraction has at most 3 digits.
    private static func microseconds(_ s: Substring) -> UInt64? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = UInt64(parts[0]) else { return nil }
        var ns = whole * 1000
        if parts.count == 2 {
            let frac = parts[1]
            guard !frac.isEmpty, frac.count <= 3, let f = UInt64(frac) else { return nil }
            var scale: UInt64 = 1
            for _ in frac.count..<3 { scale *= 10 }
            ns += f * scale
        }
        return ns
    }

    /// The latency format's flags (`d..1.`, `.N.2`): irqs-off, need-resched,
    /// hardirq/softirq, preempt depth, and on newer kernels migrate-disable.
    static func isLatencyFlags(_ s: String) -> Bool {
        (4...6).contains(s.count) && s.allSatisfy { ".dDbBNnpPHhsXxZzt".contains($0) || $0.isNumber }
            && !s.allSatisfy(\.isNumber)
    }

    static func isTimestamp<S: StringProtocol>(_ s: S) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && parts.allSatisfy { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    /// Seconds with a fraction (microseconds, or nanoseconds with `trace-cmd report -t`) in nanoseconds.
    static func timestampNanos<S: StringProtocol>(_ s: S) -> UInt64? {
        guard isTimestamp(s) else { return nil }
        let parts = s.split(separator: ".")
        guard let whole = UInt64(parts[0]), parts[1].count <= 9, let frac = UInt64(parts[1]) else { return nil }
        var scale: UInt64 = 1
        for _ in parts[1].count..<9 { scale *= 10 }
        return whole * 1_000_000_000 + frac * scale
    }
}

/// A cursor over one line's bytes.
struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var i = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { i >= bytes.count }
    var peek: UInt8? { atEnd ? nil : bytes[i] }
    var rest: UnsafeBufferPointer<UInt8>.SubSequence { bytes[i...] }
    /// The rest of the line as a string.
    var string: String { String(decoding: bytes[i...], as: UTF8.self) }

    func string(upTo end: Int) -> String { String(decoding: bytes[i..<end], as: UTF8.self) }
    func index(of byte: UInt8) -> Int? { bytes[i...].firstIndex(of: byte) }
    mutating func move(to j: Int) { i = j }

    /// Skips spaces; returns how many.
    @discardableResult
    mutating func skipSpaces() -> Int {
        let start = i
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
        return i - start
    }

    mutating func take(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard i + n <= bytes.count else { return false }
        let p = literal.utf8Start
        for k in 0..<n where bytes[i + k] != p[k] { return false }
        i += n
        return true
    }

    mutating func integer() -> UInt64? {
        var v: UInt64 = 0, any = false
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
            v = v &* 10 &+ UInt64(bytes[i] - 0x30); i += 1; any = true
        }
        return any ? v : nil
    }

    /// `44.558371`: seconds and microseconds (or finer) in nanoseconds.
    mutating func timestamp() -> UInt64? {
        let start = i
        guard integer() != nil, take(".") else { i = start; return nil }
        let fracStart = i
        guard integer() != nil else { i = start; return nil }
        return RecordedTraceReader.timestampNanos(String(decoding: bytes[start..<i], as: UTF8.self))
            ?? { i = fracStart; return nil }()
    }
}

extension StringProtocol {
    func trimmingCharacters(_ c: Character) -> String {
        String(drop { $0 == c }.reversed().drop { $0 == c }.reversed())
    }
}

extension UnsafeBufferPointer<UInt8>.SubSequence {
    func starts(with literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard count >= n else { return false }
        return zip(self.prefix(n), UnsafeBufferPointer(start: literal.utf8Start, count: n)).allSatisfy { $0 == $1 }
    }
}
