import Tracing

/// net/ethernet/eth.c: the Ethernet header_ops.
extension Net {
    /// Pushes the 14-byte Ethernet header. A missing source is the device's
    /// address; a missing destination is left zero (the caller fills it
    /// later, as the kernel's rebuild path did). Returns ETH_HLEN.
    func eth_header(_ skb: SKB, _ dev: NetDevice, _ type: UInt16, _ daddr: [UInt8]?,
                    _ saddr: [UInt8]?, _ len: Int) -> Int32 {
        span(.eth_header, skb) {
            var h = daddr ?? [UInt8](repeating: 0, count: 6)
            h += saddr ?? dev.dev_addr
            h.appendBE(UInt32(type), size: 2)
            skb.push(h)
            snapshot(skb)
            return Int32(ETH_HLEN)
        }
    }

    /// header_ops->cache: writes destination (neigh->ha), source and
    /// EtherType 0x0800 into the neighbour's hh cache; hh_len = ETH_HLEN.
    func eth_header_cache(_ neigh: Neighbour, _ type: UInt16) -> Int32 {
        span(.eth_header_cache, nil, arg: neigh.primary_key) {
            var h = neigh.ha + neigh.dev.dev_addr
            h.appendBE(UInt32(type), size: 2)
            neigh.hh = HHCache(hh_len: ETH_HLEN, hh_data: h)
            note(.hhFilled(neigh.key, hhLen: ETH_HLEN))
            return 0
        }
    }
}
