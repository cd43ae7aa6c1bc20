/// A decoded event: what the packed fields of an ``Event`` mean for its kind.
/// The packing lives here and in the `Event` factories below, nowhere else.
public enum Payload: Equatable, Sendable {
    case enter(Fn, arg: UInt32)
    case exit(Fn, ret: Int32)
    case indirectCall(PointerExpr, target: Fn)
    case branch(Fn, Branch, value: UInt32)
    case hookVerdict(NFHook, owner: HookOwner, priority: Int32, verdict: Verdict, rule: Int)
    case hookResult(NFHook, result: Int32)
    case neighCreated(NeighKey, ops: NeighOpsKind, state: NUDState, output: Fn)
    case nudChange(NeighKey, from: NUDState, to: NUDState, cause: Fn)
    case outputSwap(NeighKey, from: Fn, to: Fn)
    case neighProbes(NeighKey, probes: Int)
    case hhFilled(NeighKey, hhLen: Int)
    case neighFreed(NeighKey, cause: Fn)
    case kernelMessage(KernelMessage, packet: UInt32)
    case skbAlloc(parent: UInt32, AllocKind)
    case skbData(packet: UInt32)
    case skbQueued(QueueKind, length: Int, owner: UInt32)
    case skbDequeued(QueueKind, length: Int, owner: UInt32)
    case skbDropped(DropReason, owner: UInt32)
    case skbFreed
    case skbConsumed
    case frame(packet: UInt32)
    case timerArmed(handler: Fn, object: UInt32, expires: UInt32)
    case timerFired(handler: Fn, object: UInt32)
    case timerCancelled(handler: Fn, object: UInt32)
    case sockState(sock: UInt32, from: TCPState, to: TCPState)
    case wakeup(sock: UInt32)
}

/// A neighbour entry's identity inside one host: device and IPv4 key.
public struct NeighKey: Hashable, Sendable {
    public let ifindex: UInt32
    public let ip: UInt32
    public init(ifindex: UInt32, ip: UInt32) { self.ifindex = ifindex; self.ip = ip }
}

extension Event {
    public var function: Fn? {
        switch kind {
        case .enter, .exit, .indirectCall, .branch: Fn(rawValue: code)
        default: nil
        }
    }

    private var neigh: NeighKey { NeighKey(ifindex: skb, ip: arg) }
    private var hook: NFHook {
        NFHook(NFProto(rawValue: UInt8(aux >> 13)) ?? .NFPROTO_IPV4, UInt8(aux >> 10 & 7))
    }

