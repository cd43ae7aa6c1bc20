import Tracing

// include/uapi/linux/icmp.h
let ICMP_DEST_UNREACH: UInt8 = 3, ICMP_TIME_EXCEEDED: UInt8 = 11, ICMP_PARAMETERPROB: UInt8 = 12
let ICMP_NET_UNREACH: UInt8 = 0, ICMP_HOST_UNREACH: UInt8 = 1, ICMP_FRAG_NEEDED: UInt8 = 4
/// The highest destination unreachable code (ICMP_PREC_CUTOFF).
let NR_ICMP_UNREACH: UInt8 = 15

/// net/ipv4/icmp.c: the error messages the connect path can receive.
extension Net {
    /// Builds an ICMP error about `skb_in` (its IP header and first 8 bytes
    /// quoted) for the packet's source. When the source is one of our own
    /// addresses (the usual case after a local ARP failure) the message is
    /// delivered through the local stack in NET_RX softirq. Simplified away:
    /// the transmission over `lo` itself (ip_push_pending_frames,
    /// loopback_xmit, netif_rx, ip_rcv), rate limiting, and errors for
    /// other hosts' packets (the model has no forwarding).
    func icmp_send(_ skb_in: SKB, _ type: UInt8, _ code: UInt8) {
        spanVoid(.icmp_send, skb_in, arg: UInt32(type) << 8 | UInt32(code)) {
            let iph = Array(skb_in.iph)
            let quoted = iph + skb_in.buf[skb_in.network_header + iph.count..<min(skb_in.network_header + iph.count + 8, skb_in.buf.count)]
            let saddr = skb_in.ip(12, 4)
            guard isLocal(saddr) else { return }
            var icmp: [UInt8] = [type, code, 0, 0, 0, 0, 0, 0] + quoted
            icmp.putBE(UInt32(csum_fold(icmp)), at: 2, size: 2)
            let skb = alloc_skb(headroom: 64, payload: icmp)
            skb.push(iphdr(tos: 0xc0, id: 0, df: false, ttl: sysctl.ip_default_ttl, proto: IPPROTO_ICMP,
                           saddr: saddr, daddr: saddr))
            skb.reset_network_header()
            skb.write(UInt32(skb.len), at: skb.network_header + 2, size: 2)
            ip_send_check(skb)
            snapshot(skb)
            world.schedule(at: world.now, on: self, .softirq) { [unowned self] in
                skb.pull(20)
                skb.reset_transport_header()
                _ = icmp_rcv(skb)
            }
        }
    }

    /// Checks the checksum and dispatches on the type.
    func icmp_rcv(_ skb: SKB) -> Int32 {
        span(.icmp_rcv, skb) {
            guard csum_fold(skb.transport) == 0 else { kfree_skb(skb, .UNHANDLED_PROTO); return 0 }
            if skb.tcp(0, 1) == UInt32(ICMP_DEST_UNREACH) { icmp_unreach(skb) }
            consume_skb(skb)
            return 0
        }
    }

    /// Finds the quoted packet's protocol and calls its err_handler.
    func icmp_unreach(_ skb: SKB) {
        spanVoid(.icmp_unreach, skb) {
            let quoted = skb.transport.dropFirst(8)
            guard quoted.count >= 28, quoted[quoted.startIndex + 9] == IPPROTO_TCP else { return }
            indirect(.ipprot_err_handler, .tcp_v4_err)
            tcp_v4_err(skb, UInt8(skb.tcp(0, 1)), UInt8(skb.tcp(1, 1)), quoted: quoted)
        }
    }
}
