import Tracing

/// drivers/net/loopback.c.
extension Net {
    /// lo's ndo_start_xmit: the frame is on lo (where a capture sees it),
    /// the skb is orphaned, its Ethernet header pulled (eth_type_trans) and
    /// it is received again through netif_rx. Always NETDEV_TX_OK.
    /// Simplified away: statistics and timestamps.
    func loopback_xmit(_ skb: SKB, _ dev: NetDevice) -> Int32 {
        span(.loopback_xmit, skb) {
            note(.frame(skb.id, packet: tracer.store(skb.bytes), ifindex: dev.ifindex))
            skb.sk = nil
            skb.protocol = UInt16(Array(skb.bytes).be(12, 2))  // eth_type_trans
            skb.pull(ETH_HLEN)
            skb.pkt_type = .PACKET_HOST
            _ = netif_rx(skb)
            return NETDEV_TX_OK
        }
    }
}
