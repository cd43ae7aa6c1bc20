import Tracing

/// net/ipv4/arp.c: the ARP side of the neighbour subsystem.
extension Net {
    /// tbl->constructor for arp_tbl: picks neigh_ops from the device
    /// (header_ops->cache → arp_hh_ops, else arp_generic_ops), makes
    /// loopback/NOARP entries NUD_NOARP, and sets output to
    /// ops->connected_output for an already VALID entry, else ops->output.
    /// Simplified away: multicast and broadcast keys, devices without
    /// header_ops (arp_direct_ops), the neigh->type lookup. The key rewrite
    /// to 0.0.0.0 on lo is arp_hashfn's IFF_LOOPBACK|IFF_POINTOPOINT case
    /// (include/net/arp.h).
    func arp_constructor(_ neigh: Neighbour) -> Int32 {
        span(.arp_constructor, nil, arg: neigh.primary_key) {
            let dev = neigh.dev
            if dev.flags.contains(.IFF_LOOPBACK) { neigh.primary_key = 0 }
            if !dev.flags.isDisjoint(with: [.IFF_NOARP, .IFF_LOOPBACK]) {
                neigh.nud_state = .NUD_NOARP
                neigh.ha = dev.dev_addr
            }
            neigh.ops = dev.header_ops.cache ? .arp_hh_ops : .arp_generic_ops
            branch(.arp_constructor, .ctorOps(neigh.ops.kind))
            neigh.output = neigh.nud_state.isDisjoint(with: .NUD_VALID) ? neigh.ops.output : neigh.ops.connected_output
            return 0
        }
    }

    /// neigh->ops->solicit: the source address is the triggering packet's
    /// (arp_announce 0) when it is ours, else the device's; the destination
    /// is unicast to the cached address while probes < ucast_probes (the
    /// NUD_PROBE re-probes), broadcast otherwise. App probes (neigh_app_ns)
    /// are not modelled: app_solicit is 0 by default.
    func arp_solicit(_ neigh: Neighbour, _ skb: SKB?) {
        spanVoid(.arp_solicit, skb, arg: neigh.primary_key) {
            let dev = neigh.dev, target = neigh.primary_key
            var saddr: UInt32 = 0
            if let skb, isLocal(skb.ip(12, 4)) { saddr = skb.ip(12, 4) }
            if saddr == 0 { saddr = inet_select_addr(dev) }
            var dst_hw: [UInt8]? = nil
            if neigh.probes - neigh.parms.ucast_probes < 0 {
                branch(.arp_solicit, .solicitUnicast)
                dst_hw = neigh.ha
            } else {
                branch(.arp_solicit, .solicitBroadcast)
            }
            arp_send_dst(ARPOP_REQUEST, ETH_P_ARP, target, dev, saddr, dst_hw, dev.dev_addr, nil, skb?.dst)
        }
    }

    /// Create and send an arp packet: nothing on IFF_NOARP devices.
    func arp_send_dst(_ type: UInt16, _ ptype: UInt16, _ dest_ip: UInt32, _ dev: NetDevice, _ src_ip: UInt32,
                      _ dest_hw: [UInt8]?, _ src_hw: [UInt8]?, _ target_hw: [UInt8]?, _ dst: Rtable?) {
        spanVoid(.arp_send_dst, nil, arg: dest_ip) {
            guard !dev.flags.contains(.IFF_NOARP),
                  let skb = arp_create(type, ptype, dest_ip, dev, src_ip, dest_hw, src_hw, target_hw) else { return }
            skb.dst = dst
            arp_xmit(skb)
        }
    }

