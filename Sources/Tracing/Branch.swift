/// Why the code went one way and not the other: the "because" a student needs
/// beside the call tree. The kernel model emits one ``Branch`` at each
/// decision, with the facts that decided it as typed values; ``explanation``
/// turns it into one line.
///
/// A branch travels in an ``Event`` as a ``Reason`` (in `aux`) and two 32-bit
/// words (`arg` and `skb`). ``packed`` and ``init(reason:_:_:)`` are the only
/// code that knows the layout, and they are written side by side, case by
/// case, so a value never loses bits on its way into the log.
public enum Branch: Hashable, Sendable {
    case routeFromSocket
    case routeOnLink(nexthop: UInt32)
    case routeViaGateway(gateway: UInt32)
    case routeLocal(daddr: UInt32)
    case routeForward(daddr: UInt32)
    /// tcp_v4_connect: the route is RTCF_BROADCAST or RTCF_MULTICAST.
    case routeBroadcast(daddr: UInt32)
    /// ip_route_input_slow's no_route: the positive errno kept in dst->error.
    case routeUnreachable(daddr: UInt32, err: Int32)
    /// ip_error on a host that does not forward.
    case notForwarding
    case nfNoHooks, nfAllAccepted
    /// nf_hook_slow's return value after NF_DROP (-EPERM unless the verdict carried an errno).
    case nfDropped(ret: Int32)
    case nfOkfnRuns
    case nfOkfnSkipped(ret: Int32)
    /// ip_finish_output: the skb's length and the device's MTU (lo's is
    /// 65536; ipv4_mtu caps what ip_finish_output compares at IP_MAX_MTU).
    case finishOutputPlain(len: UInt32, deviceMTU: UInt32)
    case neighLookupHit(NUDState)
    case neighLookupMiss
    case ctorOps(NeighOpsKind)
    case pendingConfirm
    /// 6.1: sock_confirm_neigh found the socket's pending confirmation.
    case sockConfirmNeigh
    case hhFastPath(NUDState, hhLen: UInt16)
    case slowPath(NUDState, hhLen: UInt16, output: Fn)
    case eventSendNow(NUDState), eventSendResolve(NUDState)
    case startResolve(NUDState, probes: UInt32)
    case queueOnArp, dropOldest
    case solicitBroadcast, solicitUnicast
    case hhInit
    case qdiscBypass
    case qdiscEnqueue(qlen: UInt32)
    case noQueue
    case arpRequestForUs(tip: UInt32)
    case arpReplyForUs
    case arpNotForUs(tip: UInt32)
    /// arp_ignore (or arp_filter) says dont_send: no reply, nothing learned.
    case arpIgnored(arpIgnore: Int32)
    case arpReplyDelayed(ms: UInt32)
    case updateConnect(NUDState), updateSuspect(NUDState)
    case updateDrain
    case synAckAcksSyn, listenGotSyn, ackCompletesHandshake
    case tcpIgnoresXmitError(err: Int32)
    /// __tcp_retransmit_skb: the clone of the last transmission, still held.
    case stillInHostQueue(skb: UInt32)
    /// tcp_v4_err: what is left of the RTO after one backoff is undone (0: none).
    case icmpUndoBackoff(remainingMs: UInt32)
    /// tcp_v4_err: the positive errno icmp_err_convert gave (sk_err, sk_err_soft).
    case icmpHardError(err: Int32), icmpSoftError(err: Int32)

    /// The case's tag as the log stores it (the event's `aux`).
    public enum Reason: UInt16, Sendable, CaseIterable {
        case routeFromSocket, routeOnLink, routeViaGateway, routeLocal, routeForward
        case routeBroadcast, routeUnreachable, notForwarding
        case nfNoHooks, nfAllAccepted, nfDropped, nfOkfnRuns, nfOkfnSkipped
        case finishOutputPlain
        case neighLookupHit, neighLookupMiss
        case ctorOps
        case pendingConfirm, sockConfirmNeigh
        case hhFastPath, slowPath
        case eventSendNow, eventSendResolve
        case startResolve, queueOnArp, dropOldest
        case solicitBroadcast, solicitUnicast
        case hhInit
        case qdiscBypass, qdiscEnqueue, noQueue
        case arpRequestForUs, arpReplyForUs, arpNotForUs, arpIgnored, arpReplyDelayed
        case updateConnect, updateSuspect, updateDrain
        case synAckAcksSyn, listenGotSyn, ackCompletesHandshake
        case tcpIgnoresXmitError, stillInHostQueue, icmpUndoBackoff, icmpHardError, icmpSoftError
    }

