import Tracing

/// include/net/arp.h.
extension Net {
    /// Looks the next hop up in arp_tbl. On loopback and point-to-point
    /// devices the key is 0.0.0.0: one shared entry per device.
    func __ipv4_neigh_lookup_noref(_ dev: NetDevice, _ key: UInt32) -> Neighbour? {
        span(.__ipv4_neigh_lookup_noref, nil, arg: key, ret: { $0 == nil ? 0 : 1 }) {
            let k = dev.flags.contains(.IFF_LOOPBACK) ? 0 : key
            return arp_tbl.entries[NeighKey(ifindex: UInt32(dev.ifindex), ip: k)]
        }
    }
}
