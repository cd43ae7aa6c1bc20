/// The kernel's own constants, spelt as the kernel spells them, shared by the
/// simulation (which emits them) and every reader of the log.

/// Neighbour Unreachability Detection state bits (include/uapi/linux/neighbour.h).
public struct NUDState: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let NUD_NONE: NUDState = []
    public static let NUD_INCOMPLETE = NUDState(rawValue: 0x01)
    public static let NUD_REACHABLE = NUDState(rawValue: 0x02)
    public static let NUD_STALE = NUDState(rawValue: 0x04)
    public static let NUD_DELAY = NUDState(rawValue: 0x08)
    public static let NUD_PROBE = NUDState(rawValue: 0x10)
    public static let NUD_FAILED = NUDState(rawValue: 0x20)
    public static let NUD_NOARP = NUDState(rawValue: 0x40)
    public static let NUD_PERMANENT = NUDState(rawValue: 0x80)

    // Masks from include/net/neighbour.h.
    public static let NUD_IN_TIMER: NUDState = [.NUD_INCOMPLETE, .NUD_REACHABLE, .NUD_DELAY, .NUD_PROBE]
    public static let NUD_VALID: NUDState = [.NUD_PERMANENT, .NUD_NOARP, .NUD_REACHABLE, .NUD_PROBE,
                                             .NUD_STALE, .NUD_DELAY]
    public static let NUD_CONNECTED: NUDState = [.NUD_PERMANENT, .NUD_NOARP, .NUD_REACHABLE]

    /// The state's name without the NUD_ prefix, as `ip neigh` prints it.
    public var shortName: String {
        switch self {
        case .NUD_NONE: "NONE"
        case .NUD_INCOMPLETE: "INCOMPLETE"
        case .NUD_REACHABLE: "REACHABLE"
        case .NUD_STALE: "STALE"
        case .NUD_DELAY: "DELAY"
        case .NUD_PROBE: "PROBE"
        case .NUD_FAILED: "FAILED"
        case .NUD_NOARP: "NOARP"
        case .NUD_PERMANENT: "PERMANENT"
        default: String(rawValue, radix: 16)
        }
    }

    public var description: String { "NUD_" + shortName }
}

/// Protocol families that own hook lists (include/uapi/linux/netfilter.h).
public enum NFProto: UInt8, Sendable {
    case NFPROTO_IPV4 = 2
    case NFPROTO_ARP = 3
}

/// A hook point: a family and a hook number.
public struct NFHook: Hashable, Sendable, CustomStringConvertible {
    public let pf: NFProto
    public let hooknum: UInt8
    public init(_ pf: NFProto, _ hooknum: UInt8) { self.pf = pf; self.hooknum = hooknum }

    public static let NF_INET_PRE_ROUTING = NFHook(.NFPROTO_IPV4, 0)
    public static let NF_INET_LOCAL_IN = NFHook(.NFPROTO_IPV4, 1)
    public static let NF_INET_FORWARD = NFHook(.NFPROTO_IPV4, 2)
    public static let NF_INET_LOCAL_OUT = NFHook(.NFPROTO_IPV4, 3)
    public static let NF_INET_POST_ROUTING = NFHook(.NFPROTO_IPV4, 4)
    public static let NF_ARP_IN = NFHook(.NFPROTO_ARP, 0)
    public static let NF_ARP_OUT = NFHook(.NFPROTO_ARP, 1)
    public static let NF_ARP_FORWARD = NFHook(.NFPROTO_ARP, 2)

    /// Whether the family has a hook with this number.
    public var isKnown: Bool {
        switch pf {
        case .NFPROTO_IPV4: hooknum < 5
        case .NFPROTO_ARP: hooknum < 3
        }
    }

    public var description: String {
        switch pf {
        case .NFPROTO_IPV4:
            ["NF_INET_PRE_ROUTING", "NF_INET_LOCAL_IN", "NF_INET_FORWARD",
             "NF_INET_LOCAL_OUT", "NF_INET_POST_ROUTING"][Int(hooknum)]
        case .NFPROTO_ARP:
            ["NF_ARP_IN", "NF_ARP_OUT", "NF_ARP_FORWARD"][Int(hooknum)]
        }
    }
}

