import Tracing

/// net/ipv4/tcp_output.c: building and sending segments.
extension Net {
    /// Builds the SYN: tcp_connect_init (folded in: header length, MSS,
    /// initial window), a zero-payload skb with seq = ISN (write_seq++),
    /// queued on sk_write_queue for retransmission, a clone sent with
    /// tcp_transmit_skb, and the retransmit timer armed for icsk_rto (1 s).
    /// Only -ECONNREFUSED is returned: any other transmit error is left to
    /// the timer. Simplified away: rebuild_header (the route cached by
    /// tcp_v4_connect is valid), repair mode, Fast Open, ECN.
    func tcp_connect(_ sk: Sock) -> Int32 {
        span(.tcp_connect, nil, arg: sk.id) {
            tcp_connect_init(sk)
            let buff = alloc_skb(headroom: MAX_TCP_HEADER)
            buff.sk = sk
            tcp_init_nondata_skb(buff, sk.write_seq, TCPHDR_SYN)
            sk.write_seq &+= 1
            sk.retrans_stamp = jiffies
            sk.sk_write_queue.append(buff)  // tcp_connect_queue_skb
            note(.skbQueued(buff.id, .sk_write_queue, length: sk.sk_write_queue.count, owner: sk.id))
            let err = tcp_transmit_skb(sk, buff, clone_it: true)
            if err == -Errno.ECONNREFUSED { return err }
            if err != 0 { branch(.tcp_connect, .tcpIgnoresXmitError(err: err)) }
            sk.snd_nxt = sk.write_seq
            inet_csk_reset_xmit_timer(sk, sk.icsk_rto)
            return 0
        }
    }

    /// tcp_connect_init: MSS from the route (dst_metric_advmss), the initial
    /// receive window and scale, and the sequence variables.
    func tcp_connect_init(_ sk: Sock) {
        sk.advmss = ipv4_default_advmss(sk.sk_dst_cache)
        (sk.rcv_wnd, sk.rcv_wscale) = tcp_select_initial_window(space: tcp_full_space, mss: sk.advmss)
        sk.snd_una = sk.write_seq
        sk.snd_nxt = sk.write_seq
        sk.rcv_nxt = 0
        sk.icsk_rto = TCP_TIMEOUT_INIT
        sk.icsk_retransmits = 0
    }

    /// tcp_full_space with tcp_adv_win_scale = 1 and the default
    /// tcp_rmem[1]: 87380 in 4.9, 131072 in 6.1.
    var tcp_full_space: Int {
        let rmem = kernel == .v6_1 ? 131_072 : 87380
        return rmem - rmem / 2
    }

    /// The 4.9 algorithm: the space rounded down to whole MSS, capped at
    /// tcp_default_init_rwnd (20 segments for MSS <= 1460); the scale is the
    /// shift that brings max(space, tcp_rmem[2]) under 65535. Gives 29200 and
    /// 7 for MSS 1460, 28960 for a request with timestamps (MSS 1448).
    /// 6.1 drops the 20-segment cap (the route's initrwnd metric is unset)
    /// and keeps the rounded space under 65535: 64240 for MSS 1460, 65160
    /// for 1448, with the same scale, ilog2(max(space, tcp_rmem[2])) - 15.
    func tcp_select_initial_window(space: Int, mss: Int) -> (UInt32, UInt8) {
        var space = space
        if kernel == .v6_1 {
            if space > mss { space = space / mss * mss }
            let wscale: UInt8 = sysctl.tcp_window_scaling ? UInt8(Int.bitWidth - 1 - max(space, 6_291_456).leadingZeroBitCount - 15) : 0
            return (UInt32(min(space, 65535)), wscale)
        }
        if space > mss { space = space / mss * mss }
        var wscale: UInt8 = 0
        if sysctl.tcp_window_scaling {
            var s = max(space, 6_291_456)  // tcp_rmem[2]
            while s > 65535 && wscale < 14 { s >>= 1; wscale += 1 }
        }
        var rcv_wnd = space
        if mss > 1 << wscale {
            let init_rwnd = mss > 1460 ? max(1460 * 20 / mss, 2) : 20
            rcv_wnd = min(rcv_wnd, init_rwnd * mss)
        }
        return (UInt32(rcv_wnd), wscale)
    }

    /// tcp_init_nondata_skb: a segment that covers only flags (SYN takes one sequence number).
    func tcp_init_nondata_skb(_ skb: SKB, _ seq: UInt32, _ flags: UInt8) {
        skb.tcp_flags = flags
        skb.seq = seq
        skb.end_seq = seq &+ (flags & (TCPHDR_SYN | TCPHDR_FIN) != 0 ? 1 : 0)
    }

