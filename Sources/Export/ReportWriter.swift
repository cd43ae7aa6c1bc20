import Tracing

/// How `kpath report` orders its rows, as uftrace report's `--sort` keys.
public enum ReportSort: String, CaseIterable, Sendable {
    /// Total time, largest first (uftrace's default).
    case total
    /// Self time (total minus the callees'), largest first.
    case `self`
    /// Number of calls, most first.
    case calls
    /// Function name, A to Z.
    case function
}

/// Per function: calls, total and self virtual time, folded over the spans
/// the filter keeps, for each host and execution context.
///
/// A call's total time runs from its entry to its exit; its self time is
/// that less the total of the calls it made (so sleeping in a process
/// context counts as the sleeper's self time, as wall-clock profilers count
/// it). A function that calls itself counts every call, but adds to its total
/// only from its outermost call, as uftrace report does, so nothing is
/// counted twice. Calls still open at the end of the selection end at its
/// last event. An exit whose entry was filtered away is ignored.
struct CallProfile {
    struct Stats { var calls = 0, total: UInt64 = 0, selfTime: UInt64 = 0 }

    /// By ``SpanStacks/key(_:)``: per function code (a recorded trace's
    /// functions outside the catalogue included), the figures so far.
    private(set) var stats: [Int: [UInt16: Stats]] = [:]
    /// By key: open calls, with the time their callees took.
    private var stacks: [Int: [(fn: UInt16, start: UInt64, callees: UInt64)]] = [:]
    private(set) var lastTime: UInt64 = 0

    /// Folds one event in; returns the stack a finished call closed (for
    /// the folded format), outermost first, and the call's self time.
    @discardableResult
    mutating func add(_ e: Event) -> (stack: [UInt16], selfTime: UInt64)? {
        lastTime = max(lastTime, e.time)
        let key = SpanStacks.key(e)
        switch e.kind {
        case .enter:
            let fn = e.code
            stacks[key, default: []].append((fn, e.time, 0))
            stats[key, default: [:]][fn, default: Stats()].calls += 1
            return nil
        case .exit:
            guard stacks[key]?.last?.fn == e.code else { return nil }
            return close(key, at: e.time)
        default:
            return nil
        }
    }

    /// Closes every call still open, at the last event's time.
    mutating func finish(_ each: ([UInt16], UInt64, Int) -> Void = { _, _, _ in }) {
        for key in stacks.keys.sorted() {
            while stacks[key]?.isEmpty == false {
                let (stack, selfTime) = close(key, at: lastTime)
                each(stack, selfTime, key)
            }
        }
    }

    /// The host's name and the context's for a ``SpanStacks/key(_:)``.
    static func track(_ key: Int, in log: TraceLog) -> (host: String, context: String) {
        let host = key >> 8
        return (host < log.hosts.count ? log.hosts[host].name : "host\(host)",
                ExecutionContext(rawValue: UInt8(key & 0xff)).name)
    }

    private mutating func close(_ key: Int, at time: UInt64) -> (stack: [UInt16], selfTime: UInt64) {
        let stack = stacks[key]!.map(\.fn)
        let call = stacks[key]!.removeLast()
        let total = time - call.start
        let selfTime = total - min(call.callees, total)
        if !stacks[key]!.isEmpty { stacks[key]![stacks[key]!.count - 1].callees += total }
        let outermost = !stacks[key]!.contains { $0.fn == call.fn }
        if outermost { stats[key]![call.fn]!.total += total }
        stats[key]![call.fn]!.selfTime += selfTime
        return (stack, selfTime)
    }
}

/// uftrace report's table, per host and execution context:
///
/// ```
/// # client process
///       Total time       Self time     Calls  Function
///   ==============  ==============  ========  ====================
///       418.400 us        0.100 us         1  __inet_stream_connect
/// ```
struct ReportWriter: TraceWriter {
    let log: TraceLog
    let sort: ReportSort
    private var profile = CallProfile()

    init(log: TraceLog, sort: ReportSort) { self.log = log; self.sort = sort }

    func header(into out: inout OutputBuffer) {
        out += "# kpath report: \(log.scenario) (seed \(log.seed)), virtual time, sorted by \(sort.rawValue)\n"
    }

    mutating func event(_ e: Event, index: Int, into out: inout OutputBuffer) {
        profile.add(e)
    }

    mutating func footer(into out: inout OutputBuffer) {
        profile.finish()
        for key in profile.stats.keys.sorted() {
            let track = CallProfile.track(key, in: log)
            out += "\n# \(track.host) \(track.context)\n"
            out += "  " + Self.pad("Total time", 14) + "  " + Self.pad("Self time", 14) + "  " + Self.pad("Calls", 8) + "  Function\n"
            out += "  " + String(repeating: "=", count: 14) + "  " + String(repeating: "=", count: 14)
                + "  ========  ====================\n"
            for (fn, s) in rows(profile.stats[key]!) {
                // Two spaces between columns always, however long a time gets.
                out += "  " + Self.pad(JSONText.micros(s.total) + " us", 14) + "  " + Self.pad(JSONText.micros(s.selfTime) + " us", 14)
                    + "  " + Self.pad(String(s.calls), 8) + "  " + log.functionName(code: fn) + "\n"
            }
        }
    }

    private func rows(_ stats: [UInt16: CallProfile.Stats]) -> [(UInt16, CallProfile.Stats)] {
        stats.sorted { a, b in
            let (x, y) = (a.value, b.value)
            switch sort {
            case .total where x.total != y.total: return x.total > y.total
            case .self where x.selfTime != y.selfTime: return x.selfTime > y.selfTime
            case .calls where x.calls != y.calls: return x.calls > y.calls
            default: return log.functionName(code: a.key) < log.functionName(code: b.key)
            }
        }
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - s.count)) + s
    }
}

/// Collapsed stacks, the input of flamegraph.pl and speedscope: one line
/// per distinct stack, `host;context;outer;…;inner value`, the value being
/// the stack's self time in virtual nanoseconds, lines in byte order.
/// Stacks with no self time are left out.
struct FoldedWriter: TraceWriter {
    let log: TraceLog
    private var profile = CallProfile()
    private var samples: [String: UInt64] = [:]

    init(log: TraceLog) { self.log = log }

    func header(into out: inout OutputBuffer) {}

    mutating func event(_ e: Event, index: Int, into out: inout OutputBuffer) {
        guard let (stack, selfTime) = profile.add(e) else { return }
        record(stack, selfTime, SpanStacks.key(e))
    }

    mutating func footer(into out: inout OutputBuffer) {
        var closed: [([UInt16], UInt64, Int)] = []
        profile.finish { closed.append(($0, $1, $2)) }
        for (stack, selfTime, key) in closed { record(stack, selfTime, key) }
        for (stack, value) in samples.sorted(by: { Array($0.key.utf8).lexicographicallyPrecedes($1.key.utf8) }) {
            out += stack + " \(value)\n"
        }
    }

    private mutating func record(_ stack: [UInt16], _ selfTime: UInt64, _ key: Int) {
        guard selfTime > 0 else { return }
        let track = CallProfile.track(key, in: log)
        let path = ([track.host, track.context] + stack.map { log.functionName(code: $0) }).joined(separator: ";")
        samples[path, default: 0] += selfTime
    }
}