/// Netfilter verdicts (include/uapi/linux/netfilter.h).
public enum Verdict: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case NF_DROP = 0, NF_ACCEPT, NF_STOLEN, NF_QUEUE, NF_REPEAT, NF_STOP
    public var description: String {
        switch self {
        case .NF_DROP: "NF_DROP"
        case .NF_ACCEPT: "NF_ACCEPT"
        case .NF_STOLEN: "NF_STOLEN"
        case .NF_QUEUE: "NF_QUEUE"
        case .NF_REPEAT: "NF_REPEAT"
        case .NF_STOP: "NF_STOP"
        }
    }
}

/// The module that registered a hook entry: the iptables-like tables, the
/// nf_tables table iptables-nft creates, or a security module.
public enum HookOwner: UInt16, Sendable, CaseIterable, CustomStringConvertible {
    case iptable_raw, iptable_mangle, iptable_nat, iptable_filter, iptable_security, arptable_filter
    /// iptables-nft's `ip filter` table: a base chain per chain a rule uses.
    case nf_tables
    /// AppArmor's POST_ROUTING hook (6.1), which is no table.
    case apparmor

    public var description: String { tableName.isEmpty ? module : "\(module) (\(tableName))" }
    /// The module name, as lsmod shows it.
    public var module: String {
        switch self {
        case .iptable_raw: "iptable_raw"
        case .iptable_mangle: "iptable_mangle"
        case .iptable_nat: "iptable_nat"
        case .iptable_filter: "iptable_filter"
        case .iptable_security: "iptable_security"
        case .arptable_filter: "arptable_filter"
        case .nf_tables: "nf_tables"
        case .apparmor: "apparmor"
        }
    }
    /// The table, as `iptables -t` names it.
    public var tableName: String {
        switch self {
        case .iptable_raw: "raw"
        case .iptable_mangle: "mangle"
        case .iptable_nat: "nat"
        case .iptable_filter, .arptable_filter, .nf_tables: "filter"
        case .iptable_security: "security"
        case .apparmor: ""
        }
    }
}

/// Lines the kernel prints that a lesson shows.
public enum KernelMessage: UInt16, Sendable {
    /// net_info_ratelimited in neigh_alloc (net/core/neighbour.c).
    case neighTableOverflow
    /// The LOG target's line (net/netfilter/nf_log_ipv4.c); the packet is stored.
    case iptLog
    /// A line a recorded trace printed among the calls (trace_marker text, a
    /// tracepoint kpath has no event for); its text is stored as a packet.
    case traceComment
}

/// TCP states (include/net/tcp_states.h).
public enum TCPState: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case TCP_ESTABLISHED = 1, TCP_SYN_SENT, TCP_SYN_RECV, TCP_FIN_WAIT1, TCP_FIN_WAIT2,
         TCP_TIME_WAIT, TCP_CLOSE, TCP_CLOSE_WAIT, TCP_LAST_ACK, TCP_LISTEN, TCP_CLOSING,
         TCP_NEW_SYN_RECV
    public var description: String {
        ["", "TCP_ESTABLISHED", "TCP_SYN_SENT", "TCP_SYN_RECV", "TCP_FIN_WAIT1", "TCP_FIN_WAIT2",
         "TCP_TIME_WAIT", "TCP_CLOSE", "TCP_CLOSE_WAIT", "TCP_LAST_ACK", "TCP_LISTEN",
         "TCP_CLOSING", "TCP_NEW_SYN_RECV"][Int(rawValue)]
    }
}

/// Which neigh_ops table arp_constructor chose (net/ipv4/arp.c).
public enum NeighOpsKind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case arp_generic_ops, arp_hh_ops, arp_direct_ops
    public var description: String {
        switch self {
        case .arp_generic_ops: "arp_generic_ops"
        case .arp_hh_ops: "arp_hh_ops"
        case .arp_direct_ops: "arp_direct_ops"
        }
    }
}

/// Queues an skb can wait on.
public enum QueueKind: UInt16, Sendable, CustomStringConvertible {
    /// neigh->arp_queue: waiting for address resolution.
    case arp_queue
    /// The device's root qdisc.
    case qdisc
    /// sk->sk_write_queue: kept for retransmission until acknowledged.
    case sk_write_queue
    public var description: String {
        switch self {
        case .arp_queue: "arp_queue"
        case .qdisc: "qdisc"
        case .sk_write_queue: "sk_write_queue"
        }
    }
}

