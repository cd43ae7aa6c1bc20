import Tracing

/// net/ipv4/ip_forward.c: packets that pass through this host.
extension Net {
    /// dst->input for a forwarding route: only PACKET_HOST frames; a TTL of 1
    /// or less ends here (the kernel answers ICMP time exceeded; the model
    /// drops); the TTL is decremented (ip_decrease_ttl, which the model does
    /// by recomputing the header checksum) and NF_INET_FORWARD runs with
    /// ip_forward_finish. Simplified away: IP options, PMTU checks, ICMP
    /// redirects (the model's router never sends back out the same device).
    func ip_forward(_ skb: SKB) -> Int32 {
        span(.ip_forward, skb) {
            guard skb.pkt_type == .PACKET_HOST, skb.ip(8, 1) > 1 else {
                kfree_skb(skb, .OTHERHOST)
                return NET_RX_DROP
            }
            skb.write(skb.ip(8, 1) - 1, at: skb.network_header + 8, size: 1)
            ip_send_check(skb)
            snapshot(skb)
            return NF_HOOK(.NF_INET_FORWARD, nil, skb, skb.dev, skb.dst!.dev) { net, _, skb in
                net.ip_forward_finish(skb)
            }
        }
    }

    /// The okfn after NF_INET_FORWARD: the common exit, dst_output.
    func ip_forward_finish(_ skb: SKB) -> Int32 {
        span(.ip_forward_finish, skb) { dst_output(nil, skb) }
    }
}