    /// Decodes the packed fields. A log read back from a file that holds
    /// codes this build does not know decodes them as `nil` fields' neighbours.
    public var payload: Payload {
        let fn = Fn(rawValue: code) ?? .tcp_connect
        switch kind {
        case .enter: return .enter(fn, arg: arg)
        case .exit: return .exit(fn, ret: Int32(bitPattern: arg))
        case .indirectCall: return .indirectCall(PointerExpr(rawValue: aux) ?? .n_output, target: fn)
        case .branch: return .branch(fn, Branch(rawValue: aux) ?? .slowPath, value: arg)
        case .hookVerdict:
            return .hookVerdict(hook, owner: HookOwner(rawValue: code) ?? .iptable_filter,
                                priority: Int32(bitPattern: arg),
                                verdict: Verdict(rawValue: UInt8(aux >> 7 & 7)) ?? .NF_ACCEPT,
                                rule: Int(aux & 0x7f))
        case .hookResult: return .hookResult(hook, result: Int32(bitPattern: arg))
        case .neighCreated:
            return .neighCreated(neigh, ops: NeighOpsKind(rawValue: UInt8(aux >> 8)) ?? .arp_generic_ops,
                                 state: NUDState(rawValue: UInt8(aux & 0xff)), output: fn)
        case .nudChange:
            return .nudChange(neigh, from: NUDState(rawValue: UInt8(aux >> 8)),
                              to: NUDState(rawValue: UInt8(aux & 0xff)), cause: fn)
        case .outputSwap: return .outputSwap(neigh, from: Fn(rawValue: aux) ?? fn, to: fn)
        case .neighProbes: return .neighProbes(neigh, probes: Int(aux))
        case .hhFilled: return .hhFilled(neigh, hhLen: Int(aux))
        case .neighFreed: return .neighFreed(neigh, cause: fn)
        case .kernelMessage: return .kernelMessage(KernelMessage(rawValue: code) ?? .neighTableOverflow, packet: arg)
        case .skbAlloc: return .skbAlloc(parent: arg, AllocKind(rawValue: code) ?? .alloc)
        case .skbData: return .skbData(packet: arg)
        case .skbQueued: return .skbQueued(QueueKind(rawValue: code) ?? .qdisc, length: Int(aux), owner: arg)
        case .skbDequeued: return .skbDequeued(QueueKind(rawValue: code) ?? .qdisc, length: Int(aux), owner: arg)
        case .skbDropped: return .skbDropped(DropReason(rawValue: code) ?? .NEIGH_FAILED, owner: arg)
        case .skbFreed: return .skbFreed
        case .skbConsumed: return .skbConsumed
        case .frame: return .frame(packet: arg)
        case .timerArmed: return .timerArmed(handler: fn, object: arg, expires: skb)
        case .timerFired: return .timerFired(handler: fn, object: arg)
        case .timerCancelled: return .timerCancelled(handler: fn, object: arg)
        case .sockState:
            return .sockState(sock: arg,
                              from: TCPState(rawValue: UInt8(aux >> 8)) ?? .TCP_CLOSE,
                              to: TCPState(rawValue: UInt8(aux & 0xff)) ?? .TCP_CLOSE)
        case .wakeup: return .wakeup(sock: arg)
        }
    }
}

/// The packing side: the kernel model describes a teaching moment with these,
/// and ``Tracer/emit(_:host:context:time:code:aux:arg:skb:)`` stamps the rest.
public struct Moment: Sendable {
    public let kind: Event.Kind
    public let code: UInt16, aux: UInt16, arg: UInt32, skb: UInt32

