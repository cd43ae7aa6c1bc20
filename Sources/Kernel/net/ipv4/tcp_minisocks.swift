import Tracing

/// net/ipv4/tcp_minisocks.c: request socks and the handshake's end.
extension Net {
    /// The ACK that completes a handshake: it must acknowledge our SYN-ACK;
    /// then icsk_af_ops->syn_recv_sock creates the child and the request is
    /// removed (inet_csk_complete_hashdance). nil: not acceptable.
    func tcp_check_req(_ sk: Sock, _ skb: SKB, _ req: RequestSock) -> Sock? {
        span(.tcp_check_req, skb, ret: { $0 == nil ? 0 : 1 }) {
            let th = TCPHeader(skb)
            guard th.ack, !th.syn, th.ack_seq == req.snt_isn &+ 1 else { return nil }
            indirect(.icsk_af_ops_syn_recv_sock, sk.icsk_af_ops.syn_recv_sock)
            let child = tcp_v4_syn_recv_sock(sk, skb, req)
            reqhash[req.fourTuple] = nil
            return child
        }
    }

    /// Feeds the handshake's ACK to the new child (tcp_rcv_state_process).
    func tcp_child_process(_ parent: Sock, _ child: Sock, _ skb: SKB) -> Int32 {
        span(.tcp_child_process, skb) { tcp_rcv_state_process(child, skb) }
    }
}
