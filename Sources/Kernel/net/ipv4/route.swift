import Tracing

/// A FIB entry as `ip route` lists it.
public struct FibRoute {
    public let dst: UInt32
    public let prefixLen: Int
    /// 0 for an on-link route.
    public let gateway: UInt32
    let dev: NetDevice

    static func mask(_ len: Int) -> UInt32 { len == 0 ? 0 : ~UInt32(0) << (32 - len) }
}

/// struct rtable (with its struct dst_entry): the result of a route lookup.
/// The function pointers are values so that the call through them is real.
final class Rtable {
    let dev: NetDevice
    /// 0 when the destination is on-link (rt_uses_gateway false).
    let rt_gateway: UInt32
    let rt_type: RouteType
    /// dst->output: ip_output for unicast output routes.
    let output: DstOutput
    /// dst->input: ip_local_deliver for local routes, ip_forward for
    /// forwarded ones, ip_error for RTN_UNREACHABLE.
    let input: DstInput
    /// dst->error: why an RTN_UNREACHABLE input route exists (a positive errno).
    let error: Int32
    /// Set by dst_confirm; dst_neigh_output turns it into n->confirmed.
    var pending_confirm = false

    init(dev: NetDevice, gateway: UInt32, type: RouteType, input: DstInput = .ip_local_deliver, error: Int32 = 0) {
        self.dev = dev; rt_gateway = gateway; rt_type = type
        output = .ip_output
        self.input = input
        self.error = error
    }
}

enum RouteType { case RTN_UNICAST, RTN_LOCAL, RTN_BROADCAST, RTN_MULTICAST, RTN_UNREACHABLE }

enum DstOutput {
    case ip_output
    var fn: Fn { .ip_output }
    func callAsFunction(_ net: Net, _ sk: Sock?, _ skb: SKB) -> Int32 { net.ip_output(sk, skb) }
}

enum DstInput {
    case ip_local_deliver, ip_forward, ip_error
    var fn: Fn {
        switch self {
        case .ip_local_deliver: .ip_local_deliver
        case .ip_forward: .ip_forward
        case .ip_error: .ip_error
        }
    }
    func callAsFunction(_ net: Net, _ skb: SKB) -> Int32 {
        switch self {
        case .ip_local_deliver: net.ip_local_deliver(skb)
        case .ip_forward: net.ip_forward(skb)
        case .ip_error: net.ip_error(skb)
        }
    }
}

/// rt_nexthop (include/net/route.h): the gateway, or the destination itself.
func rt_nexthop(_ rt: Rtable, _ daddr: UInt32) -> UInt32 { rt.rt_gateway != 0 ? rt.rt_gateway : daddr }

/// struct flowi4, reduced to the two addresses a connect's lookup fills in.
struct Flowi4 {
    var daddr: UInt32
    var saddr: UInt32 = 0
}

extension Net {
    /// ip_route_output_ports / ip_route_connect → ip_route_output_key_hash,
    /// reduced to the FIB: no policy routing, no route cache, no multipath,
    /// no oif. A destination of 0.0.0.0 means this host: daddr (and saddr,
    /// if unset) become 127.0.0.1 through lo. Then the local table (our
    /// addresses, lo's whole prefix, the broadcast routes) before the main
    /// table's longest prefix; 255.255.255.255 and 224.0.0.0/4 leave as
    /// broadcast and multicast routes (__mkroute_output). Fills in the
    /// source (the route's preferred source) when the flow has none.
    /// Returns nil for "no route" (-ENETUNREACH at the caller).
    func ip_route_output_key(_ fl4: inout Flowi4) -> Rtable? {
        let lo = devices.first { $0.flags.contains(.IFF_LOOPBACK) }
        if fl4.daddr == 0, let lo {
            fl4.daddr = fl4.saddr != 0 ? fl4.saddr : IPv4_LOOPBACK
            if fl4.saddr == 0 { fl4.saddr = IPv4_LOOPBACK }
            return Rtable(dev: lo, gateway: 0, type: .RTN_LOCAL)
        }
        if let local = fib_local_lookup(fl4.daddr) {
            if fl4.saddr == 0 { fl4.saddr = local.prefsrc }
            // A local destination is reached through lo (dev_out = net->loopback_dev).
            let dev = local.type == .RTN_LOCAL ? lo ?? local.dev : local.dev
            return Rtable(dev: dev, gateway: 0, type: local.type)
        }
        guard let r = routes.filter({ fl4.daddr & FibRoute.mask($0.prefixLen) == $0.dst })
            .max(by: { $0.prefixLen < $1.prefixLen }) else { return nil }
        if fl4.saddr == 0 { fl4.saddr = inet_select_addr(r.dev) }
        let type: RouteType = fl4.daddr == 0xffff_ffff ? .RTN_BROADCAST
            : fl4.daddr >> 28 == 0xe ? .RTN_MULTICAST : .RTN_UNICAST
        return Rtable(dev: r.dev, gateway: r.gateway, type: type)
    }

    /// A route for a destination whose source does not matter here.
    func ip_route_output(_ daddr: UInt32) -> Rtable? {
        var fl4 = Flowi4(daddr: daddr)
        return ip_route_output_key(&fl4)
    }

