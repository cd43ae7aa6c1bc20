import Tracing

/// Words for events: the tree's rows and the panes' captions all say an
/// event the same way because they all come here.
public enum EventText {
    /// `0`, `1`, `-EHOSTUNREACH`; nil for void. See ``returnText(_:of:)``.
    public static func returnValue(_ ret: Int32, of fn: Fn? = nil) -> String? {
        guard let fn else { return ret == Event.voidReturn ? nil : Errno.name(ret) ?? String(ret) }
        return returnText(ret, of: fn)
    }

    /// What nf_hook_slow's return means for the okfn.
    public static func hookResult(_ result: Int32) -> String {
        switch result {
        case 1: "1: the okfn runs"
        case 0: "0: stolen or queued, the okfn does not run"
        default: "\(returnValue(result) ?? String(result)): dropped, the okfn does not run"
        }
    }

    /// One line for a non-span event (enter and exit rows belong to the tree).
    public static func describe(_ e: Event, in log: TraceLog) -> String {
        if e.function == nil, e.kind == .enter || e.kind == .exit {
            return log.functionName(code: e.code) + (e.kind == .enter ? "()" : " returns")
        }
        switch e.payload {
        case .enter(let fn, _): return "\(fn.name)()"
        case .exit(let fn, let ret): return "\(fn.name) returns " + (returnValue(ret, of: fn) ?? "(void)")
        case .indirectCall(let expr, let target): return "\(expr) → \(target.name)"
        case .branch(_, let branch): return "why: " + branch.explanation
        case .skbData(let packet): return "skb#\(e.skb) bytes: \(PacketDecoder.summary(log.packets[packet]))"
        default:
            // Every other event in the words the exports use, marked by kind.
            return symbol(e.kind) + (log.describe(e) ?? "")
        }
    }

    /// A mark that lets a kind of moment stand out in the tree.
    static func symbol(_ kind: Event.Kind) -> String {
        switch kind {
        case .hookVerdict, .hookResult: "⚑ "
        case .nudChange, .outputSwap, .sockState, .skbQueued: "★ "
        case .neighCreated: "✚ "
        case .skbDropped: "✗ "
        case .frame: "⇢ "
        case .timerArmed, .timerFired, .timerCancelled: "⏲ "
        default: ""
        }
    }
}
