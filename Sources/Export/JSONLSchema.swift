import Tracing

/// The JSON Lines schema's fixed vocabulary (docs/jsonl.md). The names are
/// part of the schema: a new event kind needs a new name here, and the
/// switch below will not compile until it has one.
enum JSONLSchema {
    static let version = 2
    static let magic = "kpath_jsonl"

    static func name(_ kind: Event.Kind) -> String {
        switch kind {
        case .enter: "enter"
        case .exit: "exit"
        case .indirectCall: "indirect_call"
        case .branch: "branch"
        case .hookVerdict: "hook_verdict"
        case .hookResult: "hook_result"
        case .neighCreated: "neigh_created"
        case .nudChange: "nud_change"
        case .outputSwap: "output_swap"
        case .neighProbes: "neigh_probes"
        case .hhFilled: "hh_filled"
        case .neighFreed: "neigh_freed"
        case .kernelMessage: "kernel_message"
        case .skbAlloc: "skb_alloc"
        case .skbData: "skb_data"
        case .skbQueued: "skb_queued"
        case .skbDequeued: "skb_dequeued"
        case .skbDropped: "skb_dropped"
        case .skbFreed: "skb_freed"
        case .skbConsumed: "skb_consumed"
        case .frame: "frame"
        case .timerArmed: "timer_armed"
        case .timerFired: "timer_fired"
        case .timerCancelled: "timer_cancelled"
        case .sockState: "sock_state"
        case .wakeup: "wakeup"
        }
    }

    static let kinds: [String: Event.Kind] =
        Dictionary(uniqueKeysWithValues: Event.Kind.allCases.map { (name($0), $0) })

    /// Context names ("process", "process 2", "softirq"...); a name that
    /// several raw values share maps to the first, the one the model uses.
    static let contexts: [String: ExecutionContext] = {
        var map: [String: ExecutionContext] = [:]
        for c in ExecutionContext.allCases where map[c.name] == nil { map[c.name] = c }
        return map
    }()

    /// Whether the event's `arg` is a packet index (its packet line comes first).
    static func carriesPacket(_ e: Event) -> Bool {
        switch e.payload {
        case .frame, .skbData, .kernelMessage(.iptLog, _), .kernelMessage(.traceComment, _): true
        default: false
        }
    }
}
