import Tracing

/// Words for events: the tree's rows and the panes' captions all say an
/// event the same way because they all come here.
public enum EventText {
    /// `0`, `1`, `-EHOSTUNREACH`: a return value as the kernel reader thinks
    /// of it; nil for a function returning void (``Event/voidReturn``).
    public static func returnValue(_ ret: Int32, of fn: Fn? = nil) -> String? {
        if ret == Event.voidReturn { return nil }
        if let fn, !fn.returnsErrno { return String(ret) }
        return ret < 0 ? Errno.name(ret) ?? String(ret) : String(ret)
    }

    /// Virtual time as ftrace prints it: seconds with microseconds.
    public static func time(_ ns: UInt64) -> String {
        let us = ns / 1000
        let frac = String(us % 1_000_000)
        return "\(us / 1_000_000)." + String(repeating: "0", count: 6 - frac.count) + frac
    }

    /// "client" or "eth0@client"-less host name of `e`.
    public static func host(_ e: Event, _ log: TraceLog) -> String { log.hostName(e) }

    public static func device(_ host: UInt8, _ ifindex: UInt32, _ log: TraceLog) -> String {
        let devices = Int(host) < log.hosts.count ? log.hosts[Int(host)].devices : []
        let i = Int(ifindex)
        return i < devices.count && !devices[i].isEmpty ? devices[i] : "if\(ifindex)"
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
        switch e.payload {
        case .enter(let fn, _): return "\(fn.name)()"
        case .exit(let fn, let ret): return "\(fn.name) returns " + (returnValue(ret, of: fn) ?? "(void)")
        case .indirectCall(let expr, let target): return "\(expr) → \(target.name)"
        case .branch(_, let branch, let value): return "why: " + branch.explain(value)
        case .hookVerdict(let hook, let owner, let priority, let verdict, _):
            return "⚑ \(hook) \(owner) prio \(priority): \(verdict)"
        case .hookResult(let hook, let result): return "⚑ \(hook) → \(hookResult(result))"
        case .neighCreated(let key, let ops, let state, let output):
            return "✚ neighbour \(IPv4.string(key.ip)) dev \(device(e.host, key.ifindex, log)) created: \(state.shortName), \(ops), output \(output.name)"
        case .nudChange(let key, let from, let to, let cause):
            _ = cause   // the tree shows the call it happens in
            return "★ \(IPv4.string(key.ip)) nud_state \(from.shortName) → \(to.shortName)"
        case .outputSwap(let key, let from, let to):
            return "★ \(IPv4.string(key.ip)) n->output: \(from.name) → \(to.name)"
        case .neighProbes(let key, let probes): return "\(IPv4.string(key.ip)) probes = \(probes)"
        case .hhFilled(let key, let len): return "\(IPv4.string(key.ip)) hh cache filled (\(len) bytes)"
        case .skbAlloc(let parent, let kind):
            switch kind {
            case .alloc: return "skb#\(e.skb) allocated"
            case .clone: return "skb#\(e.skb) = skb_clone(skb#\(parent))"
            case .rx: return "skb#\(e.skb) built from a received frame"
            }
        case .skbData(let packet): return "skb#\(e.skb) bytes: \(PacketDecoder.summary(log.packets[packet]))"
        case .skbQueued(let queue, let length, _): return "★ skb#\(e.skb) queued on \(queue) (length \(length))"
        case .skbDequeued(let queue, let length, _): return "skb#\(e.skb) taken off \(queue) (length \(length))"
        case .skbDropped(let reason, _): return "✗ skb#\(e.skb) dropped: \(reason)"
        case .skbFreed: return "skb#\(e.skb) freed"
        case .skbConsumed: return "skb#\(e.skb) consumed"
        case .frame(let packet): return "⇢ on the wire: \(PacketDecoder.summary(log.packets[packet]))"
        case .timerArmed(let handler, _, let expires): return "⏲ \(handler.name) armed, expires \(expires)"
        case .timerFired(let handler, _): return "⏲ \(handler.name) fires"
        case .timerCancelled(let handler, _): return "⏲ \(handler.name) cancelled"
        case .sockState(let sock, let from, let to): return "★ sock#\(sock) \(from) → \(to)"
        case .wakeup(let sock): return "wake up the task sleeping on sock#\(sock)"
        case .neighFreed, .kernelMessage: return log.describe(e) ?? ""
        }
    }

    /// The skb an event is about, when its `skb` field means an skb.
    public static func skb(of e: Event) -> UInt32? {
        switch e.kind {
        case .enter, .exit, .hookVerdict, .hookResult, .skbAlloc, .skbData, .skbQueued, .skbDequeued,
             .skbDropped, .skbFreed, .skbConsumed, .frame:
            e.skb == 0 ? nil : e.skb
        default:
            nil
        }
    }
}
