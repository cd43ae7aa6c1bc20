import Tracing

/// net/ipv4/ip_output.c: the IP (Internet Protocol) output module.
extension Net {
    /// icsk_af_ops->queue_xmit for IPv4. Uses the route cached on the socket
    /// (no route → -EHOSTUNREACH, skb freed), pushes and fills the IPv4 header
    /// and hands on to ip_local_out. Simplified away: IP options, strict
    /// source routing. 6.1: a wrapper passing the socket's TOS to
    /// __ip_queue_xmit, which does all of this (see Net.span).
    func ip_queue_xmit(_ sk: Sock, _ skb: SKB) -> Int32 {
        span(.ip_queue_xmit, skb) {
            if sk.sk_dst_cache != nil { branch(.ip_queue_xmit, .routeFromSocket) }
            guard let rt = sk.sk_dst_cache ?? ip_route_output(sk.inet_daddr) else {
                kfree_skb(skb, .NO_ROUTE)
                return -Errno.EHOSTUNREACH
            }
            sk.sk_dst_cache = rt
            skb.dst = rt
            // ip_select_ident_segs: a connected socket with DF uses inet_id.
            let id = sk.inet_id
            sk.inet_id &+= 1
            skb.push(iphdr(tos: 0, id: id, df: true, ttl: sysctl.ip_default_ttl, proto: IPPROTO_TCP,
                           saddr: sk.inet_saddr, daddr: sk.inet_daddr))
            skb.reset_network_header()
            skb.priority = 0
            return ip_local_out(sk, skb)
        }
    }

    /// Adds the IPv4 header to a packet built for a request sock (the
    /// SYN-ACK): with DF, the id is 0. Then ip_local_out.
    func ip_build_and_send_pkt(_ skb: SKB, _ sk: Sock, _ saddr: UInt32, _ daddr: UInt32) -> Int32 {
        span(.ip_build_and_send_pkt, skb) {
            skb.push(iphdr(tos: 0, id: 0, df: true, ttl: sysctl.ip_default_ttl, proto: IPPROTO_TCP,
                           saddr: saddr, daddr: daddr))
            skb.reset_network_header()
            return ip_local_out(sk, skb)
        }
    }

    /// Calls __ip_local_out; only a 1 (netfilter let the packet pass) leads
    /// to dst_output. So the caller sees the whole lower path's result, or
    /// netfilter's negative errno, or 0 when a hook stole the packet.
    func ip_local_out(_ sk: Sock?, _ skb: SKB) -> Int32 {
        span(.ip_local_out, skb) {
            var err = __ip_local_out(sk, skb)
            if err == 1 {
                branch(.ip_local_out, .nfOkfnRuns)
                err = dst_output(sk, skb)
            }
            return err
        }
    }

    /// Sets tot_len, checksums the IP header (ip_send_check), and runs
    /// NF_INET_LOCAL_OUT with dst_output as the okfn. Simplified away: the
    /// L3 master device (VRF) hand-off.
    func __ip_local_out(_ sk: Sock?, _ skb: SKB) -> Int32 {
        span(.__ip_local_out, skb) {
            let nh = skb.network_header
            skb.write(UInt32(skb.len), at: nh + 2, size: 2)
            ip_send_check(skb)
            skb.protocol = ETH_P_IP
            snapshot(skb)
            return nf_hook(.NF_INET_LOCAL_OUT, sk, skb, nil, skb.dst?.dev)
        }
    }

    /// dst->output for unicast IPv4: set the device and protocol, then
    /// POST_ROUTING (skipped for packets re-routed after IPsec; never here).
    func ip_output(_ sk: Sock?, _ skb: SKB) -> Int32 {
        span(.ip_output, skb) {
            let dev = skb.dst!.dev
            skb.dev = dev
            skb.protocol = ETH_P_IP
            return NF_HOOK_COND(.NF_INET_POST_ROUTING, sk, skb, nil, dev, { net, sk, skb in
                net.ip_finish_output(sk, skb)
            }, true)
        }
    }

    /// GSO, fragmentation, or the plain path. No model packet is GSO or
    /// larger than the MTU, so the branch is recorded and ip_finish_output2
    /// follows. 6.1 splits this in two: ip_finish_output runs the cgroup BPF
    /// egress program (none attached here) and __ip_finish_output decides.
    func ip_finish_output(_ sk: Sock?, _ skb: SKB) -> Int32 {
        span(.ip_finish_output, skb) {
            let mtu = skb.dst!.dev.mtu
            branch(.ip_finish_output, .finishOutputPlain(len: UInt32(skb.len), deviceMTU: UInt32(mtu)))
            return ip_finish_output2(sk, skb)
        }
    }