    /// The stored form: the reason and two words.
    public var packed: (reason: Reason, arg: UInt32, word: UInt32) {
        switch self {
        case .routeFromSocket: (.routeFromSocket, 0, 0)
        case .routeOnLink(let a): (.routeOnLink, a, 0)
        case .routeViaGateway(let a): (.routeViaGateway, a, 0)
        case .routeLocal(let a): (.routeLocal, a, 0)
        case .routeForward(let a): (.routeForward, a, 0)
        case .routeBroadcast(let a): (.routeBroadcast, a, 0)
        case .routeUnreachable(let a, let e): (.routeUnreachable, a, UInt32(bitPattern: e))
        case .notForwarding: (.notForwarding, 0, 0)
        case .nfNoHooks: (.nfNoHooks, 0, 0)
        case .nfAllAccepted: (.nfAllAccepted, 0, 0)
        case .nfDropped(let r): (.nfDropped, UInt32(bitPattern: r), 0)
        case .nfOkfnRuns: (.nfOkfnRuns, 0, 0)
        case .nfOkfnSkipped(let r): (.nfOkfnSkipped, UInt32(bitPattern: r), 0)
        case .finishOutputPlain(let len, let mtu): (.finishOutputPlain, len, mtu)
        case .neighLookupHit(let s): (.neighLookupHit, UInt32(s.rawValue), 0)
        case .neighLookupMiss: (.neighLookupMiss, 0, 0)
        case .ctorOps(let ops): (.ctorOps, UInt32(ops.rawValue), 0)
        case .pendingConfirm: (.pendingConfirm, 0, 0)
        case .sockConfirmNeigh: (.sockConfirmNeigh, 0, 0)
        case .hhFastPath(let s, let hh): (.hhFastPath, UInt32(s.rawValue), UInt32(hh))
        case .slowPath(let s, let hh, let out): (.slowPath, UInt32(s.rawValue) | UInt32(out.rawValue) << 16, UInt32(hh))
        case .eventSendNow(let s): (.eventSendNow, UInt32(s.rawValue), 0)
        case .eventSendResolve(let s): (.eventSendResolve, UInt32(s.rawValue), 0)
        case .startResolve(let s, let probes): (.startResolve, UInt32(s.rawValue), probes)
        case .queueOnArp: (.queueOnArp, 0, 0)
        case .dropOldest: (.dropOldest, 0, 0)
        case .solicitBroadcast: (.solicitBroadcast, 0, 0)
        case .solicitUnicast: (.solicitUnicast, 0, 0)
        case .hhInit: (.hhInit, 0, 0)
        case .qdiscBypass: (.qdiscBypass, 0, 0)
        case .qdiscEnqueue(let q): (.qdiscEnqueue, q, 0)
        case .noQueue: (.noQueue, 0, 0)
        case .arpRequestForUs(let tip): (.arpRequestForUs, tip, 0)
        case .arpReplyForUs: (.arpReplyForUs, 0, 0)
        case .arpNotForUs(let tip): (.arpNotForUs, tip, 0)
        case .arpIgnored(let v): (.arpIgnored, UInt32(bitPattern: v), 0)
        case .arpReplyDelayed(let ms): (.arpReplyDelayed, ms, 0)
        case .updateConnect(let s): (.updateConnect, UInt32(s.rawValue), 0)
        case .updateSuspect(let s): (.updateSuspect, UInt32(s.rawValue), 0)
        case .updateDrain: (.updateDrain, 0, 0)
        case .synAckAcksSyn: (.synAckAcksSyn, 0, 0)
        case .listenGotSyn: (.listenGotSyn, 0, 0)
        case .ackCompletesHandshake: (.ackCompletesHandshake, 0, 0)
        case .tcpIgnoresXmitError(let e): (.tcpIgnoresXmitError, UInt32(bitPattern: e), 0)
        case .stillInHostQueue(let skb): (.stillInHostQueue, skb, 0)
        case .icmpUndoBackoff(let ms): (.icmpUndoBackoff, ms, 0)
        case .icmpHardError(let e): (.icmpHardError, UInt32(bitPattern: e), 0)
        case .icmpSoftError(let e): (.icmpSoftError, UInt32(bitPattern: e), 0)
        }
    }