/// Why an skb was dropped. 4.9 has no drop reasons: kfree_skb is called from
/// a place, and the place is the reason. These are kpath's labels for those
/// places (``explanation``), named after 6.1's enum skb_drop_reason, whose
/// SKB_DROP_REASON_* spelling (``description``) only a 6.1 kernel shows.
public enum DropReason: UInt16, Sendable, CaseIterable, CustomStringConvertible {
    case NETFILTER_DROP = 1, NEIGH_FAILED, NEIGH_QUEUEFULL, NEIGH_DEAD, QDISC_DROP, NO_ROUTE,
         OTHERHOST, NO_SOCKET, NEIGH_CREATEFAIL, UNHANDLED_PROTO
    public var description: String {
        switch self {
        case .NETFILTER_DROP: "SKB_DROP_REASON_NETFILTER_DROP"
        case .NEIGH_FAILED: "SKB_DROP_REASON_NEIGH_FAILED"
        case .NEIGH_QUEUEFULL: "SKB_DROP_REASON_NEIGH_QUEUEFULL"
        case .NEIGH_DEAD: "SKB_DROP_REASON_NEIGH_DEAD"
        case .QDISC_DROP: "SKB_DROP_REASON_QDISC_DROP"
        case .NO_ROUTE: "SKB_DROP_REASON_IP_OUTNOROUTES"
        case .OTHERHOST: "SKB_DROP_REASON_OTHERHOST"
        case .NO_SOCKET: "SKB_DROP_REASON_NO_SOCKET"
        case .NEIGH_CREATEFAIL: "SKB_DROP_REASON_NEIGH_CREATEFAIL"
        case .UNHANDLED_PROTO: "SKB_DROP_REASON_UNHANDLED_PROTO"
        }
    }

    /// kpath's own words for why the caller frees the skb.
    public var explanation: String {
        switch self {
        case .NETFILTER_DROP: "a netfilter hook returned NF_DROP"
        case .NEIGH_FAILED: "the neighbour could not be resolved"
        case .NEIGH_QUEUEFULL: "arp_queue was over unres_qlen_bytes"
        case .NEIGH_DEAD: "the neighbour entry was freed"
        case .QDISC_DROP: "the qdisc was full"
        case .NO_ROUTE: "no route to the destination"
        case .OTHERHOST: "not for this host, and not forwarded"
        case .NO_SOCKET: "no socket for the segment"
        case .NEIGH_CREATEFAIL: "no neighbour entry could be created"
        case .UNHANDLED_PROTO: "a bad header or a protocol nobody handles"
        }
    }
}

/// How an skb came to be.
public enum AllocKind: UInt16, Sendable {
    /// A new buffer (alloc_skb and friends); `parent` is 0.
    case alloc
    /// skb_clone: shares data with `parent`.
    case clone
    /// Built by the receiving driver from a frame off the wire.
    case rx
}

/// A function pointer the kernel calls through, written as the kernel (and the
/// seed call chain in Tests/KernelTests/Fixtures) writes the call.
public enum PointerExpr: UInt16, Sendable, CaseIterable, CustomStringConvertible {
    case icsk_af_ops_queue_xmit, skb_dst_output, n_output, neigh_ops_solicit, n1_output,
         skb_dst_input, icsk_af_ops_conn_request, af_ops_send_synack, neigh_ops_error_report,
         ndo_start_xmit, sk_state_change, header_ops_create, header_ops_cache, tbl_constructor,
         ptype_func, dst_ops_link_failure, ipprot_err_handler, icsk_af_ops_syn_recv_sock,
         icsk_af_ops_send_check, sk_error_report
    public var description: String {
        switch self {
        case .icsk_af_ops_queue_xmit: "icsk->icsk_af_ops->queue_xmit"
        case .skb_dst_output: "skb_dst(skb)->output(net, sk, skb)"
        case .n_output: "n->output()"
        case .neigh_ops_solicit: "neigh->ops->solicit"
        case .n1_output: "n1->output(n1, skb)"
        case .skb_dst_input: "skb_dst(skb)->input(skb)"
        case .icsk_af_ops_conn_request: "icsk->icsk_af_ops->conn_request"
        case .af_ops_send_synack: "af_ops->send_synack"
        case .neigh_ops_error_report: "neigh->ops->error_report"
        case .ndo_start_xmit: "dev->netdev_ops->ndo_start_xmit"
        case .sk_state_change: "sk->sk_state_change"
        case .header_ops_create: "dev->header_ops->create"
        case .header_ops_cache: "dev->header_ops->cache"
        case .tbl_constructor: "tbl->constructor"
        case .ptype_func: "pt_prev->func"
        case .dst_ops_link_failure: "dst->ops->link_failure(skb)"
        case .ipprot_err_handler: "ipprot->err_handler(skb, info)"
        case .icsk_af_ops_syn_recv_sock: "inet_csk(sk)->icsk_af_ops->syn_recv_sock"
        case .icsk_af_ops_send_check: "icsk->icsk_af_ops->send_check"
        case .sk_error_report: "sk->sk_error_report"
        }
    }
}

