import Tracing

/// The drivers of the model's Ethernet devices: kpath's model NIC (simnic:
/// no such driver exists in the kernel; it stands where a real driver's
/// ndo_start_xmit and NAPI poll would), and virtio-net
/// (drivers/net/virtio_net.c) for lessons that reproduce a virtual machine.
/// Both halves do the same thing in the model; they differ in the names a
/// trace shows. Simplified away for virtio-net: the virtqueues, their
/// interrupts and TX completion, and GRO (each received frame goes up alone).
extension Net {
    /// ndo_start_xmit (simnic_start_xmit, virtio-net's start_xmit): the
    /// frame goes onto the wire and the skb is consumed, as a driver does
    /// after DMA. Returns NETDEV_TX_OK; the model's link is never busy. No
    /// padding to 60 bytes is applied, as on veth.
    func driver_start_xmit(_ skb: SKB, _ dev: NetDevice) -> Int32 {
        span(dev.netdev_ops.ndo_start_xmit, skb) {
            dev.wire?.transmit(skb.bytes, from: dev, skb: skb)
            skb.freed = true
            note(.skbConsumed(skb.id))
            return NETDEV_TX_OK
        }
    }

    /// The receive half (simnic_rx, virtio-net's virtnet_poll), run in
    /// NET_RX softirq: the MAC filter a NIC applies in hardware (frames for
    /// other stations never become skbs), then an skb built from the frame,
    /// eth_type_trans, and netif_receive_skb.
    func driver_rx(_ frame: [UInt8], _ dev: NetDevice) {
        let dest = Array(frame[0..<6])
        let pkt_type: PacketType = dest == dev.broadcast ? .PACKET_BROADCAST
            : dest == dev.dev_addr ? .PACKET_HOST : .PACKET_OTHERHOST
        guard pkt_type != .PACKET_OTHERHOST else { return }
        spanVoid(dev.netdev_ops.rx, nil) {
            let skb = alloc_skb(headroom: 0, payload: frame, kind: .rx)
            snapshot(skb)    // what arrived, before eth_type_trans pulls the header
            skb.dev = dev
            skb.pkt_type = pkt_type
            // eth_type_trans: note the protocol, pull the Ethernet header.
            skb.protocol = UInt16(frame.be(12, 2))
            skb.pull(ETH_HLEN)
            _ = netif_receive_skb(skb)
        }
    }
}
