import Tracing

/// The fixed part of a received TCP header.
struct TCPHeader {
    let source: UInt16, dest: UInt16, seq: UInt32, ack_seq: UInt32, flags: UInt8, window: UInt16
    let options: TCPOptions

    init(_ skb: SKB) {
        source = UInt16(skb.tcp(0, 2)); dest = UInt16(skb.tcp(2, 2))
        seq = skb.tcp(4, 4); ack_seq = skb.tcp(8, 4)
        flags = UInt8(skb.tcp(13, 1)); window = UInt16(skb.tcp(14, 2))
        let doff = Int(skb.tcp(12, 1) >> 4) * 4
        options = TCPOptions(Array(skb.buf[skb.transport_header + 20..<skb.transport_header + doff]))
    }

    var syn: Bool { flags & TCPHDR_SYN != 0 }
    var ack: Bool { flags & TCPHDR_ACK != 0 }
    var rst: Bool { flags & TCPHDR_RST != 0 }
}

/// tcp_parse_options: the options a handshake negotiates.
struct TCPOptions {
    var mss: UInt16?, wscale: UInt8?, tsval: UInt32?, tsecr: UInt32?, sackOK = false

    init(_ o: [UInt8]) {
        var i = 0
        while i < o.count {
            let kind = o[i]
            if kind == 0 { break }
            if kind == TCPOPT_NOP { i += 1; continue }
            guard i + 1 < o.count, o[i + 1] >= 2, i + Int(o[i + 1]) <= o.count else { break }
            switch kind {
            case TCPOPT_MSS: mss = UInt16(o.be(i + 2, 2))
            case TCPOPT_WINDOW: wscale = min(o[i + 2], 14)
            case TCPOPT_SACK_PERM: sackOK = true
            case TCPOPT_TIMESTAMP: tsval = o.be(i + 2, 4); tsecr = o.be(i + 6, 4)
            default: break
            }
            i += Int(o[i + 1])
        }
    }
}

/// net/ipv4/tcp_input.c.
extension Net {
    /// The state machine outside ESTABLISHED. LISTEN answers a SYN through
    /// icsk_af_ops->conn_request; SYN_SENT hands over to
    /// tcp_rcv_synsent_state_process; SYN_RECV becomes ESTABLISHED on an
    /// acceptable ACK. Returns non-zero to ask the caller for a reset.
    func tcp_rcv_state_process(_ sk: Sock, _ skb: SKB) -> Int32 {
        span(.tcp_rcv_state_process, skb, arg: UInt32(sk.sk_state.rawValue)) {
            let th = TCPHeader(skb)
            switch sk.sk_state {
            case .TCP_LISTEN:
                if th.ack { return 1 }
                guard th.syn, !th.rst else { kfree_skb(skb, .NO_SOCKET); return 0 }
                branch(.tcp_rcv_state_process, .listenGotSyn)
                indirect(.icsk_af_ops_conn_request, sk.icsk_af_ops.conn_request)
                if tcp_v4_conn_request(sk, skb) < 0 { return 1 }
                consume_skb(skb)
                return 0
            case .TCP_SYN_SENT:
                let queued = tcp_rcv_synsent_state_process(sk, skb, th)
                if queued >= 0 { return queued }
                consume_skb(skb)  // __kfree_skb: handled, no data
                return 0
            case .TCP_SYN_RECV:
                guard th.ack, th.ack_seq == sk.snd_una else { kfree_skb(skb, .NO_SOCKET); return 0 }
                _ = tcp_ack(sk, skb, th)
                branch(.tcp_rcv_state_process, .ackCompletesHandshake)
                tcp_set_state(sk, .TCP_ESTABLISHED)
                sk.snd_wnd = UInt32(th.window) << sk.snd_wscale
                indirect(.sk_state_change, .sock_def_wakeup)
                sock_def_wakeup(sk)
                consume_skb(skb)
                return 0
            default:
                kfree_skb(skb, .NO_SOCKET)
                return 0
            }
        }
    }

    /// In SYN_SENT: a SYN-ACK acknowledging our SYN records the peer's
    /// options, acks the SYN (tcp_ack), finishes the connect and sends the
    /// ACK; returns -1 ("handled, free the skb"). A bad ACK asks for a reset
    /// (1); a RST that acks our SYN refuses the connection (tcp_reset).
    /// Simplified away: simultaneous open, Fast Open.
    func tcp_rcv_synsent_state_process(_ sk: Sock, _ skb: SKB, _ th: TCPHeader) -> Int32 {
        span(.tcp_rcv_synsent_state_process, skb) {
            guard th.ack else { kfree_skb(skb, .NO_SOCKET); return 0 }
            guard th.ack_seq == sk.snd_nxt else { return 1 }
            if th.rst {
                tcp_reset(sk)
                consume_skb(skb)
                return 0
            }
            guard th.syn else { kfree_skb(skb, .NO_SOCKET); return 0 }
            branch(.tcp_rcv_synsent_state_process, .synAckAcksSyn)
            _ = tcp_ack(sk, skb, th)
            sk.rcv_nxt = th.seq &+ 1
            sk.snd_wscale = th.options.wscale ?? 0
            if th.options.wscale == nil { sk.rcv_wscale = 0 }
            sk.snd_wnd = UInt32(th.window)
            if let tsval = th.options.tsval {
                sk.tstamp_ok = true
                sk.ts_recent = tsval
                sk.advmss -= TCPOLEN_TSTAMP_ALIGNED
            }
            tcp_finish_connect(sk, skb)
            tcp_send_ack(sk)
            return -1
        }
    }