    /// Allocates the 28-byte ARP body, builds the link header (broadcast
    /// when no destination is given), then fills the body (RFC 826 layout,
    /// include/uapi/linux/if_arp.h). Returns nil if the header cannot be built.
    func arp_create(_ type: UInt16, _ ptype: UInt16, _ dest_ip: UInt32, _ dev: NetDevice, _ src_ip: UInt32,
                    _ dest_hw: [UInt8]?, _ src_hw: [UInt8]?, _ target_hw: [UInt8]?) -> SKB? {
        span(.arp_create, nil, arg: dest_ip, ret: { $0 == nil ? -Errno.ENOMEM : 0 }) {
            let skb = alloc_skb(headroom: 16, payload: [UInt8](repeating: 0, count: 28))
            skb.reset_network_header()
            skb.dev = dev
            skb.protocol = ETH_P_ARP
            let src = src_hw ?? dev.dev_addr, dest = dest_hw ?? dev.broadcast
            guard dev_hard_header(skb, dev, ptype, dest, src, skb.len) >= 0 else {
                kfree_skb(skb, .NEIGH_FAILED)
                return nil
            }
            var body: [UInt8] = []
            body.appendBE(UInt32(dev.type), size: 2)     // ar_hrd
            body.appendBE(UInt32(ETH_P_IP), size: 2)     // ar_pro
            body += [6, 4]                              // ar_hln, ar_pln
            body.appendBE(UInt32(type), size: 2)         // ar_op
            body += src
            body.appendBE(src_ip, size: 4)
            body += target_hw ?? [UInt8](repeating: 0, count: 6)
            body.appendBE(dest_ip, size: 4)
            for (i, b) in body.enumerated() { skb.write(UInt32(b), at: skb.network_header + i, size: 1) }
            snapshot(skb)
            return skb
        }
    }

    /// NF_HOOK(NFPROTO_ARP, NF_ARP_OUT, ..., arp_xmit_finish); the result is
    /// discarded.
    func arp_xmit(_ skb: SKB) {
        spanVoid(.arp_xmit, skb) {
            _ = NF_HOOK(.NF_ARP_OUT, nil, skb, nil, skb.dev) { net, _, skb in net.arp_xmit_finish(skb) }
        }
    }

    func arp_xmit_finish(_ skb: SKB) -> Int32 {
        span(.arp_xmit_finish, skb) { dev_queue_xmit(skb) }
    }

    /// Receive handler for ETH_P_ARP: ignore NOARP devices and frames for
    /// other hosts, check the address lengths, then NF_ARP_IN → arp_process.
    func arp_rcv(_ skb: SKB, _ dev: NetDevice) -> Int32 {
        span(.arp_rcv, skb) {
            guard !dev.flags.contains(.IFF_NOARP), skb.pkt_type != .PACKET_OTHERHOST else {
                consume_skb(skb)
                return 0
            }
            guard skb.len >= 28, skb.ip(4, 1) == 6, skb.ip(5, 1) == 4 else {
                kfree_skb(skb, .UNHANDLED_PROTO)
                return NET_RX_DROP
            }
            return NF_HOOK(.NF_ARP_IN, nil, skb, dev, nil) { net, _, skb in net.arp_process(skb) }
        }
    }

    /// A request for one of our addresses: arp_ignore decides first
    /// (dont_send); only when we will reply is the sender learned
    /// (neigh_event_ns, NUD_STALE) and answered. Anything else updates an
    /// existing entry for the sender: NUD_REACHABLE for a unicast reply,
    /// NUD_STALE otherwise, overriding once `locktime` has passed. 6.1 asks
    /// arp_accept (a function since 6.0) whether to create an entry from
    /// unsolicited ARP: once when the lookup failed, and once more before
    /// creating; 4.9 tests the sysctl inline. Simplified away: proxy ARP,
    /// arp_filter (off by default), creating entries when arp_accept is on
    /// (the model's is always 0), gratuitous ARP, the duplicate-address
    /// probe (sip 0.0.0.0).
    func arp_process(_ skb: SKB) -> Int32 {
        span(.arp_process, skb) {
            let dev = skb.dev!, nh = skb.network_header
            let op = UInt16(skb.ip(6, 2))
            let sha = Array(skb.buf[nh + 8..<nh + 14]), sip = skb.ip(14, 4), tip = skb.ip(24, 4)
            guard skb.ip(0, 2) == UInt32(dev.type), skb.ip(2, 2) == UInt32(ETH_P_IP),
                  op == ARPOP_REQUEST || op == ARPOP_REPLY else {
                kfree_skb(skb, .UNHANDLED_PROTO)
                return 0
            }
            if op == ARPOP_REQUEST && isLocal(tip) {
                branch(.arp_process, .arpRequestForUs(tip: tip))
                if arp_ignore(dev, sip, tip) {
                    branch(.arp_process, .arpIgnored(arpIgnore: Int32(truncatingIfNeeded: sysctl.arp_ignore)))
                } else if neigh_event_ns(arp_tbl, sha, sip, dev) != nil {
                    if arpReplyDelay > 0 {
                        branch(.arp_process, .arpReplyDelayed(ms: UInt32(arpReplyDelay / 1_000_000)))
                        world.schedule(at: world.now + arpReplyDelay, on: self, .softirq) { [unowned self] in
                            arp_send_dst(ARPOP_REPLY, ETH_P_ARP, sip, dev, tip, sha, dev.dev_addr, sha, nil)
                        }
                    } else {
                        arp_send_dst(ARPOP_REPLY, ETH_P_ARP, sip, dev, tip, sha, dev.dev_addr, sha, nil)
                    }
                }
            } else if let n = arpLookupSender(sip, dev) {
                let state: NUDState = op == ARPOP_REPLY && skb.pkt_type == .PACKET_HOST ? .NUD_REACHABLE : .NUD_STALE
                if state == .NUD_REACHABLE { branch(.arp_process, .arpReplyForUs) }
                let override = Int32(bitPattern: jiffies &- (n.updated &+ n.parms.locktime)) > 0
                _ = neigh_update(n, sha, state, override ? NEIGH_UPDATE_F_OVERRIDE : 0)
            } else {
                branch(.arp_process, .arpNotForUs(tip: tip))
            }
            consume_skb(skb)
            return 0
        }
    }

