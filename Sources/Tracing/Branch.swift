/// Why the code went one way and not the other: the "because" a student needs
/// beside the call tree. The simulation emits a ``Branch`` with one packed
/// value at each decision; ``explain(_:)`` turns it into one line.
public enum Branch: UInt16, Sendable, CaseIterable {
    case routeFromSocket, routeOnLink, routeViaGateway, routeLocal, routeForward
    case routeBroadcast
    case nfNoHooks, nfAllAccepted, nfDropped, nfOkfnRuns, nfOkfnSkipped
    case finishOutputPlain
    case neighLookupHit, neighLookupMiss
    case ctorOps
    case pendingConfirm
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

    /// One line for the explain pane. `value` is the packed word the kernel
    /// model stored with the event (see each case's emitter).
    public func explain(_ value: UInt32) -> String {
        let lo = UInt8(truncatingIfNeeded: value), mid = UInt8(truncatingIfNeeded: value >> 8)
        let hi = UInt16(truncatingIfNeeded: value >> 16)
        let nud = NUDState(rawValue: lo).shortName
        switch self {
        case .routeFromSocket: return "route cached on the socket at connect (__sk_dst_check) → reuse it"
        case .routeOnLink: return "destination is on-link → next hop = daddr \(IPv4.string(value))"
        case .routeViaGateway: return "destination is off-link → next hop = gateway \(IPv4.string(value))"
        case .routeLocal: return "destination \(IPv4.string(value)) is local → dst->input = ip_local_deliver"
        case .routeForward: return "destination \(IPv4.string(value)) is not ours and ip_forward = 1 → dst->input = ip_forward"
        case .routeBroadcast:
            return "\(IPv4.string(value)) is a broadcast or multicast route (RTCF_BROADCAST|RTCF_MULTICAST) → -ENETUNREACH"
        case .nfNoHooks: return "no entry registered at this hook → return 1 at once"
        case .nfAllAccepted: return "every entry returned NF_ACCEPT → nf_hook_slow returns 1 (the okfn may run)"
        case .nfDropped: return "an entry returned NF_DROP → skb freed, return \(Errno.name(-Int32(value)) ?? "-EPERM")"
        case .nfOkfnRuns: return "nf_hook returned 1 → call the okfn"
        case .nfOkfnSkipped: return "nf_hook returned \(Int32(bitPattern: value)) (not 1) → the okfn does not run"
        case .finishOutputPlain: return "not GSO, len \(value & 0xffff) <= mtu \(value >> 16) → ip_finish_output2"
        case .neighLookupHit: return "__ipv4_neigh_lookup_noref found the neighbour (\(nud))"
        case .neighLookupMiss: return "no neighbour for the next hop → __neigh_create(&arp_tbl, ...)"
        case .ctorOps:
            let ops = NeighOpsKind(rawValue: lo) ?? .arp_generic_ops
            return ops == .arp_hh_ops
                ? "dev->header_ops->cache is set → arp_hh_ops (connected_output = neigh_resolve_output)"
                : "dev->header_ops has no cache → arp_generic_ops (connected_output = neigh_connected_output)"
        case .pendingConfirm: return "dst->pending_confirm was set by dst_confirm → n->confirmed = jiffies"
        case .hhFastPath: return "nud_state = \(nud) (CONNECTED) and hh_len = \(mid) → neigh_hh_output()"
        case .slowPath:
            let out = Fn(rawValue: hi).map { $0.name } ?? "?"
            let why = NUDState(rawValue: lo).isDisjoint(with: .NUD_CONNECTED)
                ? "not CONNECTED" : "hh_len = 0"
            return "nud_state = \(nud), \(why) → n->output(): \(out)"
        case .eventSendNow: return "nud_state = \(nud) has CONNECTED|DELAY|PROBE bits → 0: send now"
        case .eventSendResolve: return "nud_state = \(nud), not CONNECTED|DELAY|PROBE → __neigh_event_send"
        case .startResolve:
            return "nud_state = \(nud), mcast_probes + app_probes > 0 → NUD_INCOMPLETE, probes = \(mid), immediate probe"
        case .queueOnArp: return "nud_state = INCOMPLETE → park the skb on arp_queue, return 1"
        case .dropOldest: return "arp_queue over unres_qlen_bytes → drop the oldest skb"
        case .solicitBroadcast: return "probes - ucast_probes >= 0 → broadcast ARP request"
        case .solicitUnicast: return "probes < ucast_probes → unicast ARP request to the cached address"
        case .hhInit: return "dev->header_ops->cache set and hh_len == 0 → neigh_hh_init fills the hh cache"
        case .qdiscBypass: return "TCQ_F_CAN_BYPASS and qlen == 0 → sch_direct_xmit (skip the queue)"
        case .qdiscEnqueue: return "qdisc busy (qlen \(value)) → q->enqueue, then __qdisc_run"
        case .noQueue: return "no q->enqueue (noqueue device) → dev_hard_start_xmit directly"
        case .arpRequestForUs: return "ARP request for our address \(IPv4.string(value)) → learn the sender, reply"
        case .arpReplyForUs: return "unicast ARP reply → neigh_update(n, sha, NUD_REACHABLE)"
        case .arpIgnored: return "arp_ignore = 8: never reply to ARP requests → no reply"
        case .arpReplyDelayed: return "this peer is slow (a lesson's setting): the reply leaves in \(value) ms"
        case .arpNotForUs: return "ARP for \(IPv4.string(value)), not ours → ignore"
        case .updateConnect: return "new state \(nud) is CONNECTED → neigh_connect: output = ops->connected_output"
        case .updateSuspect: return "new state \(nud) is not CONNECTED → neigh_suspect: output = ops->output"
        case .updateDrain: return "old state was not VALID, new one is → drain arp_queue through n1->output"
        case .synAckAcksSyn: return "SYN-ACK acknowledges our SYN → tcp_finish_connect: TCP_ESTABLISHED"
        case .listenGotSyn: return "SYN on a TCP_LISTEN socket → conn_request: answer SYN-ACK"
        case .ackCompletesHandshake: return "ACK matches the request sock → child socket TCP_ESTABLISHED"
        case .tcpIgnoresXmitError:
            let err = Int32(bitPattern: value)
            return "tcp_transmit_skb returned \(Errno.name(err) ?? String(err)); tcp_connect ignores it (SYN stays queued)"
        case .icmpUndoBackoff:
            let undo = "net/host unreachable for snd_una after a backoff → undo one (icsk_backoff--, RTO recomputed)"
            return value == 0 ? undo + "; none of it is left → tcp_retransmit_timer now"
                : undo + "; \(value) ms of it left → re-arm the retransmit timer"
        case .icmpHardError:
            let err = Errno.name(-Int32(bitPattern: value)) ?? String(value)
            return "still connecting (SYN_SENT/SYN_RECV), socket not owned by a user → hard error: sk_err = \(err.dropFirst()), report it, tcp_done"
        case .icmpSoftError:
            let err = Errno.name(-Int32(bitPattern: value)) ?? String(value)
            return "connected, IP_RECVERR off → only remembered: sk_err_soft = \(err.dropFirst())"
        case .stillInHostQueue:
            return "skb_still_in_host_queue: the last copy sent, skb#\(value), is still in this host (not freed) → -EBUSY, nothing sent"
        }
    }
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
