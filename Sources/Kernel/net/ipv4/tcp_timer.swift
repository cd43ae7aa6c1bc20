import Tracing

/// net/ipv4/tcp_timer.c: the retransmit timer on the SYN.
extension Net {
    /// icsk_retransmit_timer's callback: with the socket not owned by a
    /// user task (the connecting task sleeps with the lock released), the
    /// handler runs now. Simplified away: deferring to tcp_release_cb.
    func tcp_write_timer(_ sk: Sock) {
        spanVoid(.tcp_write_timer, nil, arg: sk.id) { tcp_write_timer_handler(sk) }
    }

    /// Nothing to do in TCP_CLOSE or TCP_LISTEN, or once the timer is no
    /// longer pending (the SYN was acked); ICSK_TIME_RETRANS clears the
    /// pending event and runs tcp_retransmit_timer. Simplified away: the
    /// early-retransmit, loss-probe and zero-window-probe events, and
    /// re-arming a timer that fired early (the model's never does).
    func tcp_write_timer_handler(_ sk: Sock) {
        spanVoid(.tcp_write_timer_handler, nil, arg: sk.id) {
            guard sk.sk_state != .TCP_CLOSE, sk.sk_state != .TCP_LISTEN, sk.icsk_pending else { return }
            sk.icsk_pending = false
            tcp_retransmit_timer(sk)
        }
    }

    /// Retransmit the head of the write queue unless tcp_write_timeout gives
    /// up: tcp_enter_loss, tcp_retransmit_skb, then back off (icsk_backoff,
    /// icsk_retransmits, icsk_rto doubled up to TCP_RTO_MAX) and re-arm. A
    /// local congestion result (positive) does not back off; -EBUSY (the
    /// last copy is still in this host) does, as any failure does.
    /// Simplified away: Fast Open, the zero-window probe path, thin
    /// streams, and __sk_dst_reset after tcp_retries1 + 1 timeouts.
    func tcp_retransmit_timer(_ sk: Sock) {
        spanVoid(.tcp_retransmit_timer, nil, arg: sk.id) {
            guard let head = sk.sk_write_queue.first else { return }
            if tcp_write_timeout(sk) != 0 { return }
            tcp_enter_loss(sk)
            if tcp_retransmit_skb(sk, head) > 0 {
                if sk.icsk_retransmits == 0 { sk.icsk_retransmits = 1 }
                inet_csk_reset_xmit_timer(sk, min(sk.icsk_rto, UInt32(World.HZ / 2)))
                return
            }
            sk.icsk_backoff += 1
            sk.icsk_retransmits += 1
            sk.icsk_rto = min(sk.icsk_rto << 1, TCP_RTO_MAX)
            inet_csk_reset_xmit_timer(sk, sk.icsk_rto)
        }
    }

    /// In SYN_SENT, give up once the time since the first SYN reaches the
    /// budget of tcp_syn_retries retransmissions (retransmits_timed_out:
    /// ((2 << 6) - 1) s = 127 s for the default 6).
    func tcp_write_timeout(_ sk: Sock) -> Int32 {
        span(.tcp_write_timeout, nil, arg: sk.id) {
            guard sk.icsk_retransmits > 0 else { return 0 }
            let boundary = UInt32(sysctl.tcp_syn_retries), linear: UInt32 = 6  // ilog2(TCP_RTO_MAX / TCP_TIMEOUT_INIT)
            let timeout = boundary <= linear
                ? ((2 << boundary) - 1) * TCP_TIMEOUT_INIT
                : ((2 << linear) - 1) * TCP_TIMEOUT_INIT + (boundary - linear) * TCP_RTO_MAX
            guard jiffies &- sk.retrans_stamp >= timeout else { return 0 }
            tcp_write_err(sk)
            return 1
        }
    }

    /// sk_err = the soft error remembered from ICMP, or ETIMEDOUT; tcp_done.
    func tcp_write_err(_ sk: Sock) {
        spanVoid(.tcp_write_err, nil, arg: sk.id) {
            sk.sk_err = sk.sk_err_soft != 0 ? sk.sk_err_soft : Errno.ETIMEDOUT
            tcp_done(sk)
        }
    }
}
