/// A decoded event: what the packed fields of an ``Event`` mean for its kind.
///
/// The layout lives in this file only: ``Moment/init(_:skb:)`` packs a
/// payload into the event's fields and ``Event/payload`` unpacks them, case
/// by case in the same order, and every field is as wide as the kernel value
/// it carries (or narrower by a bound the type states). A code this build
/// does not know (a log read from another build's file) decodes to
/// ``unknown(_:)``, never to a plausible neighbour.
public enum Payload: Equatable, Sendable {
    case enter(Fn, arg: UInt32)
    case exit(Fn, ret: Int32)
    case indirectCall(PointerExpr, target: Fn)
    case branch(Fn, Branch)
    case hookVerdict(NFHook, owner: HookOwner, priority: Int32, verdict: Verdict, decidedBy: RuleRef)
    case hookResult(NFHook, result: Int32)
    case neighCreated(NeighKey, ops: NeighOpsKind, state: NUDState, output: Fn)
    case nudChange(NeighKey, from: NUDState, to: NUDState, cause: Fn)
    case outputSwap(NeighKey, from: Fn, to: Fn)
    case neighProbes(NeighKey, probes: UInt32)
    case hhFilled(NeighKey, hhLen: UInt16)
    case neighFreed(NeighKey, cause: Fn)
    case kernelMessage(KernelMessage, packet: UInt32)
    case skbAlloc(parent: UInt32, AllocKind)
    case skbData(packet: UInt32)
    /// `length` is the queue's length after the change, below 2^24.
    case skbQueued(QueueKind, length: UInt32, owner: UInt32)
    case skbDequeued(QueueKind, length: UInt32, owner: UInt32)
    case skbDropped(DropReason, owner: UInt32)
    case skbFreed
    case skbConsumed
    /// A frame sent by the event's host through its device `ifindex`.
    case frame(packet: UInt32, ifindex: UInt16)
    case timerArmed(handler: Fn, object: UInt32, expires: UInt32)
    case timerFired(handler: Fn, object: UInt32)
    case timerCancelled(handler: Fn, object: UInt32)
    case sockState(sock: UInt32, from: TCPState, to: TCPState)
    case wakeup(sock: UInt32)
    /// An event whose codes this build does not know.
    case unknown(Event)
}

/// A neighbour entry's identity inside one host: device and IPv4 key.
public struct NeighKey: Hashable, Sendable {
    public let ifindex: UInt32
    public let ip: UInt32
    public init(ifindex: UInt32, ip: UInt32) { self.ifindex = ifindex; self.ip = ip }
}

/// What decided a table's verdict (ipt_do_table): the chain's policy, a
/// rule (numbered from 1, as `iptables -L --line-numbers` numbers them), or,
/// in the nat table, the connection's existing NAT binding.
public enum RuleRef: Hashable, Sendable {
    case policy
    case rule(UInt16)
    case natBinding
}

/// The packing side: the kernel model describes a teaching moment with these,
/// and ``Tracer/emit(_:host:context:time:)`` stamps the rest.
public struct Moment: Sendable {
    public let kind: Event.Kind
    public let code: UInt16, aux: UInt16, arg: UInt32, skb: UInt32

    /// The most a queue-length field holds: 24 bits, as `code`'s high byte
    /// and `aux`. The model's queues are bounded far below it (arp_queue by
    /// unres_qlen_bytes, the qdisc by tx_queue_len, sk_write_queue by the
    /// send buffer).
    public static let maxQueueLength: UInt32 = 1 << 24 - 1