    /// Actually transmits TCP packets queued in by tcp_do_sendmsg(): clones
    /// the skb if asked (the original stays queued, stamped with the send
    /// time, skb_mstamp, and keeping its fast clone), pushes the TCP header
    /// with its options, checksums it (icsk_af_ops->send_check) and calls
    /// icsk->icsk_af_ops->queue_xmit (ip_queue_xmit). A positive NET_XMIT
    /// code enters CWR and is converted by net_xmit_eval.
    func tcp_transmit_skb(_ sk: Sock, _ orig: SKB, clone_it: Bool) -> Int32 {
        span(.tcp_transmit_skb, orig) {
            var skb = orig
            if clone_it {
                orig.skb_mstamp = jiffies
                skb = skb_clone(orig)
                orig.fclone = skb
            }
            let syn = skb.tcp_flags & TCPHDR_SYN != 0
            let options = syn ? tcp_syn_options(sk) : tcp_established_options(sk)
            let window: UInt32 = syn ? min(sk.rcv_wnd, 65535) : tcp_select_window(sk)
            let ack = skb.tcp_flags & TCPHDR_ACK != 0 ? sk.rcv_nxt : 0
            skb.push(tcphdr(sport: sk.inet_sport, dport: sk.inet_dport, seq: skb.seq, ack: ack,
                            flags: skb.tcp_flags, window: UInt16(window), options: options))
            skb.reset_transport_header()
            skb.sk = sk
            indirect(.icsk_af_ops_send_check, sk.icsk_af_ops.send_check)
            tcp_v4_send_check(sk, skb)
            snapshot(skb)
            indirect(.icsk_af_ops_queue_xmit, sk.icsk_af_ops.queue_xmit)
            let err = ip_queue_xmit(sk, skb)
            return err <= 0 ? err : net_xmit_eval(err)
        }
    }

    /// Sends each queued segment beyond snd_nxt (a clone; the original stays
    /// for retransmission) and arms the retransmit timer if it is idle
    /// (tcp_event_new_data_sent). Returns whether nothing was sent.
    /// Simplified away: the congestion and receive window checks (lessons
    /// send less than one window), Nagle, TSO.
    func tcp_write_xmit(_ sk: Sock) -> Int32 {
        span(.tcp_write_xmit, nil, arg: sk.id) {
            var sent = false
            for skb in sk.sk_write_queue where Int32(bitPattern: skb.seq &- sk.snd_nxt) >= 0 {
                _ = tcp_transmit_skb(sk, skb, clone_it: true)
                sk.snd_nxt = skb.end_seq
                sent = true
            }
            if sent && !sk.icsk_pending { inet_csk_reset_xmit_timer(sk, sk.icsk_rto) }
            return sent ? 0 : 1
        }
    }

    /// A bare ACK, not kept for retransmission.
    func tcp_send_ack(_ sk: Sock) {
        spanVoid(.tcp_send_ack, nil, arg: sk.id) {
            let buff = alloc_skb(headroom: MAX_TCP_HEADER)
            tcp_init_nondata_skb(buff, sk.snd_nxt, TCPHDR_ACK)
            _ = tcp_transmit_skb(sk, buff, clone_it: false)
        }
    }

    /// The SYN-ACK for a request sock: seq = the server's ISN, ack = the
    /// client's ISN + 1, the window from tcp_openreq_init_rwin (MSS less the
    /// timestamp option), and MSS (dst_metric_advmss of the reply's route), SACK_PERM, timestamps and window scale.
    func tcp_make_synack(_ sk: Sock, _ req: RequestSock) -> SKB {
        span(.tcp_make_synack, nil, ret: { _ in 0 }) {
            let skb = alloc_skb(headroom: MAX_TCP_HEADER)
            let advmss = ipv4_default_advmss(ip_route_output(req.ir_rmt_addr))
            (req.rsk_rcv_wnd, req.rcv_wscale) = tcp_select_initial_window(
                space: tcp_full_space, mss: advmss - (req.tstamp_ok ? TCPOLEN_TSTAMP_ALIGNED : 0))
            if !req.wscale_ok { req.rcv_wscale = 0 }
            let options = tcp_options(mss: UInt16(advmss), sack: req.sack_ok,
                                      ts: req.tstamp_ok ? (tcp_time_stamp(req.ts_off), req.ts_recent) : nil,
                                      wscale: req.wscale_ok ? req.rcv_wscale : nil)
            skb.push(tcphdr(sport: req.ir_num, dport: req.ir_rmt_port, seq: req.snt_isn, ack: req.rcv_isn &+ 1,
                            flags: TCPHDR_SYN | TCPHDR_ACK, window: UInt16(min(req.rsk_rcv_wnd, 65535)),
                            options: options))
            skb.reset_transport_header()
            return skb
        }
    }

    /// Calls __tcp_retransmit_skb and returns its result. Simplified away:
    /// the retransmit counters, retrans_stamp (tcp_connect set it and no
    /// model path clears it) and the undo state.
    func tcp_retransmit_skb(_ sk: Sock, _ skb: SKB) -> Int32 {
        span(.tcp_retransmit_skb, skb) { __tcp_retransmit_skb(sk, skb) }
    }

