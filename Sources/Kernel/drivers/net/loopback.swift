import Tracing

/// drivers/net/loopback.c.
extension Net {
    /// lo's ndo_start_xmit: the skb is orphaned, its Ethernet header pulled
    /// (eth_type_trans) and it is received again through netif_rx. Always
    /// NETDEV_TX_OK. Simplified away: statistics and timestamps.
    func loopback_xmit(_ skb: SKB, _ dev: NetDevice) -> Int32 {
        span(.loopback_xmit, skb) {
            skb.sk = nil
            skb.protocol = UInt16(skb.bytes.prefix(ETH_HLEN).suffix(2).reduce(0) { $0 << 8 | UInt32($1) })
            skb.pull(ETH_HLEN)
            skb.pkt_type = .PACKET_HOST
            _ = netif_rx(skb)
            return NETDEV_TX_OK
        }
    }
}
