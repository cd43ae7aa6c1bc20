import Tracing

/// net/ipv4/tcp_ipv4.c: TCP over IPv4.
extension Net {
    /// Routes to the destination (ip_route_connect; a broadcast or multicast
    /// route is refused with -ENETUNREACH), takes the destination and source
    /// addresses the lookup settled on (0.0.0.0 becomes 127.0.0.1), moves to TCP_SYN_SENT, picks the source port
    /// (inet_hash_connect) and the ISN (secure_tcp_sequence_number), caches
    /// the route on the socket (sk_setup_caps) and calls tcp_connect. On
    /// failure after SYN_SENT the socket goes back to TCP_CLOSE. Simplified
    /// away: the hash tables (the model keeps a socket list) and the
    /// cryptographic hashes (the seeded generator stands in for them).
    func tcp_v4_connect(_ sk: Sock, _ daddr: UInt32, _ dport: UInt16) -> Int32 {
        span(.tcp_v4_connect, nil, arg: daddr) {
            var fl4 = Flowi4(daddr: daddr, saddr: sk.inet_saddr)
            guard let rt = ip_route_output_key(&fl4) else { return -Errno.ENETUNREACH }
            guard rt.rt_type != .RTN_BROADCAST && rt.rt_type != .RTN_MULTICAST else {
                branch(.tcp_v4_connect, .routeBroadcast(daddr: fl4.daddr))
                return -Errno.ENETUNREACH
            }
            let nexthop = rt_nexthop(rt, fl4.daddr)
            branch(.tcp_v4_connect, rt.rt_gateway != 0 ? .routeViaGateway(gateway: nexthop) : .routeOnLink(nexthop: nexthop))
            if sk.inet_saddr == 0 { sk.inet_saddr = fl4.saddr }
            sk.inet_daddr = fl4.daddr
            sk.inet_dport = dport
            tcp_set_state(sk, .TCP_SYN_SENT)
            guard let port = inet_hash_connect(sk) else {
                tcp_set_state(sk, .TCP_CLOSE)
                return -Errno.EADDRNOTAVAIL
            }
            sk.inet_sport = port
            ehash[sk.fourTuple] = sk
            sk.sk_dst_cache = rt
            if sk.write_seq == 0 { sk.write_seq = world.random.next32() }
            // 6.1 (from 4.10): secure_tcp_ts_off, a keyed hash of the
            // addresses, offsets the connection's timestamps.
            if kernel == .v6_1 { sk.tsoffset = world.random.next32() }
            sk.inet_id = UInt16(truncatingIfNeeded: world.random.next32())
            let err = tcp_connect(sk)
            if err != 0 {
                tcp_set_state(sk, .TCP_CLOSE)
                sk.sk_dst_cache = nil
            }
            return err
        }
    }

    /// inet_hash_connect: an ephemeral port from ip_local_port_range, even
    /// ones first (since 4.6 bind() takes the odd ones), such that the
    /// 4-tuple is not in use (__inet_check_established). nil when every
    /// port is taken (-EADDRNOTAVAIL). The offset comes from the seeded
    /// generator instead of the kernel's keyed hash.
    func inet_hash_connect(_ sk: Sock) -> UInt16? {
        let range = sysctl.ip_local_port_range
        let span = UInt32(range.upperBound - range.lowerBound) + 1
        let offset = UInt32(world.random.next() % UInt64(span)) & ~1
        for parity: UInt32 in [0, 1] {
            for k in stride(from: UInt32(0), to: span, by: 2) {
                let port = UInt16(UInt32(range.lowerBound) + (offset + k + parity) % span)
                let tuple = FourTuple(laddr: sk.inet_saddr, lport: port, raddr: sk.inet_daddr, rport: sk.inet_dport)
                if ehash[tuple] == nil && lhash[port] == nil { return port }
            }
        }
        return nil
    }

    /// icsk_af_ops->send_check: __tcp_v4_send_check with the socket's addresses.
    func tcp_v4_send_check(_ sk: Sock, _ skb: SKB) {
        spanVoid(.tcp_v4_send_check, skb) { __tcp_v4_send_check(skb, sk.inet_saddr, sk.inet_daddr) }
    }

