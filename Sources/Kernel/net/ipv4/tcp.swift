import Tracing

/// net/ipv4/tcp.c.
extension Net {
    /// Sets sk->sk_state. Simplified away: MIB counters, unhashing on close.
    func tcp_set_state(_ sk: Sock, _ state: TCPState) {
        spanVoid(.tcp_set_state, nil, arg: UInt32(state.rawValue)) {
            note(.sockState(sock: sk.id, from: sk.sk_state, to: state))
            sk.sk_state = state
        }
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
