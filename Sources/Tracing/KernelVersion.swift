/// The kernel a run models. 4.9 is the kernel of the seed call chain (Tests/KernelTests/Fixtures/seed-call-chain.txt) and the
/// default; 6.1 is the one the shipped reference trace was recorded on
/// (Debian 12's 6.1.176).
public enum KernelVersion: String, CaseIterable, Sendable, Comparable, CustomStringConvertible {
    case v4_9 = "4.9"
    case v6_1 = "6.1"

    public var description: String { rawValue }
    /// "Linux 6.1", as status lines and export headers name it.
    public var title: String { "Linux " + rawValue }

    public static func < (a: KernelVersion, b: KernelVersion) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Which kernels have a function, what it was called before, and whether
/// ftrace's function_graph tracer can see it there. Only the exceptions are
/// listed: a function not named here exists in both kernels under one name.
extension Fn {
    /// The kernels that have this function.
    public var kernels: Set<KernelVersion> {
        switch self {
        // Removed after 4.9: the thresh argument went with the hook
        // rework of 4.10-4.11, dst_neigh_output became neigh_output and
        // dst_confirm became sock_confirm_neigh (4.11).
        case .nf_hook_thresh, .NF_HOOK_THRESH, .dst_neigh_output, .dst_confirm:
            [.v4_9]
        // Added after 4.9, each where the 4.9 function split in two or
        // changed name.
        case .__tcp_transmit_skb, .__tcp_send_ack, .tcp_ld_RTO_revert, .sk_error_report, .__icmp_send, .__ip_queue_xmit, .__ip_finish_output,
             .ip_protocol_deliver_rcu, .neigh_output, .___neigh_create, .__neigh_update, .arp_accept,
             .kfree_skb_reason, .apparmor_ip_postroute:
            [.v6_1]
        default:
            [.v4_9, .v6_1]
        }
    }

    /// The function this one replaced, in the kernel where it appeared.
    public var renamedFrom: Fn? {
        switch self {
        case .neigh_output: .dst_neigh_output
        default: nil
        }
    }

    /// The function that replaced this one after 4.9.
    public var renamedTo: Fn? { Fn.allCases.first { $0.renamedFrom == self } }

    /// On 6.1, the function that does this one's work while this one became
    /// a thin wrapper around it (ip_queue_xmit → __ip_queue_xmit). The
    /// model runs the body as the 6.1 worker, inside the wrapper.
    public var worker61: Fn? {
        switch self {
        case .tcp_transmit_skb: .__tcp_transmit_skb
        case .tcp_send_ack: .__tcp_send_ack
        case .icmp_send: .__icmp_send
        case .ip_queue_xmit: .__ip_queue_xmit
        case .ip_finish_output: .__ip_finish_output
        case .__neigh_create: .___neigh_create
        case .neigh_update: .__neigh_update
        default: nil
        }
    }

    /// True when Debian's 6.1 build leaves no function_graph entry for a
    /// call: static inlines, and static functions the compiler inlined
    /// (the reference machine's available_filter_functions and kallsyms).
    public var inlinedOn61: Bool {
        switch self {
        case .tcp_transmit_skb, .__tcp_v4_send_check, .tcp_rcv_synsent_state_process, .icmp_send,
             .dev_queue_xmit, .arp_xmit_finish, .neigh_connect, .neigh_suspect, .neigh_hh_init, .xmit_one, .kfree_skb:
            true
        default:
            info.kind == .staticInline
        }
    }

    /// Whether ftrace's function_graph would record a call of this function
    /// on `kernel`: it exists there and is neither an inline nor inlined.
    public func traced(on kernel: KernelVersion) -> Bool {
        guard kernels.contains(kernel) else { return false }
        switch kernel {
        case .v4_9: return info.kind != .staticInline
        case .v6_1: return !inlinedOn61
        }
    }
}