    /// Be paranoid, rather than too clever: find the next hop's neighbour,
    /// creating it if it does not exist, and hand the skb to
    /// dst_neigh_output. A neighbour that cannot be created → -EINVAL.
    /// 6.1 (ip_neigh_for_gw): the same lookup, then sock_confirm_neigh stamps
    /// a confirmation the socket asked for, and neigh_output replaces
    /// dst_neigh_output. Simplified away: the headroom reallocation (model
    /// skbs have room) and lightweight tunnels.
    func ip_finish_output2(_ sk: Sock?, _ skb: SKB) -> Int32 {
        span(.ip_finish_output2, skb) {
            let dst = skb.dst!, dev = dst.dev
            let nexthop = rt_nexthop(dst, skb.ip(16, 4))
            branch(.ip_finish_output2, dst.rt_gateway != 0 ? .routeViaGateway(gateway: nexthop) : .routeOnLink(nexthop: nexthop))
            var neigh = __ipv4_neigh_lookup_noref(dev, nexthop)
            if let n = neigh {
                branch(.ip_finish_output2, .neighLookupHit(n.nud_state))
            } else {
                branch(.ip_finish_output2, .neighLookupMiss)
                neigh = __neigh_create(arp_tbl, nexthop, dev)
            }
            guard let neigh else {
                kfree_skb(skb, .NEIGH_CREATEFAIL)
                return -Errno.EINVAL
            }
            guard kernel == .v6_1 else { return dst_neigh_output(dst, neigh, skb) }
            sock_confirm_neigh(dst, neigh)
            return neigh_output(neigh, skb)
        }
    }

    /// Sends a reply that belongs to no socket (a RST) through the
    /// per-netns TCP control socket: route to the destination (none:
    /// -ENETUNREACH), then ip_push_pending_frames with DF (the control
    /// socket does PMTU discovery) and id 0. Simplified away: ip_append_data
    /// (the caller has built the whole segment), IP options.
    func ip_send_unicast_reply(_ skb: SKB, saddr: UInt32, daddr: UInt32) -> Int32 {
        span(.ip_send_unicast_reply, skb) {
            guard let rt = ip_route_output(daddr) else {
                kfree_skb(skb, .NO_ROUTE)
                return -Errno.ENETUNREACH
            }
            skb.dst = rt
            return ip_push_pending_frames(skb, tos: 0, id: 0, df: true, proto: IPPROTO_TCP, saddr: saddr, daddr: daddr)
        }
    }

    /// Turns the corked data into one packet (ip_finish_skb → __ip_make_skb:
    /// the IPv4 header with the socket's TOS, TTL, DF and id) and sends it
    /// with ip_send_skb. Simplified away: the cork queue (the model's caller
    /// hands one skb with its payload), IP options.
    func ip_push_pending_frames(_ skb: SKB, tos: UInt8, id: UInt16, df: Bool, proto: UInt8,
                                saddr: UInt32, daddr: UInt32) -> Int32 {
        span(.ip_push_pending_frames, skb) {
            skb.push(iphdr(tos: tos, id: id, df: df, ttl: sysctl.ip_default_ttl, proto: proto, saddr: saddr, daddr: daddr))
            skb.reset_network_header()
            return ip_send_skb(skb)
        }
    }

    /// ip_local_out, with a positive NET_XMIT code turned into an errno
    /// (net_xmit_errno: only NET_XMIT_DROP is an error, -ENOBUFS).
    func ip_send_skb(_ skb: SKB) -> Int32 {
        span(.ip_send_skb, skb) {
            let err = ip_local_out(nil, skb)
            return err > 0 ? (err == NET_XMIT_DROP ? -Errno.ENOBUFS : 0) : err
        }
    }

    /// ip_send_check: the IPv4 header checksum.
    func ip_send_check(_ skb: SKB) {
        let nh = skb.network_header
        skb.write(0, at: nh + 10, size: 2)
        skb.write(UInt32(csum_fold(skb.iph)), at: nh + 10, size: 2)
    }

    /// A 20-byte IPv4 header without options; tot_len and check are filled
    /// in by __ip_local_out.
    func iphdr(tos: UInt8, id: UInt16, df: Bool, ttl: UInt8, proto: UInt8, saddr: UInt32, daddr: UInt32) -> [UInt8] {
        var h: [UInt8] = [0x45, tos]
        h.appendBE(0, size: 2)
        h.appendBE(UInt32(id), size: 2)
        h.appendBE(df ? IP_DF : 0, size: 2)
        h += [ttl, proto]
        h.appendBE(0, size: 2)
        h.appendBE(saddr, size: 4)
        h.appendBE(daddr, size: 4)
        return h
    }
}

let IP_DF: UInt32 = 0x4000