    /// The inverse of ``packed``; nil when a stored code is not one this
    /// build knows (a state, ops table or function number out of range).
    public init?(reason: Reason, _ arg: UInt32, _ word: UInt32) {
        let nud = NUDState(rawValue: UInt8(truncatingIfNeeded: arg))
        let narrowState = arg <= UInt8.max
        switch reason {
        case .routeFromSocket: self = .routeFromSocket
        case .routeOnLink: self = .routeOnLink(nexthop: arg)
        case .routeViaGateway: self = .routeViaGateway(gateway: arg)
        case .routeLocal: self = .routeLocal(daddr: arg)
        case .routeForward: self = .routeForward(daddr: arg)
        case .routeBroadcast: self = .routeBroadcast(daddr: arg)
        case .routeUnreachable: self = .routeUnreachable(daddr: arg, err: Int32(bitPattern: word))
        case .notForwarding: self = .notForwarding
        case .nfNoHooks: self = .nfNoHooks
        case .nfAllAccepted: self = .nfAllAccepted
        case .nfDropped: self = .nfDropped(ret: Int32(bitPattern: arg))
        case .nfOkfnRuns: self = .nfOkfnRuns
        case .nfOkfnSkipped: self = .nfOkfnSkipped(ret: Int32(bitPattern: arg))
        case .finishOutputPlain: self = .finishOutputPlain(len: arg, deviceMTU: word)
        case .neighLookupHit: guard narrowState else { return nil }; self = .neighLookupHit(nud)
        case .neighLookupMiss: self = .neighLookupMiss
        case .ctorOps:
            guard let ops = UInt8(exactly: arg).flatMap(NeighOpsKind.init(rawValue:)) else { return nil }
            self = .ctorOps(ops)
        case .pendingConfirm: self = .pendingConfirm
        case .sockConfirmNeigh: self = .sockConfirmNeigh
        case .hhFastPath:
            guard narrowState, let hh = UInt16(exactly: word) else { return nil }
            self = .hhFastPath(nud, hhLen: hh)
        case .slowPath:
            guard arg & 0xff00 == 0, let out = Fn(rawValue: UInt16(arg >> 16)), let hh = UInt16(exactly: word) else { return nil }
            self = .slowPath(nud, hhLen: hh, output: out)
        case .eventSendNow: guard narrowState else { return nil }; self = .eventSendNow(nud)
        case .eventSendResolve: guard narrowState else { return nil }; self = .eventSendResolve(nud)
        case .startResolve: guard narrowState else { return nil }; self = .startResolve(nud, probes: word)
        case .queueOnArp: self = .queueOnArp
        case .dropOldest: self = .dropOldest
        case .solicitBroadcast: self = .solicitBroadcast
        case .solicitUnicast: self = .solicitUnicast
        case .hhInit: self = .hhInit
        case .qdiscBypass: self = .qdiscBypass
        case .qdiscEnqueue: self = .qdiscEnqueue(qlen: arg)
        case .noQueue: self = .noQueue
        case .arpRequestForUs: self = .arpRequestForUs(tip: arg)
        case .arpReplyForUs: self = .arpReplyForUs
        case .arpNotForUs: self = .arpNotForUs(tip: arg)
        case .arpIgnored: self = .arpIgnored(arpIgnore: Int32(bitPattern: arg))
        case .arpReplyDelayed: self = .arpReplyDelayed(ms: arg)
        case .updateConnect: guard narrowState else { return nil }; self = .updateConnect(nud)
        case .updateSuspect: guard narrowState else { return nil }; self = .updateSuspect(nud)
        case .updateDrain: self = .updateDrain
        case .synAckAcksSyn: self = .synAckAcksSyn
        case .listenGotSyn: self = .listenGotSyn
        case .ackCompletesHandshake: self = .ackCompletesHandshake
        case .tcpIgnoresXmitError: self = .tcpIgnoresXmitError(err: Int32(bitPattern: arg))
        case .stillInHostQueue: self = .stillInHostQueue(skb: arg)
        case .icmpUndoBackoff: self = .icmpUndoBackoff(remainingMs: arg)
        case .icmpHardError: self = .icmpHardError(err: Int32(bitPattern: arg))
        case .icmpSoftError: self = .icmpSoftError(err: Int32(bitPattern: arg))
        }
    }