    /// Packs `p`; `skb` is the skb the event is about, for the kinds whose
    /// `skb` field means an skb (neighbour, timer and branch events use it
    /// for their own values).
    @inline(__always)
    public init(_ p: Payload, skb: UInt32 = 0) {
        switch p {
        case .enter(let fn, let arg): self.init(.enter, fn.rawValue, 0, arg, skb)
        case .exit(let fn, let ret): self.init(.exit, fn.rawValue, 0, UInt32(bitPattern: ret), skb)
        case .indirectCall(let ptr, let target): self.init(.indirectCall, target.rawValue, ptr.rawValue, 0, skb)
        case .branch(let fn, let b):
            let (reason, arg, word) = b.packed
            self.init(.branch, fn.rawValue, reason.rawValue, arg, word)
        case .hookVerdict(let h, let owner, let priority, let verdict, let decided):
            let (kind, rule): (UInt16, UInt16) = switch decided {
            case .policy: (0, 0)
            case .rule(let n): (1, n)
            case .natBinding: (2, 0)
            }
            precondition(owner.rawValue < 32 && h.hooknum < 8, "a hook owner or number beyond the verdict event's bits")
            self.init(.hookVerdict, rule,
                      Moment.pack(h) | UInt16(verdict.rawValue) << 7 | kind << 5 | owner.rawValue,
                      UInt32(bitPattern: priority), skb)
        case .hookResult(let h, let result): self.init(.hookResult, 0, Moment.pack(h), UInt32(bitPattern: result), skb)
        case .neighCreated(let n, let ops, let state, let output):
            self.init(.neighCreated, output.rawValue, UInt16(ops.rawValue) << 8 | UInt16(state.rawValue), n.ip, n.ifindex)
        case .nudChange(let n, let from, let to, let cause):
            self.init(.nudChange, cause.rawValue, UInt16(from.rawValue) << 8 | UInt16(to.rawValue), n.ip, n.ifindex)
        case .outputSwap(let n, let from, let to): self.init(.outputSwap, to.rawValue, from.rawValue, n.ip, n.ifindex)
        case .neighProbes(let n, let probes):
            self.init(.neighProbes, UInt16(truncatingIfNeeded: probes >> 16), UInt16(truncatingIfNeeded: probes), n.ip, n.ifindex)
        case .hhFilled(let n, let hhLen): self.init(.hhFilled, 0, hhLen, n.ip, n.ifindex)
        case .neighFreed(let n, let cause): self.init(.neighFreed, cause.rawValue, 0, n.ip, n.ifindex)
        case .kernelMessage(let m, let packet): self.init(.kernelMessage, m.rawValue, 0, packet, skb)
        case .skbAlloc(let parent, let k): self.init(.skbAlloc, k.rawValue, 0, parent, skb)
        case .skbData(let packet): self.init(.skbData, 0, 0, packet, skb)
        case .skbQueued(let q, let length, let owner):
            self.init(.skbQueued, Moment.pack(q, length), UInt16(truncatingIfNeeded: length), owner, skb)
        case .skbDequeued(let q, let length, let owner):
            self.init(.skbDequeued, Moment.pack(q, length), UInt16(truncatingIfNeeded: length), owner, skb)
        case .skbDropped(let r, let owner): self.init(.skbDropped, r.rawValue, 0, owner, skb)
        case .skbFreed: self.init(.skbFreed, 0, 0, 0, skb)
        case .skbConsumed: self.init(.skbConsumed, 0, 0, 0, skb)
        case .frame(let packet, let ifindex): self.init(.frame, 0, ifindex, packet, skb)
        case .timerArmed(let fn, let object, let expires): self.init(.timerArmed, fn.rawValue, 0, object, expires)
        case .timerFired(let fn, let object): self.init(.timerFired, fn.rawValue, 0, object, 0)
        case .timerCancelled(let fn, let object): self.init(.timerCancelled, fn.rawValue, 0, object, 0)
        case .sockState(let sock, let from, let to):
            self.init(.sockState, 0, UInt16(from.rawValue) << 8 | UInt16(to.rawValue), sock, 0)
        case .wakeup(let sock): self.init(.wakeup, 0, 0, sock, 0)
        case .unknown(let e): self.init(e.kind, e.code, e.aux, e.arg, e.skb)
        }
    }

    @inline(__always)
    private init(_ kind: Event.Kind, _ code: UInt16, _ aux: UInt16, _ arg: UInt32, _ skb: UInt32) {
        self.kind = kind; self.code = code; self.aux = aux; self.arg = arg; self.skb = skb
    }

    /// A hook in `aux` bits 15...10: the family (2 bits), a bit that stays
    /// 0, the hook number (3 bits). Below it, a verdict event keeps the
    /// verdict (bits 9...7), what decided it (6...5) and the owner (4...0).
    @inline(__always)
    static func pack(_ h: NFHook) -> UInt16 {
        let pf: UInt16 = switch h.pf {
        case .NFPROTO_IPV4: 0
        case .NFPROTO_ARP: 1
        }
        return pf << 14 | UInt16(h.hooknum) << 10
    }
    static func unpackHook(_ aux: UInt16) -> NFHook? {
        let pf: NFProto
        switch aux >> 14 {
        case 0: pf = .NFPROTO_IPV4
        case 1: pf = .NFPROTO_ARP
        default: return nil
        }
        let hook = NFHook(pf, UInt8(aux >> 10 & 7))
        return aux & 0x2000 == 0 && hook.isKnown ? hook : nil
    }

    /// A queue kind in `code`'s low byte and the length's bits 23...16 above it.
    @inline(__always)
    static func pack(_ q: QueueKind, _ length: UInt32) -> UInt16 {
        precondition(length <= maxQueueLength, "queue length \(length) does not fit the event")
        return UInt16(length >> 16) << 8 | q.rawValue
    }
}

