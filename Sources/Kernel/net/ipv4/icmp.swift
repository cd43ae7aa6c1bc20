import Tracing

// include/uapi/linux/icmp.h
let ICMP_DEST_UNREACH: UInt8 = 3, ICMP_TIME_EXCEEDED: UInt8 = 11, ICMP_PARAMETERPROB: UInt8 = 12
let ICMP_NET_UNREACH: UInt8 = 0, ICMP_HOST_UNREACH: UInt8 = 1, ICMP_FRAG_NEEDED: UInt8 = 4
/// The highest destination unreachable code (ICMP_PREC_CUTOFF).
let NR_ICMP_UNREACH: UInt8 = 15
/// include/uapi/linux/ip.h: the TOS bits without the precedence.
let IPTOS_TOS_MASK: UInt8 = 0x1e
/// Room for any link-layer header in front of a packet the stack builds.
let MAX_HEADER = 128

/// net/ipv4/icmp.c: the error messages the connect path can receive.
extension Net {
    /// Sends an ICMP error about `skb_in` to its sender: not about a
    /// fragment other than the first, nor about an ICMP error. The source
    /// is the packet's destination when it was for us, else the address
    /// the route back chooses; the message quotes as much of the packet as
    /// fits in 576 bytes, with TOS precedence "internetwork control"
    /// (0xc0). It leaves like any locally generated packet: icmp_push_reply
    /// → ip_push_pending_frames → ip_local_out; an error to ourselves (a
    /// local ARP failure) comes back in through lo. Simplified away: IP
    /// options, the per-destination rate limit (lo is exempt), and the
    /// broadcast and non-PACKET_HOST checks (no model packet is either).
    func icmp_send(_ skb_in: SKB, _ type: UInt8, _ code: UInt8) {
        spanVoid(.icmp_send, skb_in, arg: UInt32(type) << 8 | UInt32(code)) {
            let nh = skb_in.network_header, ihl = Int(skb_in.ip(0, 1) & 0x0f) * 4
            guard skb_in.ip(6, 2) & 0x1fff == 0 else { return }  // IP_OFFSET
            if skb_in.ip(9, 1) == UInt32(IPPROTO_ICMP), nh + ihl < skb_in.buf.count,
               [ICMP_DEST_UNREACH, ICMP_TIME_EXCEEDED, ICMP_PARAMETERPROB].contains(skb_in.buf[nh + ihl]) {
                return
            }
            let daddr = skb_in.ip(12, 4)
            guard let rt = ip_route_output(daddr) else { return }  // icmp_route_lookup
            let saddr = skb_in.dst?.rt_type == .RTN_LOCAL ? skb_in.ip(16, 4)
                : rt.rt_type == .RTN_LOCAL ? daddr : inet_select_addr(rt.dev)
            let room = min(rt.dev.mtu, 576) - 20 - 8
            let quoted = skb_in.buf[nh..<min(nh + room, skb_in.buf.count)]
            let skb = alloc_skb(headroom: MAX_HEADER, payload: [type, code, 0, 0, 0, 0, 0, 0] + quoted)
            skb.dst = rt
            icmp_push_reply(skb, saddr: saddr, daddr: daddr, tos: (skb_in.buf[nh + 1] & IPTOS_TOS_MASK) | 0xc0)
        }
    }

    /// Checksums the ICMP message (ip_append_data has copied it onto the
    /// ICMP socket's write queue) and sends it with ip_push_pending_frames:
    /// no DF (the ICMP socket's pmtudisc is IP_PMTUDISC_DONT), so the IP id
    /// comes from the hashed generator (__ip_select_ident; here the seeded
    /// one).
    func icmp_push_reply(_ skb: SKB, saddr: UInt32, daddr: UInt32, tos: UInt8) {
        spanVoid(.icmp_push_reply, skb) {
            skb.reset_transport_header()
            skb.write(UInt32(csum_fold(skb.transport)), at: skb.transport_header + 2, size: 2)
            _ = ip_push_pending_frames(skb, tos: tos, id: UInt16(truncatingIfNeeded: world.random.next32()), df: false,
                                       proto: IPPROTO_ICMP, saddr: saddr, daddr: daddr)
        }
    }

    /// Checks the checksum and dispatches on the type (icmp_pointers[]):
    /// destination unreachable, time exceeded and parameter problem go to
    /// icmp_unreach; the skb is consumed. Simplified away: echo and the
    /// other informational types, IPsec policy, broadcast checks.
    func icmp_rcv(_ skb: SKB) -> Int32 {
        span(.icmp_rcv, skb) {
            guard csum_fold(skb.transport) == 0 else { kfree_skb(skb, .UNHANDLED_PROTO); return 0 }
            let type = UInt8(skb.tcp(0, 1))
            if [ICMP_DEST_UNREACH, ICMP_TIME_EXCEEDED, ICMP_PARAMETERPROB].contains(type) { icmp_unreach(skb) }
            consume_skb(skb)
            return 0
        }
    }

    /// Checks the quoted header and passes the error to the quoted
    /// protocol's err_handler (icmp_socket_deliver folded in): tcp_v4_err.
    /// Destination unreachable codes above NR_ICMP_UNREACH are ignored.
    /// Simplified away: PMTU information for frag needed, raw sockets.
    func icmp_unreach(_ skb: SKB) {
        spanVoid(.icmp_unreach, skb) {
            let quoted = skb.transport.dropFirst(8)
            let type = UInt8(skb.tcp(0, 1)), code = UInt8(skb.tcp(1, 1))
            guard quoted.count >= 28, quoted[quoted.startIndex] & 0x0f >= 5,
                  type != ICMP_DEST_UNREACH || code <= NR_ICMP_UNREACH,
                  quoted[quoted.startIndex + 9] == IPPROTO_TCP else { return }
            indirect(.ipprot_err_handler, .tcp_v4_err)
            tcp_v4_err(skb, type, code, quoted: quoted)
        }
    }
}