extension PointerExpr {
    /// The struct member the call goes through, as the seed call chain
    /// annotates it: `( .queue_xmit = ip_queue_xmit )`.
    public var member: String {
        switch self {
        case .icsk_af_ops_queue_xmit: "queue_xmit"
        case .skb_dst_output, .n_output, .n1_output: "output"
        case .neigh_ops_solicit: "solicit"
        case .skb_dst_input: "input"
        case .icsk_af_ops_conn_request: "conn_request"
        case .af_ops_send_synack: "send_synack"
        case .neigh_ops_error_report: "error_report"
        case .ndo_start_xmit: "ndo_start_xmit"
        case .sk_state_change: "sk_state_change"
        case .header_ops_create: "create"
        case .header_ops_cache: "cache"
        case .tbl_constructor: "constructor"
        case .ptype_func: "func"
        case .dst_ops_link_failure: "link_failure"
        case .ipprot_err_handler: "err_handler"
        case .icsk_af_ops_syn_recv_sock: "syn_recv_sock"
        case .icsk_af_ops_send_check: "send_check"
        case .sk_error_report: "sk_error_report"
        }
    }
}

/// The kernel's tick clock as the model runs it: HZ = 1000, counting from
/// INITIAL_JIFFIES (five minutes before the 32-bit wrap) at boot, t = 0.
public enum Jiffies {
    public static let HZ: UInt64 = 1000
    public static let nsPerJiffy: UInt64 = 1_000_000_000 / HZ
    public static let INITIAL_JIFFIES = UInt32(bitPattern: -300 * Int32(HZ))

    /// jiffies at virtual time `ns`.
    public static func at(_ ns: UInt64) -> UInt32 { INITIAL_JIFFIES &+ UInt32(truncatingIfNeeded: ns / nsPerJiffy) }
}

/// Errno values (Linux x86), for naming return codes.
public enum Errno {
    public static let EPERM: Int32 = 1, EPIPE: Int32 = 32, ENOTCONN: Int32 = 107, ENOMEM: Int32 = 12, EINVAL: Int32 = 22, ENETDOWN: Int32 = 100,
                      ENETUNREACH: Int32 = 101, EADDRNOTAVAIL: Int32 = 99, ECONNABORTED: Int32 = 103, ENOBUFS: Int32 = 105, ETIMEDOUT: Int32 = 110,
                      ECONNREFUSED: Int32 = 111, ECONNRESET: Int32 = 104, EHOSTUNREACH: Int32 = 113, EINPROGRESS: Int32 = 115,
                      EBUSY: Int32 = 16, ENONET: Int32 = 64, EPROTO: Int32 = 71, ENOPROTOOPT: Int32 = 92,
                      EOPNOTSUPP: Int32 = 95, EHOSTDOWN: Int32 = 112, EMSGSIZE: Int32 = 90

    static let names: [Int32: String] = [
        1: "EPERM", 32: "EPIPE", 107: "ENOTCONN", 12: "ENOMEM", 22: "EINVAL", 100: "ENETDOWN", 99: "EADDRNOTAVAIL", 101: "ENETUNREACH",
        103: "ECONNABORTED", 104: "ECONNRESET", 105: "ENOBUFS", 110: "ETIMEDOUT", 111: "ECONNREFUSED", 113: "EHOSTUNREACH",
        115: "EINPROGRESS", 16: "EBUSY", 64: "ENONET", 71: "EPROTO", 92: "ENOPROTOOPT", 95: "EOPNOTSUPP",
        112: "EHOSTDOWN", 90: "EMSGSIZE",
    ]

    /// "-EPERM" for -1, nil for values that are not negative errnos.
    public static func name(_ value: Int32) -> String? {
        value < 0 && value > Int32.min ? names[-value].map { "-" + $0 } : nil
    }
}