    /// One line for the explain pane.
    public var explanation: String {
        switch self {
        case .routeFromSocket: return "route cached on the socket at connect (__sk_dst_check) → reuse it"
        case .routeOnLink(let a): return "destination is on-link → next hop = daddr \(IPv4.string(a))"
        case .routeViaGateway(let a): return "destination is off-link → next hop = gateway \(IPv4.string(a))"
        case .routeLocal(let a): return "destination \(IPv4.string(a)) is local → dst->input = ip_local_deliver"
        case .routeForward(let a): return "destination \(IPv4.string(a)) is not ours and ip_forward = 1 → dst->input = ip_forward"
        case .routeBroadcast(let a):
            return "\(IPv4.string(a)) is a broadcast or multicast route (RTCF_BROADCAST|RTCF_MULTICAST) → -ENETUNREACH"
        case .routeUnreachable(let a, let e):
            let why = e == Errno.EHOSTUNREACH ? "is not ours and ip_forward = 0" : "has no route"
            return "destination \(IPv4.string(a)) \(why) → RTN_UNREACHABLE, dst->input = ip_error (\(Errno.name(-e) ?? String(e)))"
        case .notForwarding: return "this host does not forward → no ICMP error, the packet is only counted (InAddrErrors) and freed"
        case .nfNoHooks: return "no entry registered at this hook → return 1 at once"
        case .nfAllAccepted: return "every entry returned NF_ACCEPT → nf_hook_slow returns 1 (the okfn may run)"
        case .nfDropped(let r): return "an entry returned NF_DROP → skb freed, return \(Errno.name(r) ?? String(r))"
        case .nfOkfnRuns: return "nf_hook returned 1 → call the okfn"
        case .nfOkfnSkipped(let r): return "nf_hook returned \(r) (not 1) → the okfn does not run"
        case .finishOutputPlain(let len, let deviceMTU):
            // ipv4_mtu (net/ipv4/route.c) returns min(dev->mtu, IP_MAX_MTU).
            let mtu = min(deviceMTU, Branch.IP_MAX_MTU)
            let capped = mtu == deviceMTU ? "" : " (dev->mtu \(deviceMTU), capped at IP_MAX_MTU)"
            return "not GSO, len \(len) <= mtu \(mtu)\(capped) → ip_finish_output2"
        case .neighLookupHit(let s): return "__ipv4_neigh_lookup_noref found the neighbour (\(s.shortName))"
        case .neighLookupMiss: return "no neighbour for the next hop → __neigh_create(&arp_tbl, ...)"
        case .ctorOps(let ops):
            return ops == .arp_hh_ops
                ? "dev->header_ops->cache is set → arp_hh_ops (connected_output = neigh_resolve_output)"
                : "dev->header_ops has no cache → arp_generic_ops (connected_output = neigh_connected_output)"
        case .pendingConfirm: return "dst->pending_confirm was set by dst_confirm → n->confirmed = jiffies"
        case .sockConfirmNeigh: return "sk->sk_dst_pending_confirm was set (sk_dst_confirm) → sock_confirm_neigh: n->confirmed = jiffies"
        case .hhFastPath(let s, let hh): return "nud_state = \(s.shortName) (CONNECTED) and hh_len = \(hh) → neigh_hh_output()"
        case .slowPath(let s, _, let out):
            let why = s.isDisjoint(with: .NUD_CONNECTED) ? "not CONNECTED" : "hh_len = 0"
            return "nud_state = \(s.shortName), \(why) → n->output(): \(out.name)"
        case .eventSendNow(let s): return "nud_state = \(s.shortName) has CONNECTED|DELAY|PROBE bits → 0: send now"
        case .eventSendResolve(let s): return "nud_state = \(s.shortName), not CONNECTED|DELAY|PROBE → __neigh_event_send"
        case .startResolve(let s, let probes):
            return "nud_state = \(s.shortName), mcast_probes + app_probes > 0 → NUD_INCOMPLETE, probes = \(probes), immediate probe"
        case .queueOnArp: return "nud_state = INCOMPLETE → park the skb on arp_queue, return 1"
        case .dropOldest: return "arp_queue over unres_qlen_bytes → drop the oldest skb"
        case .solicitBroadcast: return "probes - ucast_probes >= 0 → broadcast ARP request"
        case .solicitUnicast: return "probes < ucast_probes → unicast ARP request to the cached address"
        case .hhInit: return "dev->header_ops->cache set and hh_len == 0 → neigh_hh_init fills the hh cache"
        case .qdiscBypass: return "TCQ_F_CAN_BYPASS and qlen == 0 → sch_direct_xmit (skip the queue)"
        case .qdiscEnqueue(let q): return "qdisc busy (qlen \(q)) → q->enqueue, then __qdisc_run"
        case .noQueue: return "no q->enqueue (noqueue device) → dev_hard_start_xmit directly"
        case .arpRequestForUs(let tip): return "ARP request for our address \(IPv4.string(tip)) → arp_ignore decides whether to reply"
        case .arpReplyForUs: return "unicast ARP reply → neigh_update(n, sha, NUD_REACHABLE)"
        case .arpIgnored(let v):
            return "arp_ignore = \(v) forbids a reply (dont_send) → no reply, and the sender is not learned"
        case .arpReplyDelayed(let ms): return "this peer is slow (a lesson's setting): the reply leaves in \(ms) ms"
        case .arpNotForUs(let tip): return "ARP for \(IPv4.string(tip)), not ours → ignore"
        case .updateConnect(let s): return "new state \(s.shortName) is CONNECTED → neigh_connect: output = ops->connected_output"
        case .updateSuspect(let s): return "new state \(s.shortName) is not CONNECTED → neigh_suspect: output = ops->output"
        case .updateDrain: return "old state was not VALID, new one is → drain arp_queue through n1->output"
        case .synAckAcksSyn: return "SYN-ACK acknowledges our SYN → tcp_finish_connect: TCP_ESTABLISHED"
        case .listenGotSyn: return "SYN on a TCP_LISTEN socket → conn_request: answer SYN-ACK"
        case .ackCompletesHandshake: return "ACK matches the request sock → child socket TCP_ESTABLISHED"
        case .tcpIgnoresXmitError(let err):
            return "tcp_transmit_skb returned \(Errno.name(err) ?? String(err)); tcp_connect ignores it (SYN stays queued)"
        case .icmpUndoBackoff(let ms):
            let undo = "net/host unreachable for snd_una after a backoff → undo one (icsk_backoff--, RTO recomputed)"
            return ms == 0 ? undo + "; none of it is left → tcp_retransmit_timer now"
                : undo + "; \(ms) ms of it left → re-arm the retransmit timer"
        case .icmpHardError(let err):
            return "still connecting (SYN_SENT/SYN_RECV), socket not owned by a user → hard error: sk_err = \(Branch.errnoName(err)), report it, tcp_done"
        case .icmpSoftError(let err):
            return "connected, IP_RECVERR off → only remembered: sk_err_soft = \(Branch.errnoName(err))"
        case .stillInHostQueue(let skb):
            return "skb_still_in_host_queue: the last copy sent, skb#\(skb), is still in this host (not freed) → -EBUSY, nothing sent"
        }
    }

    /// A positive errno by name ("EHOSTUNREACH"), as sk_err holds it.
    private static func errnoName(_ err: Int32) -> String {
        Errno.name(-err).map { String($0.dropFirst()) } ?? String(err)
    }

    /// include/net/ip.h: the largest IPv4 datagram, 0xFFFF.
    public static let IP_MAX_MTU: UInt32 = 0xFFFF
}

/// Dotted-quad helpers; addresses travel in host byte order inside the log.
public enum IPv4 {
    public static func string(_ a: UInt32) -> String {
        "\(a >> 24).\(a >> 16 & 0xff).\(a >> 8 & 0xff).\(a & 0xff)"
    }
    public static func parse(_ s: String) -> UInt32? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var a: UInt32 = 0
        for p in parts {
            guard let b = UInt8(p) else { return nil }
            a = a << 8 | UInt32(b)
        }
        return a
    }
}