extension Event {
    /// The function a span, pointer call or branch names; nil for other kinds.
    public var function: Fn? {
        switch kind {
        case .enter, .exit, .indirectCall, .branch: Fn(rawValue: code)
        default: nil
        }
    }

    /// The skb the event is about, for the kinds whose `skb` field means an
    /// skb (neighbour, timer and branch events use it for other values).
    public var skbID: UInt32? {
        switch kind {
        case .enter, .exit, .hookVerdict, .hookResult, .skbAlloc, .skbData, .skbQueued, .skbDequeued,
             .skbDropped, .skbFreed, .skbConsumed, .frame:
            skb == 0 ? nil : skb
        case .indirectCall, .kernelMessage, .branch, .neighCreated, .nudChange, .outputSwap, .neighProbes, .hhFilled, .neighFreed,
             .timerArmed, .timerFired, .timerCancelled, .sockState, .wakeup:
            nil
        }
    }

    /// Decodes the packed fields: the inverse of ``Moment/init(_:skb:)``.
    public var payload: Payload {
        decoded ?? .unknown(self)
    }

    private var decoded: Payload? {
        let fn = Fn(rawValue: code)
        let neigh = NeighKey(ifindex: skb, ip: arg)
        let hi = NUDState(rawValue: UInt8(aux >> 8)), lo = NUDState(rawValue: UInt8(truncatingIfNeeded: aux))
        switch kind {
        case .enter: return fn.map { .enter($0, arg: arg) }
        case .exit: return fn.map { .exit($0, ret: Int32(bitPattern: arg)) }
        case .indirectCall:
            guard let fn, let ptr = PointerExpr(rawValue: aux) else { return nil }
            return .indirectCall(ptr, target: fn)
        case .branch:
            guard let fn, let reason = Branch.Reason(rawValue: aux), let b = Branch(reason: reason, arg, skb) else { return nil }
            return .branch(fn, b)
        case .hookVerdict:
            guard let hook = Moment.unpackHook(aux), let owner = HookOwner(rawValue: aux & 0x1f),
                  let verdict = Verdict(rawValue: UInt8(aux >> 7 & 7)) else { return nil }
            let decided: RuleRef
            switch (aux >> 5 & 3, code) {
            case (0, 0): decided = .policy
            case (1, let n): decided = .rule(n)
            case (2, 0): decided = .natBinding
            default: return nil
            }
            return .hookVerdict(hook, owner: owner, priority: Int32(bitPattern: arg), verdict: verdict, decidedBy: decided)
        case .hookResult:
            guard let hook = Moment.unpackHook(aux), aux & 0x3ff == 0 else { return nil }
            return .hookResult(hook, result: Int32(bitPattern: arg))
        case .neighCreated:
            guard let fn, let ops = NeighOpsKind(rawValue: UInt8(aux >> 8)) else { return nil }
            return .neighCreated(neigh, ops: ops, state: lo, output: fn)
        case .nudChange: return fn.map { .nudChange(neigh, from: hi, to: lo, cause: $0) }
        case .outputSwap:
            guard let fn, let from = Fn(rawValue: aux) else { return nil }
            return .outputSwap(neigh, from: from, to: fn)
        case .neighProbes: return .neighProbes(neigh, probes: UInt32(code) << 16 | UInt32(aux))
        case .hhFilled: return code == 0 ? .hhFilled(neigh, hhLen: aux) : nil
        case .neighFreed: return fn.map { .neighFreed(neigh, cause: $0) }
        case .kernelMessage: return KernelMessage(rawValue: code).map { .kernelMessage($0, packet: arg) }
        case .skbAlloc: return AllocKind(rawValue: code).map { .skbAlloc(parent: arg, $0) }
        case .skbData: return .skbData(packet: arg)
        case .skbQueued, .skbDequeued:
            guard let q = QueueKind(rawValue: code & 0xff) else { return nil }
            let length = UInt32(code >> 8) << 16 | UInt32(aux)
            return kind == .skbQueued ? .skbQueued(q, length: length, owner: arg) : .skbDequeued(q, length: length, owner: arg)
        case .skbDropped: return DropReason(rawValue: code).map { .skbDropped($0, owner: arg) }
        case .skbFreed: return .skbFreed
        case .skbConsumed: return .skbConsumed
        case .frame: return .frame(packet: arg, ifindex: aux)
        case .timerArmed: return fn.map { .timerArmed(handler: $0, object: arg, expires: skb) }
        case .timerFired: return fn.map { .timerFired(handler: $0, object: arg) }
        case .timerCancelled: return fn.map { .timerCancelled(handler: $0, object: arg) }
        case .sockState:
            guard let from = TCPState(rawValue: UInt8(aux >> 8)), let to = TCPState(rawValue: UInt8(truncatingIfNeeded: aux)) else { return nil }
            return .sockState(sock: arg, from: from, to: to)
        case .wakeup: return .wakeup(sock: arg)
        }
    }
}