    /// True when the host must not answer a request from `sip` for our
    /// `tip` on `dev` (net.ipv4.conf.all.arp_ignore): 0 and the reserved
    /// 4-7 answer; 1 answers only for an address of the incoming device;
    /// 2 also needs `sip` in that address's subnet; 3 does not answer for
    /// host-scope addresses (lo's); 8 never answers (inet_confirm_addr,
    /// reduced to the addresses the model has). Inline: no span.
    func arp_ignore(_ dev: NetDevice, _ sip: UInt32, _ tip: UInt32) -> Bool {
        switch sysctl.arp_ignore {
        case 1: return !addresses.contains { $0.dev === dev && $0.addr == tip }
        case 2:
            return !addresses.contains { $0.dev === dev && $0.addr == tip
                && sip & FibRoute.mask($0.prefixLen) == tip & FibRoute.mask($0.prefixLen) }
        case 3: return addresses.contains { $0.addr == tip && $0.dev.flags.contains(.IFF_LOOPBACK) }
        case 8: return true
        default: return false
        }
    }

    /// arp_process's `__neigh_lookup(&arp_tbl, &sip, dev, 0)` and, on 6.1,
    /// the arp_accept calls that follow it.
    private func arpLookupSender(_ sip: UInt32, _ dev: NetDevice) -> Neighbour? {
        let n = neigh_lookup(arp_tbl, sip, dev)
        if kernel == .v6_1 {
            if n == nil { arp_accept(dev, sip) }
            arp_accept(dev, sip)
        }
        return n
    }

    /// arp_accept (6.1): whether unsolicited ARP from `sip` may create an
    /// entry. The model's devices keep the default, 0: never.
    @discardableResult
    func arp_accept(_ dev: NetDevice, _ sip: UInt32) -> Int32 {
        span(.arp_accept, nil, arg: sip) { 0 }
    }

    /// arp_tbl.hash: the bucket for `key` on `dev` (arp_hashfn; the model's
    /// hash_rnd is fixed and the table has 8 buckets, its initial size).
    @discardableResult
    func arp_hash(_ key: UInt32, _ dev: NetDevice) -> Int32 {
        span(.arp_hash, nil, arg: key) { Int32(((key ^ UInt32(dev.ifindex)) &* 0x9E37_79B1) >> 29) }
    }

    /// arp_tbl.key_eq (6.1's neigh_lookup): the entry's key is `key`.
    @discardableResult
    func arp_key_eq(_ key: UInt32) -> Int32 {
        span(.arp_key_eq, nil, arg: key) { 1 }
    }

    /// neigh->ops->error_report: resolution failed for this skb. Tell its
    /// sender (dst_link_failure → ICMP host unreachable), then free it.
    func arp_error_report(_ neigh: Neighbour, _ skb: SKB) {
        spanVoid(.arp_error_report, skb, arg: neigh.primary_key) {
            dst_link_failure(skb)
            kfree_skb(skb, .NEIGH_FAILED, owner: neigh.primary_key)
        }
    }
}

let ARPOP_REQUEST: UInt16 = 1
let ARPOP_REPLY: UInt16 = 2
