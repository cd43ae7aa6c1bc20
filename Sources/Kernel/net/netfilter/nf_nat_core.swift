import Tracing

/// A TCP/ICMP flow's addresses and ports, as conntrack keys it.
struct Tuple: Equatable {
    let proto: UInt8
    let src: UInt32, sport: UInt16, dst: UInt32, dport: UInt16

    init(proto: UInt8, src: UInt32, sport: UInt16, dst: UInt32, dport: UInt16) {
        self.proto = proto; self.src = src; self.sport = sport; self.dst = dst; self.dport = dport
    }

    init(_ skb: SKB) {
        let ihl = Int(skb.ip(0, 1) & 0x0f) * 4, l4 = skb.network_header + ihl
        proto = UInt8(skb.ip(9, 1))
        src = skb.ip(12, 4); dst = skb.ip(16, 4)
        let ports = proto == IPPROTO_TCP
        sport = ports ? UInt16(skb.buf.be(l4, 2)) : 0
        dport = ports ? UInt16(skb.buf.be(l4 + 2, 2)) : 0
    }
}

/// A source-NAT binding of one connection: its original tuple and the
/// address its source becomes. Replies to the new address are mapped back.
/// Conntrack itself (its hooks at -200 and INT_MAX, the hash table,
/// timeouts) is folded into this record: the model keeps only what NAT needs.
struct NATBinding {
    let tuple: Tuple
    let newSource: UInt32

    /// The tuple replies arrive with, after translation.
    var reply: Tuple { Tuple(proto: tuple.proto, src: tuple.dst, sport: tuple.dport, dst: newSource, dport: tuple.sport) }
}

extension Net {
    /// The binding this packet belongs to at this hook: originals at
    /// POST_ROUTING, replies at PRE_ROUTING.
    func nf_nat_lookup(_ skb: SKB, _ hook: NFHook) -> NATBinding? {
        let t = Tuple(skb)
        switch hook {
        case .NF_INET_POST_ROUTING: return natBindings.first { $0.tuple == t }
        case .NF_INET_PRE_ROUTING: return natBindings.first { $0.reply == t }
        default: return nil
        }
    }

    /// net/netfilter/nf_nat_core.c: rewrites the source (original direction,
    /// POST_ROUTING) or the destination (replies, PRE_ROUTING) and fixes the
    /// IPv4 and TCP checksums (nf_nat_ipv4_manip_pkt; the model recomputes
    /// them, which gives the same bytes as the kernel's incremental update).
    func nf_nat_packet(_ skb: SKB, _ binding: NATBinding, _ hook: NFHook) {
        spanVoid(.nf_nat_packet, skb, arg: binding.newSource) {
            let nh = skb.network_header, ihl = Int(skb.ip(0, 1) & 0x0f) * 4
            if hook == .NF_INET_POST_ROUTING {
                skb.write(binding.newSource, at: nh + 12, size: 4)
            } else {
                skb.write(binding.tuple.src, at: nh + 16, size: 4)
            }
            ip_send_check(skb)
            if skb.ip(9, 1) == UInt32(IPPROTO_TCP) {
                let l4 = nh + ihl
                skb.write(0, at: l4 + 16, size: 2)
                let seg = skb.buf[l4...]
                let sum = csum_fold(seg, initial: csum_tcpudp_nofold(saddr: skb.ip(12, 4), daddr: skb.ip(16, 4),
                                                                     len: seg.count, proto: IPPROTO_TCP))
                skb.write(UInt32(sum), at: l4 + 16, size: 2)
            }
            snapshot(skb)
        }
    }
}