    /// The local table as fib_add_ifaddr fills it: each address is RTN_LOCAL
    /// (on lo its whole prefix is: all of 127.0.0.0/8), and for a prefix
    /// shorter than /31 its network and broadcast addresses are
    /// RTN_BROADCAST. The most specific entry wins; the preferred source is
    /// the address the entry came from.
    func fib_local_lookup(_ daddr: UInt32) -> (type: RouteType, dev: NetDevice, prefsrc: UInt32)? {
        var best: (len: Int, type: RouteType, dev: NetDevice, prefsrc: UInt32)?
        func offer(_ len: Int, _ type: RouteType, _ a: (addr: UInt32, prefixLen: Int, dev: NetDevice)) {
            if best == nil || len > best!.len { best = (len, type, a.dev, a.addr) }
        }
        for a in addresses {
            let mask = FibRoute.mask(a.prefixLen), net = a.addr & mask
            if daddr == a.addr { offer(32, .RTN_LOCAL, a) }
            if a.dev.flags.contains(.IFF_LOOPBACK) && daddr & mask == net { offer(a.prefixLen, .RTN_LOCAL, a) }
            if a.prefixLen < 31 && net != 0 && (daddr == net || daddr == net | ~mask) { offer(32, .RTN_BROADCAST, a) }
        }
        return best.map { ($0.type, $0.dev, $0.prefsrc) }
    }

    /// ip_route_input_noref: a local route (input ip_local_deliver) for our
    /// addresses; with net.ipv4.ip_forward = 1, the output route towards the
    /// destination with input ip_forward. Otherwise ip_route_input_slow's
    /// no_route: an RTN_UNREACHABLE route whose input is ip_error, with
    /// EHOSTUNREACH (not forwarding) or ENETUNREACH (no route). Simplified
    /// away: martian and broadcast checks, the route cache.
    func ip_route_input(_ daddr: UInt32, _ dev: NetDevice) -> Rtable {
        if isLocal(daddr) { return Rtable(dev: dev, gateway: 0, type: .RTN_LOCAL) }
        guard sysctl.ip_forward else {
            return Rtable(dev: dev, gateway: 0, type: .RTN_UNREACHABLE, input: .ip_error, error: Errno.EHOSTUNREACH)
        }
        guard let out = ip_route_output(daddr) else {
            return Rtable(dev: dev, gateway: 0, type: .RTN_UNREACHABLE, input: .ip_error, error: Errno.ENETUNREACH)
        }
        return Rtable(dev: out.dev, gateway: out.rt_gateway, type: .RTN_UNICAST, input: .ip_forward)
    }

    /// dst->input of an RTN_UNREACHABLE route: a host that does not forward
    /// drops the packet without a word (only InAddrErrors counts it); a
    /// router with no route answers ICMP net unreachable (host unreachable
    /// for EHOSTUNREACH). The skb is freed either way. Simplified away: the
    /// per-peer rate limit, EACCES (prohibit routes).
    func ip_error(_ skb: SKB) -> Int32 {
        span(.ip_error, skb) {
            let rt = skb.dst!
            if !sysctl.ip_forward {
                branch(.ip_error, .notForwarding)
                kfree_skb(skb, .OTHERHOST)
                return 0
            }
            icmp_send(skb, ICMP_DEST_UNREACH, rt.error == Errno.EHOSTUNREACH ? ICMP_HOST_UNREACH : ICMP_NET_UNREACH)
            kfree_skb(skb, .NO_ROUTE)
            return 0
        }
    }

    /// The source address for a destination (inet_select_addr): the first
    /// address on the route's device.
    func inet_select_addr(_ dev: NetDevice) -> UInt32 {
        addresses.first { $0.dev === dev }?.addr ?? 0
    }

    /// dst->ops->default_advmss for IPv4 routes (dst_metric_advmss reads it
    /// when the route carries no advmss metric): the device MTU less the IP
    /// and TCP headers, at least ip_rt_min_advmss (256), at most
    /// 65535 - 40, so lo's 65536-byte MTU advertises 65495.
    func ipv4_default_advmss(_ rt: Rtable?) -> Int {
        let header_size = 20 + 20
        return min(max((rt?.dev.mtu ?? 1500) - header_size, 256), 65535 - header_size)
    }

    /// dst->ops->neigh_lookup for IPv4 routes (dst_neigh_lookup_skb): the
    /// entry of the route's next hop for this skb's destination, created
    /// when missing (__ipv4_neigh_lookup, else neigh_create).
    func ipv4_neigh_lookup(_ dst: Rtable, _ skb: SKB) -> Neighbour? {
        span(.ipv4_neigh_lookup, skb, ret: { $0 == nil ? -Errno.ENOBUFS : 0 }) {
            let dev = dst.dev, pkey = rt_nexthop(dst, skb.ip(16, 4))
            return arp_tbl.entries[NeighKey(ifindex: UInt32(dev.ifindex), ip: pkey)]
                ?? __neigh_create(arp_tbl, pkey, dev)
        }
    }

    /// dst->ops->link_failure for IPv4: host unreachable to the sender,
    /// and the route expires (dst_set_expires(dst, 0): the socket's cached
    /// route is looked up again next time).
    func ipv4_link_failure(_ skb: SKB) {
        spanVoid(.ipv4_link_failure, skb) {
            icmp_send(skb, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH)
            skb.sk?.sk_dst_cache = nil
        }
    }
}
