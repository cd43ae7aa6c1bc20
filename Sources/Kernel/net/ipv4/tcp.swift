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

    /// send(2): the data is copied into one skb (seq = write_seq) on the
    /// write queue, kept for retransmission, then pushed. Returns the bytes
    /// queued. Simplified away: segmentation (lessons send less than an MSS),
    /// memory accounting, blocking for buffer space; a socket that is not
    /// ESTABLISHED gets -EPIPE.
    func tcp_sendmsg(_ sk: Sock, _ data: [UInt8]) -> Int32 {
        span(.tcp_sendmsg, nil, arg: sk.id) {
            guard sk.sk_state == .TCP_ESTABLISHED else { return -Errno.EPIPE }
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
