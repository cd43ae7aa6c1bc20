import Tracing

/// net/core/stream.c: waiting on a stream socket.
extension Net {
    /// Waits for a connection to finish: a pending error is returned (and
    /// taken), a socket no longer SYN_SENT or SYN_RECV gives -EPIPE;
    /// otherwise the task sleeps (sk_wait_event) until there is no error and
    /// the state is ESTABLISHED or CLOSE_WAIT, checking again from the top
    /// whenever it is woken. `resume` receives 0 or -errno. The span stays
    /// open while the task sleeps. Simplified away: the send timeout
    /// (blocking, none) and signals.
    func sk_stream_wait_connect(_ sk: Sock, then resume: @escaping (Int32) -> Void) {
        enter(.sk_stream_wait_connect, nil, arg: sk.id)
        let leave = { [unowned self] (rc: Int32) in
            exit(.sk_stream_wait_connect, nil, rc)
            resume(rc)
        }
        func check() {
            let err = sock_error(sk)
            if err != 0 { return leave(err) }
            guard sk.sk_state == .TCP_SYN_SENT || sk.sk_state == .TCP_SYN_RECV else { return leave(-Errno.EPIPE) }
            sleep_on(sk) {
                if sk.sk_err == 0 && (sk.sk_state == .TCP_ESTABLISHED || sk.sk_state == .TCP_CLOSE_WAIT) {
                    leave(0)
                } else {
                    check()
                }
            }
        }
        check()
    }

    /// The error a stream send returns: -EPIPE becomes the socket's pending
    /// error if there is one (sock_error). Simplified away: SIGPIPE.
    func sk_stream_error(_ sk: Sock, _ err: Int32) -> Int32 {
        span(.sk_stream_error, nil, arg: sk.id) {
            guard err == -Errno.EPIPE else { return err }
            let pending = sock_error(sk)
            return pending != 0 ? pending : err
        }
    }
}
