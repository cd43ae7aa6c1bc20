import Tracing

/// Per host and execution context: the stack of open spans.
struct SpanStacks {
    /// By ``key(_:)``; grown as hosts appear, so a lookup is an index, not a hash.
    private var stacks: [[(code: UInt16, time: UInt64)]] = []

    static func key(_ e: Event) -> Int { Int(e.host) << 8 | Int(e.context.rawValue) }

    mutating func push(_ e: Event) {
        let k = Self.key(e)
        if k >= stacks.count { stacks += Array(repeating: [], count: k + 1 - stacks.count) }
        stacks[k].append((e.code, e.time))
    }
    mutating func pop(_ e: Event) -> (code: UInt16, time: UInt64)? {
        let k = Self.key(e)
        return k < stacks.count ? stacks[k].popLast() : nil
    }
    /// The innermost open span's function, if the catalogue has it.
    func top(_ e: Event) -> Fn? {
        let k = Self.key(e)
        return k < stacks.count ? stacks[k].last.flatMap { Fn(rawValue: $0.code) } : nil
    }
    /// Every open span, per host and context, in key order.
    var open: [(key: Int, spans: [(code: UInt16, time: UInt64)])] {
        stacks.indices.filter { !stacks[$0].isEmpty }.map { ($0, stacks[$0]) }
    }
}

/// "kernel/net/ipv4/ip_output.c", or the model's own file marked as such.
func kernelPath(_ fn: Fn) -> String {
    fn.info.kind == .model ? "kpath model: \(fn.info.file)" : "kernel/\(fn.info.file)"
}

/// Events that are bookkeeping for the TUI's panes (packet bytes, skb
/// lifetimes, probe counters), not lines of a text trace.
func isBookkeeping(_ e: Event) -> Bool {
    switch e.kind {
    case .skbData, .skbAlloc, .skbFreed, .neighProbes: true
    default: false
    }
}