/// The constructors the kernel model calls, one per kind, named as the
/// moments they record.
extension Moment {
    public static func indirectCall(_ p: PointerExpr, _ target: Fn) -> Moment { Moment(.indirectCall(p, target: target)) }
    public static func branch(_ fn: Fn, _ b: Branch) -> Moment { Moment(.branch(fn, b)) }
    public static func hookVerdict(_ h: NFHook, _ owner: HookOwner, priority: Int32, _ v: Verdict,
                                   rule: RuleRef, skb: UInt32) -> Moment {
        Moment(.hookVerdict(h, owner: owner, priority: priority, verdict: v, decidedBy: rule), skb: skb)
    }
    public static func hookResult(_ h: NFHook, _ result: Int32, skb: UInt32) -> Moment {
        Moment(.hookResult(h, result: result), skb: skb)
    }
    public static func neighCreated(_ n: NeighKey, _ ops: NeighOpsKind, _ state: NUDState, output: Fn) -> Moment {
        Moment(.neighCreated(n, ops: ops, state: state, output: output))
    }
    public static func nudChange(_ n: NeighKey, from: NUDState, to: NUDState, cause: Fn) -> Moment {
        Moment(.nudChange(n, from: from, to: to, cause: cause))
    }
    public static func outputSwap(_ n: NeighKey, from: Fn, to: Fn) -> Moment { Moment(.outputSwap(n, from: from, to: to)) }
    /// neigh->probes is an atomic_t the kernel only ever sets to small counts.
    public static func neighProbes(_ n: NeighKey, _ probes: Int) -> Moment { Moment(.neighProbes(n, probes: UInt32(probes))) }
    public static func hhFilled(_ n: NeighKey, hhLen: Int) -> Moment { Moment(.hhFilled(n, hhLen: UInt16(hhLen))) }
    public static func neighFreed(_ n: NeighKey, cause: Fn) -> Moment { Moment(.neighFreed(n, cause: cause)) }
    public static func kernelMessage(_ m: KernelMessage, packet: UInt32 = 0) -> Moment { Moment(.kernelMessage(m, packet: packet)) }
    public static func skbAlloc(_ skb: UInt32, parent: UInt32, _ k: AllocKind) -> Moment {
        Moment(.skbAlloc(parent: parent, k), skb: skb)
    }
    public static func skbData(_ skb: UInt32, packet: UInt32) -> Moment { Moment(.skbData(packet: packet), skb: skb) }
    public static func skbQueued(_ skb: UInt32, _ q: QueueKind, length: Int, owner: UInt32) -> Moment {
        Moment(.skbQueued(q, length: UInt32(length), owner: owner), skb: skb)
    }
    public static func skbDequeued(_ skb: UInt32, _ q: QueueKind, length: Int, owner: UInt32) -> Moment {
        Moment(.skbDequeued(q, length: UInt32(length), owner: owner), skb: skb)
    }
    public static func skbDropped(_ skb: UInt32, _ r: DropReason, owner: UInt32 = 0) -> Moment {
        Moment(.skbDropped(r, owner: owner), skb: skb)
    }
    public static func skbFreed(_ skb: UInt32) -> Moment { Moment(.skbFreed, skb: skb) }
    public static func skbConsumed(_ skb: UInt32) -> Moment { Moment(.skbConsumed, skb: skb) }
    /// A frame sent by the event's host through its device `ifindex`.
    public static func frame(_ skb: UInt32, packet: UInt32, ifindex: Int) -> Moment {
        Moment(.frame(packet: packet, ifindex: UInt16(ifindex)), skb: skb)
    }
    public static func timerArmed(_ handler: Fn, object: UInt32, expires: UInt32) -> Moment {
        Moment(.timerArmed(handler: handler, object: object, expires: expires))
    }
    public static func timerFired(_ handler: Fn, object: UInt32) -> Moment { Moment(.timerFired(handler: handler, object: object)) }
    public static func timerCancelled(_ handler: Fn, object: UInt32) -> Moment {
        Moment(.timerCancelled(handler: handler, object: object))
    }
    public static func sockState(sock: UInt32, from: TCPState, to: TCPState) -> Moment {
        Moment(.sockState(sock: sock, from: from, to: to))
    }
    public static func wakeup(sock: UInt32) -> Moment { Moment(.wakeup(sock: sock)) }
}

extension Tracer {
    @inline(__always)
    public func emit(_ m: Moment, host: UInt8, context: ExecutionContext, time: UInt64) {
        emit(m.kind, host: host, context: context, time: time, code: m.code, aux: m.aux, arg: m.arg, skb: m.skb)
    }
}