    /// The TCP checksum over the pseudo-header and segment. The kernel stores
    /// the pseudo-header sum and lets the NIC (or skb_checksum_help) finish
    /// it; the model writes the final value, so the bytes are what the wire carries.
    func __tcp_v4_send_check(_ skb: SKB, _ saddr: UInt32, _ daddr: UInt32) {
        spanVoid(.__tcp_v4_send_check, skb) {
            let th = skb.transport_header
            skb.write(0, at: th + 16, size: 2)
            let seg = skb.transport
            let sum = csum_fold(seg, initial: csum_tcpudp_nofold(saddr: saddr, daddr: daddr, len: seg.count, proto: IPPROTO_TCP))
            skb.write(UInt32(sum), at: th + 16, size: 2)
        }
    }

    /// TCP receive: check the checksum, find the socket (a request sock, a
    /// full socket, or a listener), and hand the segment on. No socket → a
    /// RST answers it (tcp_v4_send_reset). Simplified away: prequeue and
    /// backlog (the socket is never owned by a user task here), timewait.
    func tcp_v4_rcv(_ skb: SKB) -> Int32 {
        span(.tcp_v4_rcv, skb) {
            let saddr = skb.ip(12, 4), daddr = skb.ip(16, 4)
            let seg = skb.transport
            guard csum_fold(seg, initial: csum_tcpudp_nofold(saddr: saddr, daddr: daddr, len: seg.count, proto: IPPROTO_TCP)) == 0 else {
                kfree_skb(skb, .UNHANDLED_PROTO)
                return 0
            }
            let th = TCPHeader(skb)
            switch __inet_lookup_skb(saddr: saddr, sport: th.source, daddr: daddr, dport: th.dest) {
            case .request(let req):
                guard let child = tcp_check_req(req.listener, skb, req) else {
                    kfree_skb(skb, .NO_SOCKET)
                    return 0
                }
                _ = tcp_child_process(req.listener, child, skb)
                return 0
            case .full(let sk):
                return tcp_v4_do_rcv(sk, skb)
            case .none:
                tcp_v4_send_reset(skb)
                kfree_skb(skb, .NO_SOCKET)
                return 0
            }
        }
    }

    enum Lookup { case full(Sock), request(RequestSock), none }

    /// __inet_lookup_skb: the established hash by 4-tuple first (request
    /// socks live there too, as TCP_NEW_SYN_RECV), then a listener on the port.
    func __inet_lookup_skb(saddr: UInt32, sport: UInt16, daddr: UInt32, dport: UInt16) -> Lookup {
        let tuple = FourTuple(laddr: daddr, lport: dport, raddr: saddr, rport: sport)
        if let sk = ehash[tuple] { return .full(sk) }
        if let req = reqhash[tuple] { return .request(req) }
        return lhash[dport].map { .full($0) } ?? .none
    }

    /// A segment for a full socket: ESTABLISHED takes tcp_rcv_established,
    /// every other state tcp_rcv_state_process; a non-zero answer from it
    /// means "reset".
    func tcp_v4_do_rcv(_ sk: Sock, _ skb: SKB) -> Int32 {
        span(.tcp_v4_do_rcv, skb) {
            if sk.sk_state == .TCP_ESTABLISHED {
                tcp_rcv_established(sk, skb)
                return 0
            }
            if tcp_rcv_state_process(sk, skb) != 0 {
                tcp_v4_send_reset(skb)
                kfree_skb(skb, .NO_SOCKET)
            }
            return 0
        }
    }

    /// Answers a segment that has no socket with a RST: seq = its ack_seq if
    /// it carried an ACK, else RST|ACK acknowledging it (a SYN: ISN + 1).
    /// Never in answer to a RST. Sent by ip_send_unicast_reply.
    func tcp_v4_send_reset(_ skb: SKB) {
        spanVoid(.tcp_v4_send_reset, skb) {
            let th = TCPHeader(skb)
            guard !th.rst else { return }
            let saddr = skb.ip(16, 4), daddr = skb.ip(12, 4)
            let doff = Int(skb.tcp(12, 1) >> 4) * 4
            let seglen = UInt32(skb.buf.count - skb.transport_header - doff)
            let (seq, ack, flags) = th.ack
                ? (th.ack_seq, UInt32(0), TCPHDR_RST)
                : (UInt32(0), th.seq &+ (th.syn ? 1 : 0) &+ (th.flags & TCPHDR_FIN != 0 ? 1 : 0) &+ seglen,
                   TCPHDR_RST | TCPHDR_ACK)
            let rst = alloc_skb(headroom: MAX_TCP_HEADER)
            rst.push(tcphdr(sport: th.dest, dport: th.source, seq: seq, ack: ack, flags: flags, window: 0, options: []))
            rst.reset_transport_header()
            __tcp_v4_send_check(rst, saddr, daddr)
            _ = ip_send_unicast_reply(rst, saddr: saddr, daddr: daddr)
        }
    }

