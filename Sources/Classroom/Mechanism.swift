import Tracing

/// The reasons the quiz gives after an answer: how the kernel gets there
/// (which function, which state, which timer), not the answer again.
enum Mechanism {
    /// Why a pointer holds the function it calls.
    static func pointer(_ p: PointerExpr, _ target: Fn) -> String {
        switch (p, target) {
        case (.n_output, .neigh_resolve_output), (.n1_output, .neigh_resolve_output):
            return "arp_constructor set neigh->output to ops->output, the path that resolves the address first; "
                + "only neigh_connect, when the entry becomes CONNECTED, swaps it to the fast path."
        case (.n_output, .neigh_connected_output), (.n1_output, .neigh_connected_output):
            return "the entry became CONNECTED earlier, and neigh_connect pointed neigh->output at "
                + "ops->connected_output: the header is built from the known address and the frame leaves at once."
        case (.n_output, .neigh_hh_output), (.n1_output, .neigh_hh_output):
            return "the device caches headers (header_ops->cache) and the entry's hh cache is filled, "
                + "so the header is copied from the cache."
        case (.skb_dst_output, .ip_output):
            return "dst->output comes from the route: a packet this host originates got an output route, and "
                + "rt_dst_alloc gives every such route the IP output path (a forwarded packet's route would differ)."
        case (.skb_dst_input, .ip_local_deliver):
            return "ip_route_input found the destination is one of this host's addresses (RTN_LOCAL), "
                + "so the input route's dst->input hands the packet up to this host's own protocols."
        case (.skb_dst_input, .ip_forward):
            return "the destination is not this host's and forwarding is on, so ip_route_input gave the route "
                + "dst->input = ip_forward."
        case (.ndo_start_xmit, _):
            return "the skb leaves through its device, and the driver set the device's netdev_ops when it "
                + "registered it: an Ethernet NIC transmits with its own ndo_start_xmit, lo with loopback_xmit."
        case (.icsk_af_ops_queue_xmit, _):
            return "an IPv4 TCP socket's icsk_af_ops is ipv4_specific (tcp_v4_init_sock), and its queue_xmit "
                + "is the IP layer's entry for a connected socket."
        case (.neigh_ops_solicit, _):
            return "arp_constructor chose the entry's neigh_ops (arp_generic_ops or arp_hh_ops), and both "
                + "share one solicit: ARP's own request sender."
        default:
            return "\(p) was set when its object was set up, and nothing has changed it since."
        }
    }

    /// The iptables chain a hook runs.
    static func chain(_ hook: NFHook) -> String {
        switch hook {
        case .NF_INET_PRE_ROUTING: "PREROUTING"
        case .NF_INET_LOCAL_IN, .NF_ARP_IN: "INPUT"
        case .NF_INET_FORWARD: "FORWARD"
        case .NF_INET_LOCAL_OUT, .NF_ARP_OUT: "OUTPUT"
        case .NF_INET_POST_ROUTING: "POSTROUTING"
        default: "\(hook)"
        }
    }

    /// Why a table's entry gave its verdict: a rule, the policy, or NAT.
    static func verdict(_ hook: NFHook, _ owner: HookOwner, _ decided: RuleRef) -> String {
        let chain = "\(owner.tableName)'s \(chain(hook)) chain"
        switch decided {
        case .policy: return "no rule in \(chain) matched this packet, so the chain's policy decides."
        case .natBinding: return "the connection already has a NAT binding: nf_nat_fn applies it without looking at the rules."
        case .rule(let n): return "rule \(n) of \(chain) matches this packet, and its target decides."
        }
    }

    /// Why a neighbour entry moves from `from` to `to`, by the function that moved it.
    static func transition(_ from: NUDState, _ to: NUDState, _ cause: Fn) -> String {
        switch (cause, to) {
        case (.__neigh_event_send, .NUD_INCOMPLETE):
            return "a packet needs the address and none is known: __neigh_event_send parks the packet on "
                + "arp_queue, sends a probe and arms the timer for retrans_time (1 s)."
        case (.__neigh_event_send, .NUD_DELAY):
            return "a packet used an entry nobody has confirmed lately: it leaves with the old address, and "
                + "__neigh_event_send gives upper layers delay_first_probe_time (5 s) to confirm it."
        case (.__neigh_event_send, .NUD_FAILED):
            return "no probes are allowed (mcast_probes + app_probes = 0), so resolution fails at once."
        case (.neigh_update, .NUD_REACHABLE):
            return "an ARP reply arrived: arp_process hands it to neigh_update, which records the address as "
                + "confirmed now, good for reachable_time (about 30 s)."
        case (.neigh_update, .NUD_PERMANENT):
            return "the address was configured by hand (ip neigh add ... nud permanent): neigh_update installs it "
                + "for good, never probed and never expiring."
        case (.neigh_update, .NUD_STALE):
            return "an ARP packet from that host taught us its address without our asking: neigh_update "
                + "records it as STALE, known but not confirmed."
        case (.neigh_timer_handler, .NUD_STALE):
            return "reachable_time passed with no confirmation and no recent use: neigh_timer_handler marks it STALE."
        case (.neigh_timer_handler, .NUD_DELAY):
            return "reachable_time passed but the entry was used recently: neigh_timer_handler waits "
                + "delay_first_probe_time for a confirmation."
        case (.neigh_timer_handler, .NUD_REACHABLE):
            return "a confirmation (TCP's ACK, dst_confirm) came in during the delay, so neigh_timer_handler "
                + "needs no probe."
        case (.neigh_timer_handler, .NUD_PROBE):
            return "delay_first_probe_time passed with no confirmation: neigh_timer_handler starts unicast probes."
        case (.neigh_timer_handler, .NUD_FAILED):
            return "neigh_timer_handler fired after the last allowed probe (neigh_max_probes) with no reply: "
                + "resolution failed, and neigh_invalidate reports an error for every parked packet."
        default:
            return "\(cause.name) moves it on from \(from.shortName): one of the steps the neighbour state "
                + "machine of net/core/neighbour.c allows here."
        }
    }

    /// Why neigh->output is swapped to `to`.
    static func swap(_ to: Fn) -> String {
        to == .neigh_connected_output
            ? "neigh_connect runs when an entry enters a CONNECTED state (REACHABLE, PERMANENT, NOARP) and points "
                + "neigh->output at ops->connected_output: no more resolving."
            : "neigh_suspect runs when an entry leaves the CONNECTED states (STALE, DELAY, PROBE) and points "
                + "neigh->output back at ops->output, which checks the entry before each send."
    }

    /// Why connect() returns `ret`.
    static func connect(_ ret: Int32) -> String {
        switch -ret {
        case 0: return "the SYN-ACK moved the socket to ESTABLISHED (tcp_rcv_synsent_state_process), and "
            + "inet_wait_for_connect woke the sleeping task."
        case Errno.EHOSTUNREACH: return "the neighbour never answered: arp_error_report sent an ICMP host "
            + "unreachable to ourselves, tcp_v4_err set sk_err, and the sleeping connect() woke with it."
        case Errno.ETIMEDOUT: return "every SYN retransmission went unanswered: tcp_write_timeout gave up after "
            + "tcp_syn_retries (127 s with the default 6) and set sk_err."
        case Errno.ECONNREFUSED: return "the peer answered the SYN with a RST (no listener on the port): "
            + "tcp_reset set sk_err."
        default: return "the socket ended with sk_err = \(Errno.name(ret).map { String($0.dropFirst()) } ?? String(ret))."
        }
    }
}
