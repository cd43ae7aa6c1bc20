import Tracing

/// net/ipv4/tcp.c.
extension Net {
    /// Sets sk->sk_state; TCP_CLOSE unhashes the socket (sk_prot->unhash),
    /// freeing its 4-tuple. Simplified away: MIB counters, the bind hash.
    func tcp_set_state(_ sk: Sock, _ state: TCPState) {
        spanVoid(.tcp_set_state, nil, arg: UInt32(state.rawValue)) {
            note(.sockState(sock: sk.id, from: sk.sk_state, to: state))
            if state == .TCP_CLOSE, ehash[sk.fourTuple] === sk { ehash[sk.fourTuple] = nil }
            sk.sk_state = state
        }
    }

    /// send(2): a socket not yet ESTABLISHED (or CLOSE_WAIT) first waits
    /// in sk_stream_wait_connect for the handshake to end; its error goes
    /// through sk_stream_error. Then the data is copied into one skb (seq =
    /// write_seq) on the write queue, kept for retransmission, and pushed.
    /// `done` receives the bytes queued or -errno. The span stays open
    /// while the task sleeps. Simplified away: segmentation (lessons send
    /// less than an MSS), memory accounting, blocking for buffer space,
    /// SIGPIPE, Fast Open.
    func tcp_sendmsg(_ sk: Sock, _ data: [UInt8], done: @escaping (Int32) -> Void) {
        enter(.tcp_sendmsg, nil, arg: sk.id)
        let finish = { [unowned self] (rc: Int32) in
            exit(.tcp_sendmsg, nil, rc)
            done(rc)
        }
        let copy = { [unowned self] () -> Int32 in
            let skb = alloc_skb(headroom: MAX_TCP_HEADER, payload: data)
            skb.sk = sk
            skb.tcp_flags = TCPHDR_ACK | TCPHDR_PSH
            skb.seq = sk.write_seq
            skb.end_seq = sk.write_seq &+ UInt32(data.count)
            sk.write_seq = skb.end_seq
            sk.sk_write_queue.append(skb)
            note(.skbQueued(skb.id, .sk_write_queue, length: sk.sk_write_queue.count, owner: sk.id))
            tcp_push(sk)
            return Int32(data.count)
        }
        guard sk.sk_state == .TCP_ESTABLISHED || sk.sk_state == .TCP_CLOSE_WAIT else {
            sk_stream_wait_connect(sk) { [unowned self] err in finish(err != 0 ? sk_stream_error(sk, err) : copy()) }
            return
        }
        finish(copy())
    }

    /// Sends what is queued and not yet sent (__tcp_push_pending_frames).
    func tcp_push(_ sk: Sock) {
        spanVoid(.tcp_push, nil, arg: sk.id) { _ = tcp_write_xmit(sk) }
    }

    /// The end of a connection: TCP_CLOSE, timers stopped, the waiting task woken.
    func tcp_done(_ sk: Sock) {
        spanVoid(.tcp_done, nil, arg: sk.id) {
            tcp_set_state(sk, .TCP_CLOSE)
            sk.icsk_pending = false
            del_timer(sk.icsk_retransmit_timer)
            indirect(.sk_state_change, .sock_def_wakeup)
            sock_def_wakeup(sk)
        }
    }
}
