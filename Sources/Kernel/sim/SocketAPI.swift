import Tracing

/// What a user-space program on a host does: the system calls the lessons use.
extension Net {
    /// socket(); listen(): a TCP socket listening on `port`, set up before
    /// the lesson starts (not traced).
    public func listen(port: UInt16) {
        let sk = Sock(net: self)
        sk.sk_state = .TCP_LISTEN
        sk.inet_sport = port
        lhash[port] = sk
    }

    /// socket(); connect(address, port) from a task on this host at virtual
    /// time `at`. `done` receives connect()'s return value (0 or -errno).
    public func connect(at: UInt64, to address: UInt32, port: UInt16, done: @escaping (Int32) -> Void) {
        world.schedule(at: at, on: self, newTask()) { [unowned self] in
            let sk = Sock(net: self)
            lastSocket = sk
            __inet_stream_connect(sk, address, port, done: done)
        }
    }

    /// send(fd, data) at virtual time `at`, on the socket this host connected
    /// last. `done` receives send()'s return value.
    public func send(at: UInt64, bytes: Int, done: @escaping (Int32) -> Void) {
        world.schedule(at: at, on: self, newTask()) { [unowned self] in
            guard let sk = lastSocket else { return done(-Errno.ENOTCONN) }
            tcp_sendmsg(sk, (0..<bytes).map { UInt8(truncatingIfNeeded: 0x41 + $0 % 26) }, done: done)
        }
    }
}
