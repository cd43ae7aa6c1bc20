import Tracing

/// What a user-space program on a host does: the system calls the lessons use.
extension Net {
    /// socket(); listen(): a TCP socket listening on `port`, set up before
    /// the lesson starts (not traced).
    public func listen(port: UInt16) {
        let sk = Sock(net: self)
        sk.sk_state = .TCP_LISTEN
        sk.inet_sport = port
        sockets.append(sk)
    }

    /// socket(); connect(address, port) from a task on this host at virtual
    /// time `at`. `done` receives connect()'s return value (0 or -errno).
    public func connect(at: UInt64, to address: UInt32, port: UInt16, done: @escaping (Int32) -> Void) {
        world.schedule(at: at, on: self, .process) { [unowned self] in
            __inet_stream_connect(Sock(net: self), address, port, done: done)
        }
    }
}
