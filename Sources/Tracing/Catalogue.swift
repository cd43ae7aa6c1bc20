/// The function catalogue: every simulated kernel function, its kernel file,
/// its kind and what it does. This is the one place a kernel file path is
/// spelt; the explain pane, `kpath explain`, the chain export's `# file`
/// comments and the docs all read it from here.
public enum Fn: UInt16, CaseIterable, Sendable {
    // socket layer and TCP
    case __inet_stream_connect, inet_wait_for_connect, tcp_v4_connect, tcp_set_state, tcp_connect,
         tcp_transmit_skb, __tcp_transmit_skb, tcp_v4_send_check, tcp_v4_rcv, tcp_v4_do_rcv, tcp_rcv_state_process,
         tcp_rcv_synsent_state_process, tcp_ack, tcp_finish_connect, tcp_send_ack, __tcp_send_ack,
         tcp_v4_conn_request, tcp_conn_request, tcp_v4_send_synack, tcp_make_synack,
         tcp_check_req, tcp_v4_syn_recv_sock, tcp_child_process, sock_def_wakeup, sock_def_error_report, tcp_write_timer,
         __tcp_v4_send_check, tcp_write_timer_handler, tcp_retransmit_timer, tcp_write_timeout, tcp_enter_loss,
         tcp_retransmit_skb, __tcp_retransmit_skb, tcp_write_err,
         tcp_done, tcp_v4_err, tcp_ld_RTO_revert, sk_error_report, tcp_v4_send_reset, tcp_reset, tcp_sendmsg,
         sk_stream_wait_connect, sk_stream_error, tcp_push, tcp_write_xmit,
         tcp_rcv_established
    // ICMP and route failure
    case dst_link_failure, ipv4_link_failure, ip_error, icmp_send, __icmp_send, icmp_push_reply, icmp_rcv, icmp_unreach,
         arp_error_report
    // IPv4
    case ip_forward, ip_forward_finish, ip_send_unicast_reply, ip_push_pending_frames, ip_send_skb
    case ip_queue_xmit, __ip_queue_xmit, ip_build_and_send_pkt, ip_local_out, __ip_local_out, ip_output,
         ip_finish_output, __ip_finish_output, ip_finish_output2, ip_rcv, ip_rcv_finish, ip_local_deliver,
         ip_local_deliver_finish, ip_protocol_deliver_rcu
    // dst
    case dst_output, dst_input, dst_neigh_output, dst_confirm, ipv4_neigh_lookup
    // netfilter
    case nf_hook, nf_hook_thresh, NF_HOOK, NF_HOOK_THRESH, NF_HOOK_COND, nf_hook_slow, iptable_raw_hook,
         iptable_mangle_hook, iptable_filter_hook, arptable_filter_hook, ipt_do_table, arpt_do_table, iptable_nat_ipv4_in,
         iptable_nat_ipv4_out, iptable_nat_ipv4_local_fn, iptable_nat_ipv4_fn, nf_nat_packet, reject_tg,
         nf_send_unreach, nf_send_reset,
         log_tg, masquerade_tg, xt_snat_target_v0, nft_do_chain_ipv4, nft_do_chain,
         apparmor_ip_postroute
    // neighbour
    case __ipv4_neigh_lookup_noref, __neigh_create, ___neigh_create, arp_constructor, neigh_hh_output,
         neigh_output, neigh_event_send, neigh_resolve_output, neigh_connected_output, __neigh_event_send,
         neigh_probe, neigh_hh_init, neigh_lookup, neigh_event_ns, neigh_update, __neigh_update,
         neigh_connect, neigh_suspect, neigh_add_timer, neigh_del_timer, __neigh_notify, neigh_fill_info,
         neigh_timer_handler, neigh_invalidate, neigh_periodic_work, neigh_forced_gc,
         neigh_add
    // ARP
    case arp_solicit, arp_send_dst, arp_create, arp_xmit, arp_xmit_finish, arp_rcv, arp_process, arp_hash,
         arp_key_eq, arp_accept
    // sk_buff
    case kfree_skb, kfree_skb_reason
    // link layer and device
    case dev_hard_header, eth_header, eth_header_cache, dev_queue_xmit, __dev_queue_xmit,
         __dev_xmit_skb, sch_direct_xmit, dev_hard_start_xmit, xmit_one, netdev_start_xmit,
         netif_receive_skb, __netif_receive_skb_core, netif_rx, process_backlog, loopback_xmit
    // the model's NIC, and virtio-net's halves for the lab machine
    case simnic_start_xmit, simnic_rx, start_xmit, virtnet_poll

    /// The kernel's spelling of the function.
    public var name: String { Fn.names[Int(rawValue)] }

    /// False for the few functions whose negative return is not an errno
    /// (tcp_rcv_synsent_state_process's -1 means "handled, free the skb").
    public var returnsErrno: Bool { self != .tcp_rcv_synsent_state_process }

    /// Look a function up by its kernel name.
    public init?(name: String) {
        guard let fn = Fn.byName[name] else { return nil }
        self = fn
    }

    private static let names: [String] = allCases.map { String(describing: $0) }
    private static let byName: [String: Fn] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0) })
}

/// How the kernel declares a function: it decides whether ftrace can see it.
public enum FunctionKind: String, Sendable {
    case staticInline = "static inline"
    case `static` = "static"
    case global = "global"
    case exported = "exported"
    /// kpath's own stand-in, not a kernel function.
    case model = "model"
}

public struct FunctionInfo: Sendable {
    /// Path in the kernel tree, e.g. `net/ipv4/ip_output.c`.
    public let file: String
    public let kind: FunctionKind
    /// What the function does, in one to three sentences.
    public let summary: String
    /// Where it exists, and what changed by 6.1.
    public let versions: String
}

extension Fn {
    private static let tcpOut = "net/ipv4/tcp_output.c", tcpIn = "net/ipv4/tcp_input.c",
        tcpV4 = "net/ipv4/tcp_ipv4.c", tcpMini = "net/ipv4/tcp_minisocks.c",
        ipOut = "net/ipv4/ip_output.c", ipIn = "net/ipv4/ip_input.c", dstH = "include/net/dst.h",
        nfH = "include/linux/netfilter.h", neighC = "net/core/neighbour.c",
        neighH = "include/net/neighbour.h", arpC = "net/ipv4/arp.c", devC = "net/core/dev.c",
        ethC = "net/ethernet/eth.c", netdevH = "include/linux/netdevice.h",
        simnic = "drivers/net/simnic.c"
    private static let all49 = "4.9 and 6.1"