    /// Processes an acknowledgement: frees acked skbs from the write queue
    /// (tcp_clean_rtx_queue); with nothing left in flight the retransmit
    /// timer is no longer pending (inet_csk_clear_xmit_timer, which in 4.9
    /// only clears icsk_pending); forward progress confirms the neighbour
    /// (dst_confirm). Returns 1 if something was acked.
    func tcp_ack(_ sk: Sock, _ skb: SKB, _ th: TCPHeader) -> Int32 {
        span(.tcp_ack, skb) {
            let prior = sk.snd_una
            guard Int32(bitPattern: th.ack_seq &- prior) > 0 else { return 0 }
            sk.snd_una = th.ack_seq
            var acked = false
            while let head = sk.sk_write_queue.first, Int32(bitPattern: head.end_seq &- sk.snd_una) <= 0 {
                sk.sk_write_queue.removeFirst()
                note(.skbDequeued(head.id, .sk_write_queue, length: sk.sk_write_queue.count, owner: sk.id))
                consume_skb(head)
                acked = true
            }
            if sk.sk_write_queue.isEmpty { sk.icsk_pending = false }
            if acked { dst_confirm(sk.sk_dst_cache) }
            return acked ? 1 : 0
        }
    }

    /// A RST: ECONNREFUSED in SYN_SENT (ECONNRESET otherwise), then tcp_done.
    func tcp_reset(_ sk: Sock) {
        spanVoid(.tcp_reset, nil, arg: sk.id) {
            sk.sk_err = sk.sk_state == .TCP_SYN_SENT ? Errno.ECONNREFUSED : Errno.ECONNRESET
            tcp_done(sk)
        }
    }

    /// Segments for an ESTABLISHED socket (the slow path only): the ACK is
    /// processed (tcp_ack), data is taken in order and acknowledged at once
    /// (quick-ACK mode, as at the start of every connection). Simplified
    /// away: header prediction, out-of-order queue, delayed ACKs; the
    /// receiving application reads the data at once (the skb is freed).
    func tcp_rcv_established(_ sk: Sock, _ skb: SKB) {
        spanVoid(.tcp_rcv_established, skb) {
            let th = TCPHeader(skb)
            if th.rst {
                tcp_reset(sk)
                consume_skb(skb)
                return
            }
            if th.ack { _ = tcp_ack(sk, skb, th) }
            if let tsval = th.options.tsval { sk.ts_recent = tsval }
            let doff = Int(skb.tcp(12, 1) >> 4) * 4
            let len = UInt32(skb.buf.count - skb.transport_header - doff)
            if len > 0 && th.seq == sk.rcv_nxt {
                sk.rcv_nxt &+= len
                consume_skb(skb)
                tcp_send_ack(sk)
            } else {
                consume_skb(skb)
            }
        }
    }

    /// TCP_ESTABLISHED, then wake the connecting task (sk->sk_state_change).
    /// Simplified away: metrics, congestion control and buffer set-up.
    func tcp_finish_connect(_ sk: Sock, _ skb: SKB) {
        spanVoid(.tcp_finish_connect, skb) {
            tcp_set_state(sk, .TCP_ESTABLISHED)
            indirect(.sk_state_change, .sock_def_wakeup)
            sock_def_wakeup(sk)
        }
    }

    /// Enters TCP_CA_Loss on a retransmission timeout: ssthresh from the
    /// congestion module, snd_cwnd = 1, every segment in flight marked
    /// lost. The model keeps no congestion state, so only the call is shown.
    func tcp_enter_loss(_ sk: Sock) {
        spanVoid(.tcp_enter_loss, nil, arg: sk.id) {}
    }

    /// A SYN for a listener: a request sock with the client's options, the
    /// server's ISN, then af_ops->send_synack. Simplified away: SYN cookies,
    /// the accept-queue limits, the SYN-ACK retransmit timer (reqsk_timer).
    func tcp_conn_request(_ sk: Sock, _ skb: SKB) -> Int32 {
        span(.tcp_conn_request, skb) {
            let th = TCPHeader(skb)
            let req = RequestSock(listener: sk, loc: skb.ip(16, 4), rmt: skb.ip(12, 4), num: th.dest,
                                  rmtPort: th.source, rcvIsn: th.seq, opts: th.options)
            // 6.1: af_ops->init_ts_off before the ISN, for a SYN with timestamps.
            if kernel == .v6_1 && req.tstamp_ok { req.ts_off = world.random.next32() }
            req.snt_isn = world.random.next32()
            reqhash[req.fourTuple] = req
            indirect(.af_ops_send_synack, .tcp_v4_send_synack)
            _ = tcp_v4_send_synack(sk, req)
            return 0
        }
    }
}
