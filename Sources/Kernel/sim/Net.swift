import Tracing

/// One host: a network namespace (struct net) with its devices, addresses,
/// routes, ARP table, netfilter hooks and sockets.
///
/// Simplified away: per-CPU state, RCU and locking (the model is single
/// threaded), and every subsystem not on the connect path.
public final class Net {
    public unowned let world: World
    public let id: UInt8
    public let name: String
    public internal(set) var devices: [NetDevice] = []
    /// (address, prefix length, device) as `ip addr` lists them.
    public internal(set) var addresses: [(addr: UInt32, prefixLen: Int, dev: NetDevice)] = []
    public internal(set) var routes: [FibRoute] = []
    private var localAddresses: Set<UInt32> = []
    public let arp_tbl: NeighTable
    public let nf: NFHookRegistry
    /// The iptables-like tables loaded in this namespace.
    public internal(set) var tables: [XTTable] = []
    public var sysctl = Sysctl()
    var sockets: [Sock] = []
    /// The execution context of the task currently running on this host.
    var context: ExecutionContext = .process

    init(world: World, id: UInt8, name: String) {
        self.world = world
        self.id = id
        self.name = name
        arp_tbl = NeighTable()
        nf = NFHookRegistry()
        arp_tbl.net = self
    }

    var tracer: Tracer { world.tracer }

    // MARK: - Configuration (what `ip link`, `ip addr` and `ip route` would do)

    public func addDevice(_ dev: NetDevice) {
        dev.ifindex = devices.count + 1
        dev.net = self
        devices.append(dev)
        world.tracer.renameDevice(host: id, ifindex: dev.ifindex, name: dev.name)
    }

    public func device(_ name: String) -> NetDevice? { devices.first { $0.name == name } }

    /// `ip addr add ADDR/LEN dev DEV`: also adds the on-link (kernel) route.
    public func addAddress(_ addr: UInt32, prefixLen: Int, dev: NetDevice) {
        addresses.append((addr, prefixLen, dev))
        localAddresses.insert(addr)
        let net = addr & FibRoute.mask(prefixLen)
        if !routes.contains(where: { $0.dst == net && $0.prefixLen == prefixLen && $0.dev === dev }) {
            routes.append(FibRoute(dst: net, prefixLen: prefixLen, gateway: 0, dev: dev))
        }
    }

    /// `ip route add default via GW`.
    public func addDefaultRoute(via gateway: UInt32, dev: NetDevice) {
        routes.append(FibRoute(dst: 0, prefixLen: 0, gateway: gateway, dev: dev))
    }

    func isLocal(_ addr: UInt32) -> Bool { localAddresses.contains(addr) }

    // MARK: - Tracing, kept out of the way of the kernel functions

    /// Runs `body` as the span of simulated function `fn`.
    @inline(__always)
    func span<T>(_ fn: Fn, _ skb: SKB?, arg: UInt32 = 0, ret: (T) -> Int32, _ body: () -> T) -> T {
        enter(fn, skb, arg: arg)
        let r = body()
        exit(fn, skb, ret(r))
        return r
    }

    @inline(__always)
    func span(_ fn: Fn, _ skb: SKB?, arg: UInt32 = 0, _ body: () -> Int32) -> Int32 {
        span(fn, skb, arg: arg, ret: { $0 }, body)
    }

    /// A function returning void: its exit carries ``Event/voidReturn``.
    @inline(__always)
    func spanVoid(_ fn: Fn, _ skb: SKB?, arg: UInt32 = 0, _ body: () -> Void) {
        span(fn, skb, arg: arg, ret: { Event.voidReturn }, body)
    }

    @inline(__always)
    func enter(_ fn: Fn, _ skb: SKB?, arg: UInt32 = 0) {
        tracer.enter(fn, host: id, context: context, time: world.now, skb: skb?.id ?? 0, arg: arg)
        world.advance(by: World.callCost)
    }

    @inline(__always)
    func exit(_ fn: Fn, _ skb: SKB?, _ ret: Int32) {
        world.advance(by: World.callCost)
        tracer.exit(fn, host: id, context: context, time: world.now, skb: skb?.id ?? 0, ret: ret)
    }

    @inline(__always)
    func note(_ m: Moment) {
        tracer.emit(m, host: id, context: context, time: world.now)
    }

    /// Records a call through a function pointer, as the seed document writes it.
    @inline(__always)
    func indirect(_ p: PointerExpr, _ target: Fn) { note(.indirectCall(p, target)) }

    @inline(__always)
    func branch(_ fn: Fn, _ b: Branch, _ value: UInt32 = 0) { note(.branch(fn, b, value)) }

    /// Stores the skb's current bytes and records that they changed.
    func snapshot(_ skb: SKB) {
        guard tracer.recording else { return }
        note(.skbData(skb.id, packet: tracer.store(skb.bytes)))
    }

    var jiffies: UInt32 { world.jiffies }
}

/// The sysctls the connect path reads (net.ipv4.*), with their defaults.
public struct Sysctl: Sendable {
    public var ip_default_ttl: UInt8 = 64
    /// net.ipv4.conf.all.arp_ignore: 8 = do not reply to any ARP request
    /// ("the peer ignores ARP").
    public var arp_ignore = 0
    public var tcp_syn_retries = 6
    public var tcp_timestamps = true
    public var tcp_sack = true
    public var tcp_window_scaling = true
    public var ip_local_port_range: ClosedRange<UInt16> = 32768...60999
    public init() {}
}