    public var info: FunctionInfo {
        switch self {
        case .__inet_stream_connect:
            FunctionInfo(file: "net/ipv4/af_inet.c", kind: .exported,
                summary: "connect(2) for stream sockets: calls sk->sk_prot->connect (tcp_v4_connect), then sleeps in inet_wait_for_connect until the handshake ends. Returns 0, or the socket's error.",
                versions: Fn.all49)
        case .inet_wait_for_connect:
            FunctionInfo(file: "net/ipv4/af_inet.c", kind: .static,
                summary: "Sleeps, socket lock released, while the state is SYN_SENT or SYN_RECV; the softirq that completes the handshake wakes it.",
                versions: Fn.all49)
        case .tcp_v4_connect:
            FunctionInfo(file: Fn.tcpV4, kind: .exported,
                summary: "Routes to the destination (ip_route_connect), picks the source port and the ISN, moves the socket to TCP_SYN_SENT, then calls tcp_connect.",
                versions: "4.9 and 6.1 (6.1: ISN from secure_tcp_seq plus a per-connection TS offset)")
        case .tcp_set_state:
            FunctionInfo(file: "net/ipv4/tcp.c", kind: .exported,
                summary: "Sets sk->sk_state, keeping the MIB counters and the hash tables in step.",
                versions: Fn.all49)
        case .tcp_connect:
            FunctionInfo(file: Fn.tcpOut, kind: .exported,
                summary: "Builds the SYN (tcp_connect_init, seq = ISN), queues it for retransmission, sends a clone with tcp_transmit_skb and arms the retransmit timer (1 s). Only -ECONNREFUSED is returned; other transmit errors are left to the timer.",
                versions: "4.9 and 6.1 (6.1 adds a BPF TCP_CONNECT_CB hook)")
        case .tcp_transmit_skb:
            FunctionInfo(file: Fn.tcpOut, kind: .static,
                summary: "Actually transmits TCP packets: clones the skb, writes the TCP header and options, checksums it (tcp_v4_send_check) and calls icsk->icsk_af_ops->queue_xmit (ip_queue_xmit).",
                versions: "4.9 (late 4.9.y and >= 4.18: wrapper of __tcp_transmit_skb, inlined in 6.1)")
        case .__tcp_transmit_skb:
            FunctionInfo(file: Fn.tcpOut, kind: .static,
                summary: "6.1's worker behind tcp_transmit_skb (which became a static inline passing tp->rcv_nxt): clones, writes the header and options, checksums and calls icsk_af_ops->queue_xmit.",
                versions: "6.1 (from 4.19; 4.9.y late stable backported it)")
        case .tcp_v4_send_check:
            FunctionInfo(file: Fn.tcpV4, kind: .exported,
                summary: "Computes the TCP checksum over the IPv4 pseudo-header (saddr, daddr, protocol 6, TCP length).",
                versions: Fn.all49)
        case .tcp_v4_rcv:
            FunctionInfo(file: Fn.tcpV4, kind: .global,
                summary: "TCP receive entry: checks the header and checksum, finds the socket for the 4-tuple (listener, request sock or established) and hands the segment on.",
                versions: Fn.all49)
        case .tcp_v4_do_rcv:
            FunctionInfo(file: Fn.tcpV4, kind: .exported,
                summary: "Processes a segment for a full socket: established fast path, or tcp_rcv_state_process for every other state.",
                versions: Fn.all49)
        case .tcp_rcv_state_process:
            FunctionInfo(file: Fn.tcpIn, kind: .exported,
                summary: "The TCP state machine for segments outside ESTABLISHED: LISTEN answers a SYN through conn_request, SYN_SENT goes to tcp_rcv_synsent_state_process, SYN_RECV moves to ESTABLISHED on the ACK.",
                versions: Fn.all49)
        case .tcp_rcv_synsent_state_process:
            FunctionInfo(file: Fn.tcpIn, kind: .static,
                summary: "In SYN_SENT: a SYN-ACK that acknowledges our SYN records the peer's options, finishes the connect and sends the ACK.",
                versions: Fn.all49)
        case .tcp_ack:
            FunctionInfo(file: Fn.tcpIn, kind: .static,
                summary: "Processes an acknowledgement: frees acked skbs from the write queue, stops or re-arms the retransmit timer, and confirms the neighbour (dst_confirm) on forward progress.",
                versions: "4.9 and 6.1 (6.1 confirms through sock_confirm_neigh)")
        case .tcp_finish_connect:
            FunctionInfo(file: Fn.tcpIn, kind: .global,
                summary: "Moves the socket to TCP_ESTABLISHED, initialises the transfer state, and wakes the connecting task (sk->sk_state_change).",
                versions: Fn.all49)
        case .tcp_send_ack:
            FunctionInfo(file: Fn.tcpOut, kind: .global,
                summary: "Builds a bare ACK and sends it with tcp_transmit_skb.",
                versions: Fn.all49)
        case .__tcp_send_ack:
            FunctionInfo(file: Fn.tcpOut, kind: .global,
                summary: "6.1's worker behind tcp_send_ack: allocates the bare ACK and sends it with __tcp_transmit_skb, acknowledging rcv_nxt.",
                versions: "6.1 (from 4.19)")
        case .tcp_v4_conn_request:
            FunctionInfo(file: Fn.tcpV4, kind: .exported,
                summary: "icsk_af_ops->conn_request for IPv4 listeners: drops SYNs to broadcast/multicast and calls tcp_conn_request.",
                versions: Fn.all49)
        case .tcp_conn_request:
            FunctionInfo(file: Fn.tcpIn, kind: .exported,
                summary: "Creates a request sock for the SYN, chooses the server ISN and sends the SYN-ACK through af_ops->send_synack.",
                versions: Fn.all49)
        case .tcp_v4_send_synack:
            FunctionInfo(file: Fn.tcpV4, kind: .static,
                summary: "Routes the reply, builds the SYN-ACK (tcp_make_synack) and sends it with ip_build_and_send_pkt.",
                versions: Fn.all49)
        case .tcp_make_synack:
            FunctionInfo(file: Fn.tcpOut, kind: .global,
                summary: "Allocates and fills the SYN-ACK: seq = server ISN, ack = client ISN + 1, MSS, SACK_PERM, timestamps and window scale.",
                versions: Fn.all49)
        case .tcp_check_req:
            FunctionInfo(file: Fn.tcpMini, kind: .global,
                summary: "Validates a segment against a request sock; the handshake's ACK creates the child socket (syn_recv_sock).",
                versions: Fn.all49)
        case .tcp_v4_syn_recv_sock:
            FunctionInfo(file: Fn.tcpV4, kind: .exported,
                summary: "Creates the full child socket for a completed handshake and hashes it.",
                versions: Fn.all49)
        case .tcp_child_process:
            FunctionInfo(file: Fn.tcpMini, kind: .exported,
                summary: "Feeds the handshake's ACK to the new child socket (tcp_rcv_state_process) and wakes the listener.",
                versions: Fn.all49)
        case .sock_def_wakeup:
            FunctionInfo(file: "net/core/sock.c", kind: .static,
                summary: "Default sk->sk_state_change: wakes every task sleeping on the socket.",
                versions: Fn.all49)
        case .sock_def_error_report:
            FunctionInfo(file: "net/core/sock.c", kind: .static,
                summary: "Default sk->sk_error_report: wakes the tasks sleeping on the socket with POLLERR (a connect() waiting in inet_wait_for_connect looks at the state again).",
                versions: Fn.all49)
        case .tcp_write_timer:
            FunctionInfo(file: "net/ipv4/tcp_timer.c", kind: .static,
                summary: "The retransmit timer's callback (icsk_retransmit_timer): runs tcp_write_timer_handler unless a user task owns the socket (then tcp_release_cb does it later).",
                versions: "4.9 (6.1: takes the timer_list, from_timer)")
        case .tcp_write_timer_handler:
            FunctionInfo(file: "net/ipv4/tcp_timer.c", kind: .global,
                summary: "Dispatches the pending retransmit-timer event: ICSK_TIME_RETRANS → tcp_retransmit_timer (also early retransmit, loss probe, zero-window probe); nothing in CLOSE or LISTEN.",
                versions: Fn.all49)
        case .tcp_enter_loss:
            FunctionInfo(file: Fn.tcpIn, kind: .global,
                summary: "Enters TCP_CA_Loss on a retransmission timeout: ssthresh from the congestion module, snd_cwnd = 1, segments in flight marked lost.",
                versions: Fn.all49)
        case .__tcp_retransmit_skb:
            FunctionInfo(file: Fn.tcpOut, kind: .global,
                summary: "Retransmits one skb with tcp_transmit_skb, unless the previous transmission's clone is still in this host (skb_still_in_host_queue: -EBUSY, e.g. parked on arp_queue) or the send buffer is full (-EAGAIN).",
                versions: Fn.all49)
        case .__tcp_v4_send_check:
            FunctionInfo(file: Fn.tcpV4, kind: .global,
                summary: "Writes the TCP checksum for the given addresses. The kernel leaves a pseudo-header partial sum for the NIC (CHECKSUM_PARTIAL); the model writes the final RFC 793 checksum.",
                versions: Fn.all49)
        case .tcp_retransmit_timer:
            FunctionInfo(file: "net/ipv4/tcp_timer.c", kind: .global,
                summary: "Retransmits the head of the write queue unless tcp_write_timeout gives up (tcp_enter_loss, tcp_retransmit_skb), then doubles the RTO (icsk_backoff++, at most TCP_RTO_MAX) and re-arms; only a positive (local congestion) result does not back off.",
                versions: Fn.all49)
        case .tcp_write_timeout:
            FunctionInfo(file: "net/ipv4/tcp_timer.c", kind: .static,
                summary: "Decides whether to give up: in SYN_SENT, once the time since the first SYN reaches the budget of tcp_syn_retries retransmissions (127 s for 6), tcp_write_err.",
                versions: "4.9 time-based; 5.x/6.1 count-based with the same result")
        case .tcp_retransmit_skb:
            FunctionInfo(file: Fn.tcpOut, kind: .global,
                summary: "Retransmits an unacknowledged skb through __tcp_retransmit_skb and keeps the retransmit counters.",
                versions: Fn.all49)
        case .tcp_write_err:
            FunctionInfo(file: "net/ipv4/tcp_timer.c", kind: .static,
                summary: "Gives up: sk_err = the remembered soft error or ETIMEDOUT, error report, tcp_done.",
                versions: Fn.all49)
        case .tcp_done:
            FunctionInfo(file: "net/ipv4/tcp.c", kind: .exported,
                summary: "Moves the socket to TCP_CLOSE, stops its timers and wakes the task waiting in connect().",
                versions: Fn.all49)
        case .tcp_v4_err:
            FunctionInfo(file: Fn.tcpV4, kind: .global,
                summary: "ICMP error handler for TCP: maps the error to an errno (icmp_err_convert[]); a net/host unreachable may undo one RTO backoff (re-arm, or retransmit at once); in SYN_SENT the error is hard: sk_err, sk_error_report, tcp_done.",
                versions: Fn.all49)
        case .tcp_ld_RTO_revert:
            FunctionInfo(file: Fn.tcpV4, kind: .exported,
                summary: "RFC 6069: an ICMP net or host unreachable for snd_una after a retransmission undoes one RTO backoff; the retransmit timer is re-armed for what is left, or the retransmission runs at once.",
                versions: "6.1 (from 5.7; 4.9 does the same inline in tcp_v4_err)")
        case .sk_error_report:
            FunctionInfo(file: "net/core/sock.c", kind: .exported,
                summary: "Calls sk->sk_error_report (sock_def_error_report for TCP) and fires the inet_sk_error_report tracepoint.",
                versions: "6.1 (from 5.12; 4.9 calls sk->sk_error_report directly)")
        case .dst_link_failure:
            FunctionInfo(file: Fn.dstH, kind: .staticInline,
                summary: "Calls the route's dst->ops->link_failure (ipv4_link_failure) for an skb that could not be delivered.",
                versions: Fn.all49)
        case .ipv4_link_failure:
            FunctionInfo(file: "net/ipv4/route.c", kind: .static,
                summary: "Sends ICMP destination unreachable / host unreachable (type 3 code 1) to the skb's sender, and expires the route.",
                versions: "4.9 (5.x+ recompiles IP options first)")
        case .ip_error:
            FunctionInfo(file: "net/ipv4/route.c", kind: .static,
                summary: "dst->input of an RTN_UNREACHABLE input route: a host that does not forward drops the packet silently; a router with no route answers ICMP net (or host) unreachable, rate-limited per peer. Frees the skb.",
                versions: Fn.all49)
        case .icmp_send:
            FunctionInfo(file: "net/ipv4/icmp.c", kind: .exported,
                summary: "Builds an ICMP error quoting as much of the offending packet as fits in 576 bytes and sends it to that packet's source, through icmp_push_reply like any local packet (an error to ourselves comes back in through lo).",
                versions: "4.9 (6.1: __icmp_send)")
        case .__icmp_send:
            FunctionInfo(file: "net/ipv4/icmp.c", kind: .exported,
                summary: "6.1's worker behind icmp_send (now a static inline in include/net/icmp.h passing the skb's IP options): builds the error quoting as much of the offending packet as fits in 576 bytes, and sends it to the packet's source through icmp_push_reply.",
                versions: "6.1 (from 5.7)")
        case .icmp_push_reply:
            FunctionInfo(file: "net/ipv4/icmp.c", kind: .static,
                summary: "Appends the ICMP message to the ICMP socket's queue (ip_append_data), fills in its checksum and sends it with ip_push_pending_frames.",
                versions: Fn.all49)
        case .icmp_rcv:
            FunctionInfo(file: "net/ipv4/icmp.c", kind: .global,
                summary: "ICMP receive: checks the checksum and dispatches on the type (icmp_pointers[]): destination unreachable → icmp_unreach.",
                versions: Fn.all49)
        case .icmp_unreach:
            FunctionInfo(file: "net/ipv4/icmp.c", kind: .static,
                summary: "Handles destination unreachable: finds the protocol of the quoted packet and calls its err_handler (tcp_v4_err).",
                versions: Fn.all49)
        case .arp_error_report:
            FunctionInfo(file: Fn.arpC, kind: .static,
                summary: "neigh->ops->error_report for ARP: dst_link_failure on the skb that could not be resolved, then frees it.",
                versions: Fn.all49)
        case .tcp_v4_send_reset:
            FunctionInfo(file: Fn.tcpV4, kind: .static,
                summary: "Answers a segment for which no socket exists with a RST (sent with ip_send_unicast_reply): a closed port refuses the connection.",
                versions: Fn.all49)
        case .tcp_reset:
            FunctionInfo(file: Fn.tcpIn, kind: .global,
                summary: "A RST was received: sk_err = ECONNREFUSED in SYN_SENT (ECONNRESET otherwise), then tcp_done.",
                versions: Fn.all49)
        case .tcp_sendmsg:
            FunctionInfo(file: "net/ipv4/tcp.c", kind: .exported,
                summary: "send(2) for TCP: before the handshake ends, waits in sk_stream_wait_connect; then copies the data into skbs on the write queue and pushes them (tcp_push).",
                versions: "4.9 (6.1: tcp_sendmsg_locked under the socket lock)")
        case .sk_stream_wait_connect:
            FunctionInfo(file: "net/core/stream.c", kind: .exported,
                summary: "Waits for a connection to finish before a send: returns the socket's error, or -EPIPE once it is neither SYN_SENT nor SYN_RECV; otherwise sleeps until it is ESTABLISHED (or CLOSE_WAIT) with no error.",
                versions: Fn.all49)
        case .sk_stream_error:
            FunctionInfo(file: "net/core/stream.c", kind: .exported,
                summary: "The error a stream send returns: -EPIPE becomes the socket's pending error if there is one, and raises SIGPIPE unless MSG_NOSIGNAL.",
                versions: Fn.all49)
        case .tcp_push:
            FunctionInfo(file: "net/ipv4/tcp.c", kind: .static,
                summary: "Sends what the write queue holds, through __tcp_push_pending_frames and tcp_write_xmit.",
                versions: Fn.all49)
        case .tcp_write_xmit:
            FunctionInfo(file: Fn.tcpOut, kind: .static,
                summary: "Sends queued segments the congestion and receive windows allow, each with tcp_transmit_skb, and arms the retransmit timer.",
                versions: Fn.all49)
        case .tcp_rcv_established:
            FunctionInfo(file: Fn.tcpIn, kind: .global,
                summary: "Segments for an ESTABLISHED socket: processes the ACK (tcp_ack), queues data and acknowledges it (quick ACK at the start of a connection).",
                versions: Fn.all49)
        case .ip_forward:
            FunctionInfo(file: "net/ipv4/ip_forward.c", kind: .global,
                summary: "Forwards a packet not addressed to us: checks the TTL (ICMP time exceeded at 1), decrements it (ip_decrease_ttl) and runs NF_INET_FORWARD with ip_forward_finish.",
                versions: Fn.all49)
        case .ip_forward_finish:
            FunctionInfo(file: "net/ipv4/ip_forward.c", kind: .static,
                summary: "The okfn after NF_INET_FORWARD: dst_output, the same exit every outgoing packet takes.",
                versions: Fn.all49)
        case .ip_send_unicast_reply:
            FunctionInfo(file: Fn.ipOut, kind: .global,
                summary: "Sends a reply (a RST) that belongs to no socket, through the per-netns control socket: ip_append_data, then ip_push_pending_frames.",
                versions: Fn.all49)
        case .ip_push_pending_frames:
            FunctionInfo(file: Fn.ipOut, kind: .global,
                summary: "Makes one packet of a socket's corked data (ip_finish_skb: the IPv4 header with the socket's TOS, TTL, DF and id) and sends it with ip_send_skb.",
                versions: Fn.all49)
        case .ip_send_skb:
            FunctionInfo(file: Fn.ipOut, kind: .global,
                summary: "ip_local_out, counting a failure as an output discard; a positive NET_XMIT code becomes an errno (net_xmit_errno).",
                versions: Fn.all49)
        case .iptable_nat_ipv4_in:
            FunctionInfo(file: "net/ipv4/netfilter/iptable_nat.c", kind: .static,
                summary: "The nat table at NF_INET_PRE_ROUTING (priority -100): DNAT, and the reverse of SNAT for replies of a known connection.",
                versions: "4.9 (6.1: nf_nat_ipv4_pre_routing)")
        case .iptable_nat_ipv4_out:
            FunctionInfo(file: "net/ipv4/netfilter/iptable_nat.c", kind: .static,
                summary: "The nat table at NF_INET_POST_ROUTING (priority 100): SNAT and MASQUERADE for the first packet of a connection; later packets reuse the binding.",
                versions: "4.9 (6.1: nf_nat_ipv4_out)")
        case .iptable_nat_ipv4_local_fn:
            FunctionInfo(file: "net/ipv4/netfilter/iptable_nat.c", kind: .static,
                summary: "The nat table at NF_INET_LOCAL_OUT (priority -100): DNAT of locally generated packets.",
                versions: "4.9 (6.1: nf_nat_ipv4_local_fn)")
        case .iptable_nat_ipv4_fn:
            FunctionInfo(file: "net/ipv4/netfilter/iptable_nat.c", kind: .static,
                summary: "The nat table at NF_INET_LOCAL_IN (priority 100): SNAT of packets delivered locally.",
                versions: "4.9 (6.1: nf_nat_ipv4_fn)")
        case .nf_nat_packet:
            FunctionInfo(file: "net/netfilter/nf_nat_core.c", kind: .exported,
                summary: "Applies a connection's NAT binding to the packet: rewrites the address and port and fixes the IP and TCP checksums (nf_nat_ipv4_manip_pkt).",
                versions: Fn.all49)
        case .reject_tg:
            FunctionInfo(file: "net/ipv4/netfilter/ipt_REJECT.c", kind: .static,
                summary: "The REJECT target (INPUT, FORWARD, OUTPUT): sends an ICMP error (port unreachable by default, nf_send_unreach) or a TCP reset (nf_send_reset), and drops the packet.",
                versions: Fn.all49)
        case .nf_send_unreach:
            FunctionInfo(file: "net/ipv4/netfilter/nf_reject_ipv4.c", kind: .exported,
                summary: "REJECT's ICMP answer: icmp_send(ICMP_DEST_UNREACH, code) about the packet, unless it is a later fragment or its checksum is bad.",
                versions: Fn.all49)
        case .nf_send_reset:
            FunctionInfo(file: "net/ipv4/netfilter/nf_reject_ipv4.c", kind: .exported,
                summary: "REJECT --reject-with tcp-reset: builds a RST from the segment's addresses and sequence numbers (never for a RST), routes it (ip_route_me_harder) and sends it with ip_local_out.",
                versions: Fn.all49)
        case .log_tg:
            FunctionInfo(file: "net/netfilter/xt_LOG.c", kind: .static,
                summary: "The LOG target: prints the packet's headers to the kernel log and lets the chain continue (XT_CONTINUE).",
                versions: Fn.all49)
        case .masquerade_tg:
            FunctionInfo(file: "net/ipv4/netfilter/ipt_MASQUERADE.c", kind: .static,
                summary: "The MASQUERADE target: SNAT to the outgoing device's address, chosen per connection.",
                versions: "4.9 (6.1: nf_nat_masquerade_ipv4 via xt_MASQUERADE)")
        case .xt_snat_target_v0:
            FunctionInfo(file: "net/netfilter/xt_nat.c", kind: .static,
                summary: "The SNAT target: binds the connection's source to the --to-source address.",
                versions: Fn.all49)
        case .neigh_periodic_work:
            FunctionInfo(file: Fn.neighC, kind: .static,
                summary: "Table GC every base_reachable_time/2: recomputes reachable_time every 300 s and, above gc_thresh1, frees entries that are FAILED or unused for gc_stale_time (never PERMANENT or in a timer).",
                versions: Fn.all49)
        case .neigh_forced_gc:
            FunctionInfo(file: Fn.neighC, kind: .static,
                summary: "Called by neigh_alloc at gc_thresh3 (or gc_thresh2 with no flush for 5 s): frees every entry nobody holds that is not PERMANENT. If nothing is freed at gc_thresh3: \"neighbor table overflow!\".",
                versions: Fn.all49)
        case .neigh_add:
            FunctionInfo(file: Fn.neighC, kind: .static,
                summary: "The RTM_NEWNEIGH handler (`ip neigh add`): creates the entry and sets it with neigh_update(..., NEIGH_UPDATE_F_ADMIN), e.g. NUD_PERMANENT.",
                versions: Fn.all49)
        case .netif_rx:
            FunctionInfo(file: Fn.devC, kind: .exported,
                summary: "Queues a received skb on this CPU's backlog and raises NET_RX softirq; process_backlog delivers it later.",
                versions: "4.9 (6.1: __netif_rx from loopback)")
        case .process_backlog:
            FunctionInfo(file: Fn.devC, kind: .static,
                summary: "The backlog's NAPI poll in NET_RX softirq: hands each queued skb to __netif_receive_skb_core.",
                versions: Fn.all49)
        case .loopback_xmit:
            FunctionInfo(file: "drivers/net/loopback.c", kind: .static,
                summary: "ndo_start_xmit of lo: orphans the skb, eth_type_trans, netif_rx; the packet comes back in as if received. Always NETDEV_TX_OK.",
                versions: Fn.all49)
        case .ip_queue_xmit:
            FunctionInfo(file: Fn.ipOut, kind: .exported,
                summary: "Uses the socket's cached route (or looks one up; none → -EHOSTUNREACH), pushes and fills the IPv4 header (TTL 64, DF, id) and calls ip_local_out.",
                versions: "4.9 (6.1: wrapper of __ip_queue_xmit with the socket's TOS)")
        case .__ip_queue_xmit:
            FunctionInfo(file: Fn.ipOut, kind: .global,
                summary: "6.1's worker behind ip_queue_xmit, with the TOS as an argument: checks the socket's cached route, pushes and fills the IPv4 header and calls ip_local_out.",
                versions: "6.1 (from 4.18)")
        case .ip_build_and_send_pkt:
            FunctionInfo(file: Fn.ipOut, kind: .exported,
                summary: "Adds an IPv4 header to a packet built for a request sock (the SYN-ACK; id 0 with DF) and sends it with ip_local_out.",
                versions: Fn.all49)
        case .ip_local_out:
            FunctionInfo(file: Fn.ipOut, kind: .exported,
                summary: "Calls __ip_local_out; only when that returns 1 (netfilter let the packet pass) does it call dst_output.",
                versions: Fn.all49)
        case .__ip_local_out:
            FunctionInfo(file: Fn.ipOut, kind: .global,
                summary: "Sets tot_len, computes the IP header checksum and runs the NF_INET_LOCAL_OUT hook; a return of 1 means the packet may pass.",
                versions: Fn.all49)
        case .ip_output:
            FunctionInfo(file: Fn.ipOut, kind: .global,
                summary: "dst->output for unicast IPv4: sets skb->dev and protocol, then NF_HOOK_COND(NF_INET_POST_ROUTING, ..., ip_finish_output).",
                versions: Fn.all49)
        case .ip_finish_output:
            FunctionInfo(file: Fn.ipOut, kind: .static,
                summary: "Chooses GSO, fragmentation (len > mtu) or the plain path; a SYN always takes ip_finish_output2.",
                versions: "4.9 (6.1: split into ip_finish_output and __ip_finish_output)")
        case .__ip_finish_output:
            FunctionInfo(file: Fn.ipOut, kind: .static,
                summary: "6.1's half of ip_finish_output after the cgroup BPF egress program: GSO, fragmentation when larger than the MTU, else ip_finish_output2.",
                versions: "6.1 (from 5.2)")
        case .ip_finish_output2:
            FunctionInfo(file: Fn.ipOut, kind: .static,
                summary: "Finds the next hop's neighbour (or creates it) and calls dst_neigh_output.",
                versions: "4.9 (6.1: ip_neigh_for_gw + neigh_output)")
        case .ip_rcv:
            FunctionInfo(file: Fn.ipIn, kind: .global,
                summary: "IPv4 receive entry: validates the header and checksum, then NF_HOOK(NF_INET_PRE_ROUTING, ..., ip_rcv_finish).",
                versions: Fn.all49)
        case .ip_rcv_finish:
            FunctionInfo(file: Fn.ipIn, kind: .static,
                summary: "Routes the incoming packet (ip_route_input_noref) and calls dst_input.",
                versions: Fn.all49)
        case .ip_local_deliver:
            FunctionInfo(file: Fn.ipIn, kind: .global,
                summary: "dst->input for local routes: reassembles fragments, then NF_HOOK(NF_INET_LOCAL_IN, ..., ip_local_deliver_finish).",
                versions: Fn.all49)
        case .ip_local_deliver_finish:
            FunctionInfo(file: Fn.ipIn, kind: .static,
                summary: "Strips the IP header and calls the protocol handler (tcp_v4_rcv for TCP).",
                versions: Fn.all49)
        case .ip_protocol_deliver_rcu:
            FunctionInfo(file: Fn.ipIn, kind: .global,
                summary: "Calls the protocol's handler from inet_protos[] (tcp_v4_rcv, icmp_rcv); 4.9 did this inside ip_local_deliver_finish.",
                versions: "6.1 (from 5.1)")
        case .dst_output:
            FunctionInfo(file: Fn.dstH, kind: .staticInline,
                summary: "Calls skb_dst(skb)->output(net, sk, skb): ip_output for a unicast IPv4 route.",
                versions: "4.9 and 6.1 (6.1: INDIRECT_CALL_INET)")
        case .dst_input:
            FunctionInfo(file: Fn.dstH, kind: .staticInline,
                summary: "Calls skb_dst(skb)->input(skb): ip_local_deliver for a local route.",
                versions: Fn.all49)
        case .dst_neigh_output:
            FunctionInfo(file: Fn.dstH, kind: .staticInline,
                summary: "Picks the transmit path: if the neighbour is NUD_CONNECTED and its hh cache is filled, neigh_hh_output; otherwise the neighbour's output pointer, n->output.",
                versions: "4.9 (from ~4.11: neigh_output in include/net/neighbour.h)")
        case .ipv4_neigh_lookup:
            FunctionInfo(file: "net/ipv4/route.c", kind: .static,
                summary: "dst->ops->neigh_lookup for IPv4 routes (dst_neigh_lookup_skb): the neighbour of the route's next hop, created if missing. __neigh_update uses it to send each queued skb through its own route's neighbour.",
                versions: Fn.all49)
        case .dst_confirm:
            FunctionInfo(file: Fn.dstH, kind: .staticInline,
                summary: "Marks the route pending_confirm; the next dst_neigh_output stamps n->confirmed, keeping the neighbour REACHABLE without probes.",
                versions: "4.9 (4.11+: sock_confirm_neigh / neigh_confirm)")
        case .nf_hook:
            FunctionInfo(file: Fn.nfH, kind: .staticInline,
                summary: "nf_hook_thresh with thresh INT_MIN: runs every entry registered at this hook.",
                versions: "4.9 (6.1: does the static-key test itself and calls nf_hook_slow)")
        case .nf_hook_thresh:
            FunctionInfo(file: Fn.nfH, kind: .staticInline,
                summary: "Returns 1 if the hook has allowed the packet to pass: at once if no entry is registered, else through nf_hook_slow.",
                versions: "4.9 only (removed shortly after; 6.1 has no thresh)")
        case .NF_HOOK:
            FunctionInfo(file: Fn.nfH, kind: .staticInline,
                summary: "nf_hook, then the okfn if the result is 1; returns the okfn's value or the hook's.",
                versions: Fn.all49)
        case .NF_HOOK_THRESH:
            FunctionInfo(file: Fn.nfH, kind: .staticInline,
                summary: "nf_hook_thresh from the given priority on; if it returns 1, calls the okfn and returns its value.",
                versions: "4.9 only (removed with thresh)")
        case .NF_HOOK_COND:
            FunctionInfo(file: Fn.nfH, kind: .staticInline,
                summary: "NF_HOOK when the condition holds (not re-routed after IPsec), else the okfn directly.",
                versions: Fn.all49)
        case .nf_hook_slow:
            FunctionInfo(file: "net/netfilter/core.c", kind: .exported,
                summary: "Walks the hook's entries in priority order: NF_ACCEPT → next entry; NF_DROP → free the skb, return -EPERM; all accepted → 1.",
                versions: "4.9 (via nf_iterate) and 6.1 (array of entries)")
        case .iptable_raw_hook:
            FunctionInfo(file: "net/ipv4/netfilter/iptable_raw.c", kind: .static,
                summary: "The raw table's hook (priority NF_IP_PRI_RAW, -300): ipt_do_table over the raw chain for this hook.",
                versions: Fn.all49)
        case .iptable_mangle_hook:
            FunctionInfo(file: "net/ipv4/netfilter/iptable_mangle.c", kind: .static,
                summary: "The mangle table's hook (NF_IP_PRI_MANGLE, -150): ipt_do_table; at LOCAL_OUT a changed mark or address re-routes.",
                versions: Fn.all49)
        case .iptable_filter_hook:
            FunctionInfo(file: "net/ipv4/netfilter/iptable_filter.c", kind: .static,
                summary: "The filter table's hook (NF_IP_PRI_FILTER, 0): ipt_do_table over INPUT, FORWARD or OUTPUT.",
                versions: Fn.all49)
        case .arptable_filter_hook:
            FunctionInfo(file: "net/ipv4/netfilter/arptable_filter.c", kind: .static,
                summary: "arptables' filter table at NF_ARP_IN, NF_ARP_OUT and NF_ARP_FORWARD: arpt_do_table.",
                versions: Fn.all49)
        case .ipt_do_table:
            FunctionInfo(file: "net/ipv4/netfilter/ip_tables.c", kind: .exported,
                summary: "Walks an iptables table's chain for this hook: each rule's matches, then its target; the first terminal verdict (or the chain's policy) is returned.",
                versions: Fn.all49)
        case .arpt_do_table:
            FunctionInfo(file: "net/ipv4/netfilter/arp_tables.c", kind: .exported,
                summary: "Walks an arptables table's chain for this hook, as ipt_do_table does for IPv4.",
                versions: Fn.all49)
        case .nft_do_chain_ipv4:
            FunctionInfo(file: "net/netfilter/nft_chain_filter.c", kind: .static,
                summary: "The hook function of an nf_tables base chain of the ip family (what iptables-nft creates): sets up the packet info and calls nft_do_chain.",
                versions: Fn.all49)
        case .nft_do_chain:
            FunctionInfo(file: "net/netfilter/nf_tables_core.c", kind: .exported,
                summary: "Runs an nf_tables chain's rules: each rule's expressions in turn (payload loads, compares, nft_compat's xt matches); the first verdict decides, else the chain's policy.",
                versions: Fn.all49)
        case .apparmor_ip_postroute:
            FunctionInfo(file: "security/apparmor/lsm.c", kind: .static,
                summary: "AppArmor's NF_INET_POST_ROUTING hook (priority NF_IP_PRI_SELINUX_FIRST, -225): checks the secmark of an outgoing packet; NF_ACCEPT when no secmark rules are loaded. Its registration is why a host with no iptables tables still calls nf_hook_slow in ip_output.",
                versions: "6.1 (from 4.17; 4.9's AppArmor registers no netfilter hook)")
        case .__ipv4_neigh_lookup_noref:
            FunctionInfo(file: "include/net/arp.h", kind: .staticInline,
                summary: "Looks the next hop up in arp_tbl's hash without taking a reference (RCU-BH held by the caller).",
                versions: Fn.all49)
        case .__neigh_create:
            FunctionInfo(file: Fn.neighC, kind: .exported,
                summary: "Allocates a neighbour (NUD_NONE, output = neigh_blackhole), runs the table's constructor (arp_constructor) and hashes it.",
                versions: "4.9 (6.1: ___neigh_create)")
        case .___neigh_create:
            FunctionInfo(file: Fn.neighC, kind: .static,
                summary: "6.1's worker behind __neigh_create (which passes exempt_from_gc for loopback): neigh_alloc (forced GC at the thresholds), the constructor (arp_constructor), tbl->hash (arp_hash), then links the entry into the hash and the GC list.",
                versions: "6.1 (from 5.0)")
        case .arp_constructor:
            FunctionInfo(file: Fn.arpC, kind: .static,
                summary: "Initialises an ARP neighbour: picks neigh_ops from the device (arp_hh_ops if header_ops has cache, else arp_generic_ops), NUD_NOARP for loopback/broadcast, and output = ops->output (or connected_output if already VALID).",
                versions: Fn.all49)
        case .neigh_hh_output:
            FunctionInfo(file: Fn.neighH, kind: .staticInline,
                summary: "The fast path: copies the cached link-layer header (hh cache) in front of the packet and calls dev_queue_xmit.",
                versions: Fn.all49)
        case .neigh_output:
            FunctionInfo(file: Fn.neighH, kind: .staticInline,
                summary: "Picks the transmit path: NUD_CONNECTED with a filled hh cache takes neigh_hh_output; otherwise the neighbour's output pointer, n->output. No route confirmation here: sock_confirm_neigh does that before.",
                versions: "6.1 (4.11 replaced dst_neigh_output with it)")
        case .neigh_event_send:
            FunctionInfo(file: Fn.neighH, kind: .staticInline,
                summary: "Stamps neigh->used; returns 0 (send now) if the state has CONNECTED, DELAY or PROBE bits, else calls __neigh_event_send.",
                versions: "4.9 (6.1: neigh_event_send_probe)")
        case .neigh_resolve_output:
            FunctionInfo(file: Fn.neighC, kind: .exported,
                summary: "The slow, careful output: neigh_event_send; if the address is known, fills the hh cache (if the device has one), builds the link header from neigh->ha and calls dev_queue_xmit. Returns 0 when the skb was parked for resolution.",
                versions: Fn.all49)
        case .neigh_connected_output:
            FunctionInfo(file: Fn.neighC, kind: .exported,
                summary: "Output for a CONNECTED neighbour on a device without hh cache: builds the link header from neigh->ha and calls dev_queue_xmit, with no state check.",
                versions: Fn.all49)
        case .__neigh_event_send:
            FunctionInfo(file: Fn.neighC, kind: .exported,
                summary: "Starts or continues resolution: NONE/FAILED → INCOMPLETE with an immediate probe and the retrans timer; STALE → DELAY; while INCOMPLETE the skb is parked on arp_queue (returns 1).",
                versions: "4.9 (6.1: extra immediate_ok argument)")
        case .neigh_probe:
            FunctionInfo(file: Fn.neighC, kind: .static,
                summary: "Clones the newest queued skb, calls neigh->ops->solicit (arp_solicit) and increments neigh->probes.",
                versions: Fn.all49)
        case .neigh_hh_init:
            FunctionInfo(file: Fn.neighC, kind: .static,
                summary: "Fills the neighbour's hh cache once through dev->header_ops->cache (eth_header_cache).",
                versions: Fn.all49)
        case .neigh_lookup:
            FunctionInfo(file: Fn.neighC, kind: .exported,
                summary: "Finds a neighbour by key and device, taking a reference.",
                versions: Fn.all49)
        case .neigh_event_ns:
            FunctionInfo(file: Fn.neighC, kind: .exported,
                summary: "Called when a host solicits us: looks up or creates its entry and records its address as NUD_STALE.",
                versions: Fn.all49)
        case .neigh_update:
            FunctionInfo(file: Fn.neighC, kind: .exported,
                summary: "The generic update: sets the new state and address, re-arms the timer, swaps the output pointer (neigh_connect / neigh_suspect) and, if the entry just became VALID, drains arp_queue through n1->output.",
                versions: "4.9 (6.1: wrapper of __neigh_update)")
        case .__neigh_update:
            FunctionInfo(file: Fn.neighC, kind: .static,
                summary: "6.1's worker behind neigh_update (extra flags and extack): sets state and address, re-arms the timer from neigh->confirmed, swaps the output pointer, drains arp_queue through each skb's route's neighbour, then notifies (netevent, RTM_NEWNEIGH).",
                versions: "6.1 (from 4.15)")
        case .neigh_connect:
            FunctionInfo(file: Fn.neighC, kind: .static,
                summary: "neigh->output = neigh->ops->connected_output: neigh_connected_output with arp_generic_ops, still neigh_resolve_output with arp_hh_ops.",
                versions: Fn.all49)
        case .neigh_suspect:
            FunctionInfo(file: Fn.neighC, kind: .static,
                summary: "neigh->output = neigh->ops->output (neigh_resolve_output): every packet is checked again until the entry is confirmed.",
                versions: Fn.all49)
        case .neigh_add_timer:
            FunctionInfo(file: Fn.neighC, kind: .static,
                summary: "Takes a reference for the timer and arms neigh->timer for the given jiffies; a timer already pending is a bug the kernel reports.",
                versions: Fn.all49)
        case .neigh_del_timer:
            FunctionInfo(file: Fn.neighC, kind: .static,
                summary: "Stops neigh->timer if the state has a timer (NUD_IN_TIMER) and drops the timer's reference; returns 1 if it was pending.",
                versions: Fn.all49)
        case .__neigh_notify:
            FunctionInfo(file: Fn.neighC, kind: .static,
                summary: "Builds an RTM_NEWNEIGH netlink message for the entry (neigh_fill_info) and sends it to RTNLGRP_NEIGH: what `ip monitor neigh` prints.",
                versions: Fn.all49)
        case .neigh_timer_handler:
            FunctionInfo(file: Fn.neighC, kind: .static,
                summary: "The per-neighbour timer: re-probes INCOMPLETE entries every retrans_time until neigh_max_probes, then FAILED; ages REACHABLE to STALE or DELAY, and DELAY to PROBE or back to REACHABLE.",
                versions: Fn.all49)
        case .neigh_invalidate:
            FunctionInfo(file: Fn.neighC, kind: .static,
                summary: "Resolution failed (NUD_FAILED): hands every skb parked on arp_queue to neigh->ops->error_report (arp_error_report), then purges the queue.",
                versions: Fn.all49)
        case .arp_solicit:
            FunctionInfo(file: Fn.arpC, kind: .static,
                summary: "neigh->ops->solicit for ARP: chooses the source address (arp_announce) and broadcast or unicast, then sends an ARP request with arp_send_dst.",
                versions: Fn.all49)
        case .arp_send_dst:
            FunctionInfo(file: Fn.arpC, kind: .static,
                summary: "Create and send an arp packet: arp_create, attach the dst, arp_xmit. Nothing on IFF_NOARP devices.",
                versions: Fn.all49)
        case .arp_create:
            FunctionInfo(file: Fn.arpC, kind: .exported,
                summary: "Allocates a 42-byte ARP skb: the link header via dev_hard_header, then hardware and protocol types, opcode, sender and target addresses.",
                versions: Fn.all49)
        case .arp_xmit:
            FunctionInfo(file: Fn.arpC, kind: .exported,
                summary: "NF_HOOK(NFPROTO_ARP, NF_ARP_OUT, ..., arp_xmit_finish); the result is discarded.",
                versions: Fn.all49)
        case .arp_xmit_finish:
            FunctionInfo(file: Fn.arpC, kind: .static,
                summary: "The okfn after NF_ARP_OUT: dev_queue_xmit.",
                versions: "4.9 and 6.1 (often inlined in 6.1 builds)")
        case .arp_rcv:
            FunctionInfo(file: Fn.arpC, kind: .static,
                summary: "Receive handler for ETH_P_ARP: sanity checks, then NF_HOOK(NFPROTO_ARP, NF_ARP_IN, ..., arp_process).",
                versions: Fn.all49)
        case .arp_process:
            FunctionInfo(file: Fn.arpC, kind: .static,
                summary: "A request for a local address: learn the sender (neigh_event_ns) and reply. A reply: neigh_update of the sender's entry, NUD_REACHABLE for a unicast reply.",
                versions: Fn.all49)
        case .kfree_skb:
            FunctionInfo(file: "net/core/skbuff.c", kind: .exported,
                summary: "Frees an skb that was not used as intended: a drop. In 4.9 the caller is the only record of why (kpath adds its own reading); the kfree_skb tracepoint gives the caller's address.",
                versions: "4.9 (5.17+: kfree_skb_reason with an enum skb_drop_reason; 6.1 names SKB_DROP_REASON_*)")
        case .neigh_fill_info:
            FunctionInfo(file: Fn.neighC, kind: .static,
                summary: "Fills a netlink neighbour message: family, state, flags, the address (NDA_DST), the link-layer address when VALID (NDA_LLADDR), the cache times and probes.",
                versions: Fn.all49)
        case .arp_hash:
            FunctionInfo(file: Fn.arpC, kind: .static,
                summary: "arp_tbl.hash: the bucket of an IPv4 key on a device (arp_hashfn, keyed by the table's random).",
                versions: Fn.all49)
        case .arp_key_eq:
            FunctionInfo(file: Fn.arpC, kind: .static,
                summary: "arp_tbl.key_eq: whether an entry's primary key is the address looked up.",
                versions: "6.1 (4.9's neigh_lookup compares keys with memcmp)")
        case .arp_accept:
            FunctionInfo(file: Fn.arpC, kind: .static,
                summary: "The arp_accept sysctl as a function: 0 (the default) refuses to create entries from unsolicited ARP, 1 accepts, 2 only for addresses in one of the device's subnets.",
                versions: "6.1 (from 6.0; 4.9 tests IN_DEV_ARP_ACCEPT inline)")
        case .dev_hard_header:
            FunctionInfo(file: Fn.netdevH, kind: .staticInline,
                summary: "Builds the link-layer header through dev->header_ops->create (eth_header).",
                versions: Fn.all49)
        case .eth_header:
            FunctionInfo(file: Fn.ethC, kind: .exported,
                summary: "Pushes a 14-byte Ethernet header: destination, source (dev->dev_addr), EtherType.",
                versions: Fn.all49)
        case .eth_header_cache:
            FunctionInfo(file: Fn.ethC, kind: .exported,
                summary: "header_ops->cache for Ethernet: writes destination (neigh->ha), source and type 0x0800 into the hh cache, hh_len = 14.",
                versions: Fn.all49)
        case .dev_queue_xmit:
            FunctionInfo(file: Fn.devC, kind: .exported,
                summary: "Queue a buffer for transmission to a network device: __dev_queue_xmit(skb, NULL).",
                versions: "4.9 (6.1: inline wrapper in netdevice.h)")
        case .__dev_queue_xmit:
            FunctionInfo(file: Fn.devC, kind: .static,
                summary: "Picks the TX queue and its qdisc; with an enqueue function, __dev_xmit_skb; without (noqueue), straight to dev_hard_start_xmit.",
                versions: "4.9 static (6.1: exported)")
        case .__dev_xmit_skb:
            FunctionInfo(file: Fn.devC, kind: .staticInline,
                summary: "Empty queue and TCQ_F_CAN_BYPASS: the skb skips the queue (sch_direct_xmit); otherwise q->enqueue and __qdisc_run.",
                versions: "4.9 (6.1: lockless pfifo_fast branch as well)")
        case .sch_direct_xmit:
            FunctionInfo(file: "net/sched/sch_generic.c", kind: .global,
                summary: "Sends one skb (or a bulk list) to the driver under the TX lock; requeues it if the driver is busy.",
                versions: Fn.all49)
        case .dev_hard_start_xmit:
            FunctionInfo(file: Fn.devC, kind: .global,
                summary: "Hands each skb of the list to xmit_one until one is not complete.",
                versions: Fn.all49)
        case .xmit_one:
            FunctionInfo(file: Fn.devC, kind: .static,
                summary: "Gives a copy to packet taps (where tcpdump sees outgoing frames), then netdev_start_xmit.",
                versions: Fn.all49)
        case .netdev_start_xmit:
            FunctionInfo(file: Fn.netdevH, kind: .staticInline,
                summary: "Calls the driver: dev->netdev_ops->ndo_start_xmit(skb, dev).",
                versions: Fn.all49)
        case .kfree_skb_reason:
            FunctionInfo(file: "net/core/skbuff.c", kind: .exported,
                summary: "Frees an skb that was dropped, with an enum skb_drop_reason (SKB_DROP_REASON_*) for the kfree_skb tracepoint; kfree_skb itself is an inline passing SKB_DROP_REASON_NOT_SPECIFIED.",
                versions: "6.1 (from 5.17; 4.9 has kfree_skb and no reasons)")
        case .netif_receive_skb:
            FunctionInfo(file: Fn.devC, kind: .exported,
                summary: "Receive entry for a frame from a driver (NAPI poll in softirq context).",
                versions: Fn.all49)
        case .__netif_receive_skb_core:
            FunctionInfo(file: Fn.devC, kind: .static,
                summary: "Delivers the skb to taps and to the protocol handler registered for its EtherType: arp_rcv for 0x0806, ip_rcv for 0x0800.",
                versions: Fn.all49)
        case .simnic_start_xmit:
            FunctionInfo(file: Fn.simnic, kind: .model,
                summary: "kpath's model NIC (no such driver exists): ndo_start_xmit puts the frame on the simulated wire and consumes the skb, as a driver's transmit routine does.",
                versions: "model")
        case .simnic_rx:
            FunctionInfo(file: Fn.simnic, kind: .model,
                summary: "kpath's model NIC receive: builds an skb from the frame (eth_type_trans), drops frames for other MACs, and passes it to netif_receive_skb in NET_RX softirq.",
                versions: "model")
        case .start_xmit:
            FunctionInfo(file: "drivers/net/virtio_net.c", kind: .static,
                summary: "virtio-net's ndo_start_xmit: frees completed buffers, adds the skb to the TX virtqueue (xmit_skb) and kicks the host; the frame then leaves on the link.",
                versions: Fn.all49)
        case .virtnet_poll:
            FunctionInfo(file: "drivers/net/virtio_net.c", kind: .static,
                summary: "virtio-net's NAPI poll in NET_RX softirq: takes received buffers off the RX virtqueue, builds skbs (receive_buf, eth_type_trans) and passes them up the stack. The model hands each to netif_receive_skb; 6.1 goes through GRO and the list receive path.",
                versions: Fn.all49)
        }
    }
}