    /// icsk_af_ops->conn_request: refuses SYNs to broadcast or multicast,
    /// then tcp_conn_request.
    func tcp_v4_conn_request(_ sk: Sock, _ skb: SKB) -> Int32 {
        span(.tcp_v4_conn_request, skb) { tcp_conn_request(sk, skb) }
    }

    /// af_ops->send_synack: routes the reply (inet_csk_route_req, reduced to
    /// the FIB: no route → nothing is sent, -EHOSTUNREACH), builds the
    /// SYN-ACK and sends it with ip_build_and_send_pkt.
    func tcp_v4_send_synack(_ sk: Sock, _ req: RequestSock) -> Int32 {
        span(.tcp_v4_send_synack, nil) {
            guard let rt = ip_route_output(req.ir_rmt_addr) else { return -Errno.EHOSTUNREACH }
            let skb = tcp_make_synack(sk, req)
            skb.dst = rt
            __tcp_v4_send_check(skb, req.ir_loc_addr, req.ir_rmt_addr)
            snapshot(skb)
            return net_xmit_eval(ip_build_and_send_pkt(skb, sk, req.ir_loc_addr, req.ir_rmt_addr))
        }
    }

    /// Creates the child socket for a completed handshake (TCP_SYN_RECV),
    /// inheriting the request's addresses, sequence numbers and options.
    func tcp_v4_syn_recv_sock(_ sk: Sock, _ skb: SKB, _ req: RequestSock) -> Sock {
        span(.tcp_v4_syn_recv_sock, skb, ret: { _ in 0 }) {
            let child = Sock(net: self)
            child.sk_state = .TCP_SYN_RECV
            child.inet_saddr = req.ir_loc_addr; child.inet_daddr = req.ir_rmt_addr
            child.inet_sport = req.ir_num; child.inet_dport = req.ir_rmt_port
            child.rcv_nxt = req.rcv_isn &+ 1
            child.snd_una = req.snt_isn &+ 1; child.snd_nxt = child.snd_una; child.write_seq = child.snd_una
            child.snd_wscale = req.snd_wscale; child.rcv_wscale = req.rcv_wscale
            child.rcv_wnd = req.rsk_rcv_wnd; child.ts_recent = req.ts_recent; child.tstamp_ok = req.tstamp_ok
            child.tsoffset = req.ts_off
            child.sk_dst_cache = ip_route_output(req.ir_rmt_addr)
            ehash[child.fourTuple] = child
            return child
        }
    }

    /// The ICMP error handler (inet_protos[IPPROTO_TCP]->err_handler): finds
    /// the socket of the quoted segment, ignores it unless its sequence
    /// number lies in [snd_una, snd_nxt], and maps the error to an errno
    /// (icmp_err_convert[] for destination unreachable, EPROTO for a
    /// parameter problem, EHOSTUNREACH for time exceeded). A net or host
    /// unreachable about snd_una on a socket that has backed off undoes one
    /// backoff (RFC 6069): the RTO is recomputed and the retransmit timer
    /// re-armed for what is left of it, or, if nothing is left, the segment
    /// is retransmitted at once (tcp_retransmit_timer). Then in SYN_SENT or
    /// SYN_RECV, with the socket not owned by a user task (connect() sleeps
    /// with the lock released), the error is hard: sk_err, sk_error_report,
    /// tcp_done. A connected socket only remembers it (sk_err_soft;
    /// IP_RECVERR is off). Simplified away: request socks (tcp_req_err),
    /// TIME_WAIT, min_ttl, redirects and PMTU discovery (frag needed).
    func tcp_v4_err(_ icmp: SKB, _ type: UInt8, _ code: UInt8, quoted: ArraySlice<UInt8>) {
        spanVoid(.tcp_v4_err, icmp, arg: UInt32(type) << 8 | UInt32(code)) {
            let q = Array(quoted), ihl = Int(q[0] & 0x0f) * 4
            let saddr = q.be(12, 4), daddr = q.be(16, 4)
            let sport = UInt16(q.be(ihl, 2)), dport = UInt16(q.be(ihl + 2, 2)), seq = q.be(ihl + 4, 4)
            guard case .full(let sk) = __inet_lookup_skb(saddr: daddr, sport: dport, daddr: saddr, dport: sport),
                  sk.sk_state != .TCP_CLOSE, sk.sk_state != .TCP_LISTEN,
                  seq &- sk.snd_una <= sk.snd_nxt &- sk.snd_una else { return }  // between(seq, snd_una, snd_nxt)
            let err: Int32
            switch type {
            case ICMP_PARAMETERPROB: err = Errno.EPROTO
            case ICMP_TIME_EXCEEDED: err = Errno.EHOSTUNREACH
            case ICMP_DEST_UNREACH where code <= NR_ICMP_UNREACH && code != ICMP_FRAG_NEEDED:
                err = icmp_err_convert(code)
                if code == ICMP_NET_UNREACH || code == ICMP_HOST_UNREACH {
                    if kernel == .v6_1 { tcp_ld_RTO_revert(sk, seq) } else { revertBackoff(sk, seq, by: .tcp_v4_err) }
                }
            default: return
            }
            guard sk.sk_state == .TCP_SYN_SENT || sk.sk_state == .TCP_SYN_RECV else {
                branch(.tcp_v4_err, .icmpSoftError(err: err))
                sk.sk_err_soft = err
                return
            }
            branch(.tcp_v4_err, .icmpHardError(err: err))
            sk.sk_err = err
            sk_error_report(sk)
            tcp_done(sk)
        }
    }

