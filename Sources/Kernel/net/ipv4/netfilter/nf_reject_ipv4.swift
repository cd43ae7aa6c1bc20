import Tracing

/// net/ipv4/netfilter/nf_reject_ipv4.c: the answers REJECT sends.
extension Net {
    /// An ICMP destination unreachable with `code` about `skb_in`, unless
    /// it is a fragment other than the first (icmp_send checks the rest).
    /// Simplified away: the checksum check of a packet not yet verified
    /// (model packets carry correct checksums).
    func nf_send_unreach(_ skb_in: SKB, _ code: UInt8, _ hook: NFHook) {
        spanVoid(.nf_send_unreach, skb_in, arg: UInt32(code)) {
            guard skb_in.ip(6, 2) & 0x1fff == 0 else { return }  // IP_OFFSET
            icmp_send(skb_in, ICMP_DEST_UNREACH, code)
        }
    }

    /// A RST for a TCP segment (nf_reject_ip_tcphdr_get: not for a
    /// fragment, nor for a RST): a new skb with an IPv4 header from the old
    /// one's addresses swapped (nf_reject_iphdr_put: TOS 0, id 0, DF, the
    /// default TTL) and a bare TCP header (nf_reject_ip_tcphdr_put: seq =
    /// the segment's ack_seq if it had ACK, else RST|ACK acknowledging it,
    /// window 0), routed again (ip_route_me_harder: no route → freed) and
    /// sent with ip_local_out. Simplified away: the bridge path, conntrack
    /// attachment, the mark.
    func nf_send_reset(_ oldskb: SKB, _ hook: NFHook) {
        spanVoid(.nf_send_reset, oldskb) {
            let ihl = Int(oldskb.ip(0, 1) & 0x0f) * 4, l4 = oldskb.network_header + ihl
            guard oldskb.ip(9, 1) == UInt32(IPPROTO_TCP), oldskb.ip(6, 2) & 0x1fff == 0,
                  oldskb.buf.count >= l4 + 20 else { return }
            let o = Array(oldskb.buf[l4...])
            let flags = o[13], doff = Int(o[12] >> 4) * 4
            guard flags & TCPHDR_RST == 0 else { return }
            let saddr = oldskb.ip(16, 4), daddr = oldskb.ip(12, 4)
            let (seq, ack, rstFlags) = flags & TCPHDR_ACK != 0
                ? (o.be(8, 4), UInt32(0), TCPHDR_RST)
                : (UInt32(0), o.be(4, 4) &+ UInt32(flags & TCPHDR_SYN != 0 ? 1 : 0) &+ UInt32(flags & TCPHDR_FIN)
                    &+ UInt32(o.count - doff), TCPHDR_RST | TCPHDR_ACK)
            var th = tcphdr(sport: UInt16(o.be(2, 2)), dport: UInt16(o.be(0, 2)), seq: seq, ack: ack,
                            flags: rstFlags, window: 0, options: [])
            th.putBE(UInt32(csum_fold(th, initial: csum_tcpudp_nofold(saddr: saddr, daddr: daddr, len: th.count,
                                                                      proto: IPPROTO_TCP))), at: 16, size: 2)
            let nskb = alloc_skb(headroom: MAX_HEADER, payload: th)
            nskb.reset_transport_header()
            nskb.push(iphdr(tos: 0, id: 0, df: true, ttl: sysctl.ip_default_ttl, proto: IPPROTO_TCP,
                            saddr: saddr, daddr: daddr))
            nskb.reset_network_header()
            guard let rt = ip_route_output(daddr) else {  // ip_route_me_harder
                kfree_skb(nskb, .NO_ROUTE)
                return
            }
            nskb.dst = rt
            _ = ip_local_out(nil, nskb)
        }
    }
}