    public static func indirectCall(_ p: PointerExpr, _ target: Fn) -> Moment {
        Moment(kind: .indirectCall, code: target.rawValue, aux: p.rawValue, arg: 0, skb: 0)
    }
    public static func branch(_ fn: Fn, _ b: Branch, _ value: UInt32 = 0) -> Moment {
        Moment(kind: .branch, code: fn.rawValue, aux: b.rawValue, arg: value, skb: 0)
    }
    public static func hookVerdict(_ h: NFHook, _ owner: HookOwner, priority: Int32, _ v: Verdict,
                                   rule: Int, skb: UInt32) -> Moment {
        Moment(kind: .hookVerdict, code: owner.rawValue, aux: packHook(h) | UInt16(v.rawValue) << 7 | UInt16(rule & 0x7f),
               arg: UInt32(bitPattern: priority), skb: skb)
    }
    public static func hookResult(_ h: NFHook, _ result: Int32, skb: UInt32) -> Moment {
        Moment(kind: .hookResult, code: 0, aux: packHook(h), arg: UInt32(bitPattern: result), skb: skb)
    }
    public static func neighCreated(_ n: NeighKey, _ ops: NeighOpsKind, _ state: NUDState, output: Fn) -> Moment {
        Moment(kind: .neighCreated, code: output.rawValue, aux: UInt16(ops.rawValue) << 8 | UInt16(state.rawValue),
               arg: n.ip, skb: n.ifindex)
    }
    public static func nudChange(_ n: NeighKey, from: NUDState, to: NUDState, cause: Fn) -> Moment {
        Moment(kind: .nudChange, code: cause.rawValue, aux: UInt16(from.rawValue) << 8 | UInt16(to.rawValue),
               arg: n.ip, skb: n.ifindex)
    }
    public static func outputSwap(_ n: NeighKey, from: Fn, to: Fn) -> Moment {
        Moment(kind: .outputSwap, code: to.rawValue, aux: from.rawValue, arg: n.ip, skb: n.ifindex)
    }
    public static func neighProbes(_ n: NeighKey, _ probes: Int) -> Moment {
        Moment(kind: .neighProbes, code: 0, aux: UInt16(clamping: probes), arg: n.ip, skb: n.ifindex)
    }
    public static func hhFilled(_ n: NeighKey, hhLen: Int) -> Moment {
        Moment(kind: .hhFilled, code: 0, aux: UInt16(hhLen), arg: n.ip, skb: n.ifindex)
    }
    public static func neighFreed(_ n: NeighKey, cause: Fn) -> Moment {
        Moment(kind: .neighFreed, code: cause.rawValue, aux: 0, arg: n.ip, skb: n.ifindex)
    }
    public static func kernelMessage(_ m: KernelMessage, packet: UInt32 = 0) -> Moment {
        Moment(kind: .kernelMessage, code: m.rawValue, aux: 0, arg: packet, skb: 0)
    }
    public static func skbAlloc(_ skb: UInt32, parent: UInt32, _ k: AllocKind) -> Moment {
        Moment(kind: .skbAlloc, code: k.rawValue, aux: 0, arg: parent, skb: skb)
    }
    public static func skbData(_ skb: UInt32, packet: UInt32) -> Moment {
        Moment(kind: .skbData, code: 0, aux: 0, arg: packet, skb: skb)
    }
    public static func skbQueued(_ skb: UInt32, _ q: QueueKind, length: Int, owner: UInt32) -> Moment {
        Moment(kind: .skbQueued, code: q.rawValue, aux: UInt16(clamping: length), arg: owner, skb: skb)
    }
    public static func skbDequeued(_ skb: UInt32, _ q: QueueKind, length: Int, owner: UInt32) -> Moment {
        Moment(kind: .skbDequeued, code: q.rawValue, aux: UInt16(clamping: length), arg: owner, skb: skb)
    }
    public static func skbDropped(_ skb: UInt32, _ r: DropReason, owner: UInt32 = 0) -> Moment {
        Moment(kind: .skbDropped, code: r.rawValue, aux: 0, arg: owner, skb: skb)
    }
    public static func skbFreed(_ skb: UInt32) -> Moment { Moment(kind: .skbFreed, code: 0, aux: 0, arg: 0, skb: skb) }
    public static func skbConsumed(_ skb: UInt32) -> Moment { Moment(kind: .skbConsumed, code: 0, aux: 0, arg: 0, skb: skb) }
    /// A frame sent by the event's host through its device `ifindex`.
    public static func frame(_ skb: UInt32, packet: UInt32, ifindex: Int = 0) -> Moment {
        Moment(kind: .frame, code: 0, aux: UInt16(clamping: ifindex), arg: packet, skb: skb)
    }
    public static func timer(_ k: Event.Kind, _ handler: Fn, object: UInt32, expires: UInt32 = 0) -> Moment {
        Moment(kind: k, code: handler.rawValue, aux: 0, arg: object, skb: expires)
    }
    public static func sockState(sock: UInt32, from: TCPState, to: TCPState) -> Moment {
        Moment(kind: .sockState, code: 0, aux: UInt16(from.rawValue) << 8 | UInt16(to.rawValue), arg: sock, skb: 0)
    }
    public static func wakeup(sock: UInt32) -> Moment { Moment(kind: .wakeup, code: 0, aux: 0, arg: sock, skb: 0) }

    private static func packHook(_ h: NFHook) -> UInt16 { UInt16(h.pf.rawValue) << 13 | UInt16(h.hooknum) << 10 }
}

extension Tracer {
    @inline(__always)
    public func emit(_ m: Moment, host: UInt8, context: ExecutionContext, time: UInt64) {
        emit(m.kind, host: host, context: context, time: time, code: m.code, aux: m.aux, arg: m.arg, skb: m.skb)
    }
}