    /// Retransmits one skb: not while the previous transmission's clone is
    /// still in this host (skb_still_in_host_queue, e.g. parked on
    /// arp_queue: sending another copy would only queue a duplicate), which
    /// is -EBUSY; otherwise a new clone through tcp_transmit_skb.
    /// Simplified away: the send-buffer check (-EAGAIN), trimming acked
    /// data, icsk_af_ops->rebuild_header (ip_queue_xmit routes again when
    /// the socket's route was dropped), the receive-window check,
    /// fragmenting and collapsing, ECN.
    func __tcp_retransmit_skb(_ sk: Sock, _ skb: SKB) -> Int32 {
        span(.__tcp_retransmit_skb, skb) {
            if skb_fclone_busy(sk, skb) {
                branch(.__tcp_retransmit_skb, .stillInHostQueue(skb: skb.fclone!.id))
                return -Errno.EBUSY
            }
            return tcp_transmit_skb(sk, skb, clone_it: true)
        }
    }

    /// tcp_syn_options: MSS always, then SACK_PERM and timestamps, then
    /// window scale, written in tcp_options_write's order.
    func tcp_syn_options(_ sk: Sock) -> [UInt8] {
        tcp_options(mss: UInt16(sk.advmss), sack: sysctl.tcp_sack,
                    ts: sysctl.tcp_timestamps ? (tcp_time_stamp(sk.tsoffset), sk.ts_recent) : nil,
                    wscale: sysctl.tcp_window_scaling ? sk.rcv_wscale : nil)
    }

    /// tcp_established_options: the timestamp option when negotiated.
    func tcp_established_options(_ sk: Sock) -> [UInt8] {
        sk.tstamp_ok ? [TCPOPT_NOP, TCPOPT_NOP] + tsOption(tcp_time_stamp(sk.tsoffset), sk.ts_recent) : []
    }

    /// A segment's TSval: 4.9 sends jiffies (tcp_time_stamp, HZ = 1000);
    /// 6.1 sends its millisecond clock (tcp_clock_ms, since boot) plus the
    /// connection's random offset (tp->tsoffset, from secure_tcp_ts_off).
    func tcp_time_stamp(_ tsoffset: UInt32) -> UInt32 {
        kernel == .v6_1 ? UInt32(truncatingIfNeeded: world.now / 1_000_000) &+ tsoffset : jiffies
    }

    /// __tcp_select_window, for a fresh connection: the free space rounded
    /// up to the scale granularity (29200 → 229 << 7), then scaled.
    func tcp_select_window(_ sk: Sock) -> UInt32 {
        let unit = UInt32(1) << sk.rcv_wscale
        return (sk.rcv_wnd + unit - 1) / unit
    }

    /// tcp_options_write for the options a SYN or SYN-ACK carries.
    func tcp_options(mss: UInt16, sack: Bool, ts: (UInt32, UInt32)?, wscale: UInt8?) -> [UInt8] {
        var o: [UInt8] = [TCPOPT_MSS, 4]
        o.appendBE(UInt32(mss), size: 2)
        if let ts {
            o += sack ? [TCPOPT_SACK_PERM, 2] : [TCPOPT_NOP, TCPOPT_NOP]
            o += tsOption(ts.0, ts.1)
        } else if sack {
            o += [TCPOPT_NOP, TCPOPT_NOP, TCPOPT_SACK_PERM, 2]
        }
        if let wscale { o += [TCPOPT_NOP, TCPOPT_WINDOW, 3, wscale] }
        return o
    }

    func tsOption(_ tsval: UInt32, _ tsecr: UInt32) -> [UInt8] {
        var o: [UInt8] = [TCPOPT_TIMESTAMP, 10]
        o.appendBE(tsval, size: 4)
        o.appendBE(tsecr, size: 4)
        return o
    }

    func tcphdr(sport: UInt16, dport: UInt16, seq: UInt32, ack: UInt32, flags: UInt8, window: UInt16,
                options: [UInt8]) -> [UInt8] {
        var h: [UInt8] = []
        h.appendBE(UInt32(sport), size: 2)
        h.appendBE(UInt32(dport), size: 2)
        h.appendBE(seq, size: 4)
        h.appendBE(ack, size: 4)
        h += [UInt8((20 + options.count) / 4) << 4, flags]
        h.appendBE(UInt32(window), size: 2)
        h += [0, 0, 0, 0]  // check, urg_ptr
        return h + options
    }

    /// inet_csk_reset_xmit_timer(sk, ICSK_TIME_RETRANS, when, TCP_RTO_MAX).
    func inet_csk_reset_xmit_timer(_ sk: Sock, _ when: UInt32) {
        sk.icsk_pending = true
        mod_timer(sk.icsk_retransmit_timer, jiffies &+ min(when, TCP_RTO_MAX))
    }
}

/// Room reserved in front of TCP segments for the TCP, IP and link headers.
let MAX_TCP_HEADER = 128 + 32

let TCPHDR_FIN: UInt8 = 0x01, TCPHDR_SYN: UInt8 = 0x02, TCPHDR_RST: UInt8 = 0x04,
    TCPHDR_PSH: UInt8 = 0x08, TCPHDR_ACK: UInt8 = 0x10
let TCPOPT_NOP: UInt8 = 1, TCPOPT_MSS: UInt8 = 2, TCPOPT_WINDOW: UInt8 = 3, TCPOPT_SACK_PERM: UInt8 = 4,
    TCPOPT_TIMESTAMP: UInt8 = 8
let TCPOLEN_TSTAMP_ALIGNED = 12
