import Tracing

/// net/ipv4/af_inet.c: connect(2) for stream sockets.
extension Net {
    /// Calls sk->sk_prot->connect (tcp_v4_connect); an error returns at
    /// once. Otherwise the socket is connecting and the task sleeps in
    /// inet_wait_for_connect; when it is woken, a socket that ended in
    /// TCP_CLOSE returns its error (sock_error, which takes it), else 0. A blocking socket
    /// with no timeout is modelled; O_NONBLOCK's -EINPROGRESS is not.
    /// `done` receives connect()'s return value.
    func __inet_stream_connect(_ sk: Sock, _ daddr: UInt32, _ dport: UInt16, done: @escaping (Int32) -> Void) {
        enter(.__inet_stream_connect, nil, arg: daddr)
        let err = tcp_v4_connect(sk, daddr, dport)
        guard err == 0 else {
            exit(.__inet_stream_connect, nil, err)
            done(err)
            return
        }
        inet_wait_for_connect(sk) { [unowned self] in
            let err = sock_error(sk)
            let rc: Int32 = sk.sk_state == .TCP_CLOSE ? (err != 0 ? err : -Errno.ECONNABORTED) : 0
            exit(.__inet_stream_connect, nil, rc)
            done(rc)
        }
    }

    /// Sleeps until the state leaves SYN_SENT/SYN_RECV. The span stays open
    /// across the sleep: other contexts run meanwhile, as ftrace shows a
    /// context switch.
    func inet_wait_for_connect(_ sk: Sock, then resume: @escaping () -> Void) {
        enter(.inet_wait_for_connect, nil, arg: sk.id)
        sleep_on(sk) { [unowned self] in
            exit(.inet_wait_for_connect, nil, 0)
            resume()
        }
    }
}