    /// 6.1 (RFC 6069, from 5.7): tcp_v4_err's backoff undo as its own
    /// exported function, shared with IPv6; the same checks and arithmetic
    /// as 4.9's inline block.
    func tcp_ld_RTO_revert(_ sk: Sock, _ seq: UInt32) {
        spanVoid(.tcp_ld_RTO_revert, nil, arg: sk.id) { revertBackoff(sk, seq, by: .tcp_ld_RTO_revert) }
    }

    /// Undo one RTO backoff for net/host unreachable on snd_una after a
    /// retransmission: re-arm for what is left of the RTO, or retransmit now.
    private func revertBackoff(_ sk: Sock, _ seq: UInt32, by fn: Fn) {
        guard seq == sk.snd_una, sk.icsk_retransmits > 0, sk.icsk_backoff > 0,
              let head = sk.sk_write_queue.first else { return }
        sk.icsk_backoff -= 1
        // srtt_us is 0 before the first RTT sample: TCP_TIMEOUT_INIT.
        sk.icsk_rto = min(TCP_TIMEOUT_INIT << sk.icsk_backoff, TCP_RTO_MAX)  // inet_csk_rto_backoff
        let remaining = sk.icsk_rto - min(sk.icsk_rto, jiffies &- head.skb_mstamp)
        branch(fn, .icmpUndoBackoff(remainingMs: remaining))
        if remaining > 0 {
            inet_csk_reset_xmit_timer(sk, remaining)
        } else {
            tcp_retransmit_timer(sk)
        }
    }

    /// sk->sk_error_report(sk) (sock_def_error_report); 6.1 calls it through
    /// sk_error_report (net/core/sock.c, from 5.12), which also fires the
    /// inet_sk_error_report tracepoint.
    func sk_error_report(_ sk: Sock) {
        guard kernel == .v6_1 else {
            indirect(.sk_error_report, .sock_def_error_report)
            return sock_def_error_report(sk)
        }
        spanVoid(.sk_error_report, nil, arg: sk.id) {
            indirect(.sk_error_report, .sock_def_error_report)
            sock_def_error_report(sk)
        }
    }
}

/// icmp_err_convert[] (net/ipv4/icmp.c): the errno for each destination
/// unreachable code, ICMP_NET_UNREACH (0) to ICMP_PREC_CUTOFF (15).
func icmp_err_convert(_ code: UInt8) -> Int32 {
    let table: [Int32] = [
        Errno.ENETUNREACH, Errno.EHOSTUNREACH, Errno.ENOPROTOOPT, Errno.ECONNREFUSED, Errno.EMSGSIZE,
        Errno.EOPNOTSUPP, Errno.ENETUNREACH, Errno.EHOSTDOWN, Errno.ENONET, Errno.ENETUNREACH,
        Errno.EHOSTUNREACH, Errno.ENETUNREACH, Errno.EHOSTUNREACH, Errno.EHOSTUNREACH, Errno.EHOSTUNREACH,
        Errno.EHOSTUNREACH,
    ]
    return table[Int(code)]
}
