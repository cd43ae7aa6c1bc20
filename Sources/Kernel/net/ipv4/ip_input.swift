import Tracing

/// net/ipv4/ip_input.c: the IP receive path for packets addressed to us.
extension Net {
    /// Validates the header (version, length, checksum), then PRE_ROUTING.
    /// A bad header is dropped. Simplified away: per-CPU statistics, options.
    func ip_rcv(_ skb: SKB, _ dev: NetDevice) -> Int32 {
        span(.ip_rcv, skb) {
            guard skb.len >= 20, skb.ip(0, 1) >> 4 == 4, csum_fold(skb.iph) == 0 else {
                kfree_skb(skb, .UNHANDLED_PROTO)
                return NET_RX_DROP
            }
            return NF_HOOK(.NF_INET_PRE_ROUTING, nil, skb, dev, nil) { net, _, skb in
                net.ip_rcv_finish(skb)
            }
        }
    }

    /// Routes the packet (ip_route_input_noref) and calls dst_input:
    /// ip_local_deliver, ip_forward, or ip_error when there is no way on.
    func ip_rcv_finish(_ skb: SKB) -> Int32 {
        span(.ip_rcv_finish, skb) {
            let daddr = skb.ip(16, 4)
            let rt = ip_route_input(daddr, skb.dev!)
            switch rt.rt_type {
            case .RTN_LOCAL: branch(.ip_rcv_finish, .routeLocal(daddr: daddr))
            case .RTN_UNREACHABLE: branch(.ip_rcv_finish, .routeUnreachable(daddr: daddr, err: rt.error))
            default: branch(.ip_rcv_finish, .routeForward(daddr: daddr))
            }
            skb.dst = rt
            return dst_input(skb)
        }
    }

    /// dst->input for local routes: LOCAL_IN, then ip_local_deliver_finish.
    /// Simplified away: fragment reassembly (no model packet is fragmented).
    func ip_local_deliver(_ skb: SKB) -> Int32 {
        span(.ip_local_deliver, skb) {
            NF_HOOK(.NF_INET_LOCAL_IN, nil, skb, skb.dev, nil) { net, _, skb in
                net.ip_local_deliver_finish(skb)
            }
        }
    }

    /// Pulls the IP header and calls the protocol handler (inet_protos):
    /// tcp_v4_rcv for TCP, icmp_rcv for ICMP. 6.1 moved the handler call
    /// into ip_protocol_deliver_rcu and always returns 0.
    func ip_local_deliver_finish(_ skb: SKB) -> Int32 {
        span(.ip_local_deliver_finish, skb) {
            let ihl = Int(skb.ip(0, 1) & 0x0f) * 4
            skb.pull(ihl)
            skb.reset_transport_header()
            let proto = UInt8(skb.ip(9, 1))
            guard kernel == .v6_1 else { return ipprot_handler(skb, proto) }
            ip_protocol_deliver_rcu(skb, proto)
            return 0
        }
    }

    /// 6.1: looks the protocol up in inet_protos[] and calls its handler.
    func ip_protocol_deliver_rcu(_ skb: SKB, _ proto: UInt8) {
        spanVoid(.ip_protocol_deliver_rcu, skb, arg: UInt32(proto)) { _ = ipprot_handler(skb, proto) }
    }

    /// `ipprot->handler(skb)`: the registered protocols, TCP and ICMP; no
    /// handler → the skb is dropped (4.9 and 6.1 send a protocol
    /// unreachable first, simplified away).
    private func ipprot_handler(_ skb: SKB, _ proto: UInt8) -> Int32 {
        switch proto {
        case IPPROTO_TCP: return tcp_v4_rcv(skb)
        case IPPROTO_ICMP: return icmp_rcv(skb)
        default:
            kfree_skb(skb, .UNHANDLED_PROTO)
            return 0
        }
    }
}
