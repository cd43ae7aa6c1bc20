import Tracing

/// One host: a network namespace (struct net) with its devices, addresses,
/// routes, ARP table, netfilter hooks and sockets.
///
/// Simplified away: per-CPU state, RCU and locking (the model is single
/// threaded), and every subsystem not on the connect path.
public final class Net {
    /// unowned(unsafe): the World owns its hosts and outlives them, and
    /// every traced call reads the clock and the tracer through this.
    public unowned(unsafe) let world: World
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
    /// Source-NAT bindings of the connections seen (conntrack, reduced).
    var natBindings: [NATBinding] = []
    public var sysctl = Sysctl()
    /// tcp_hashinfo, reduced: connected (and connecting) sockets and request
    /// socks by 4-tuple (the ehash), listeners by port (the listening hash).
    var ehash: [FourTuple: Sock] = [:]
    var reqhash: [FourTuple: RequestSock] = [:]
    var lhash: [UInt16: Sock] = [:]
    /// A slow peer: ARP replies leave this long after the request arrived.
    /// A model behaviour for lessons, not a kernel setting.
    public var arpReplyDelay: UInt64 = 0
    /// The socket of the last connect() on this host (what `send` uses).
    var lastSocket: Sock?
    /// The execution context of the task currently running on this host.
    var context: ExecutionContext = .process
    /// Process contexts handed out so far (one per system-call task).
    private var tasks = 0

    /// A new process context for a task that starts a system call.
    func newTask() -> ExecutionContext {
        defer { tasks += 1 }
        return .process(task: tasks)
    }

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
        // neigh_parms_alloc: each device's parms get their own random reachable_time.
        dev.arp_parms.reachable_time = neigh_rand_reach_time(dev.arp_parms.base_reachable_time)
        // arp_tbl's QUEUE_LEN_BYTES: 64 KiB in 4.9, SK_WMEM_MAX (212992) in 6.1.
        if kernel == .v6_1 { dev.arp_parms.queue_len_bytes = 212_992 }
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

    /// `ip route add DST/LEN [via GW] dev DEV`.
    public func addRoute(_ dst: UInt32, prefixLen: Int, via gateway: UInt32?, dev: NetDevice?) {
        guard let dev = dev ?? devices.first(where: { !$0.flags.contains(.IFF_LOOPBACK) }) else { return }
        routes.append(FibRoute(dst: dst & FibRoute.mask(prefixLen), prefixLen: prefixLen, gateway: gateway ?? 0, dev: dev))
    }

    /// The device whose connected route reaches `gateway` (the kernel's
    /// check that a nexthop is on-link).
    public func deviceForGateway(_ gateway: UInt32?) -> NetDevice? {
        guard let gw = gateway else { return nil }
        return routes.first { $0.gateway == 0 && gw & FibRoute.mask($0.prefixLen) == $0.dst }?.dev
    }

    /// `ip neigh add ADDR lladdr MAC dev DEV nud STATE`, run by a task at t = 0.
    public func addNeighbour(_ addr: UInt32, lladdr: [UInt8], dev: String, state: NUDState) {
        guard let d = device(dev) else { return }
        world.schedule(at: 0, on: self, newTask()) { [unowned self] in
            _ = neigh_add(d, addr, lladdr, state)
        }
    }

    /// inet_addr_type(addr) == RTN_LOCAL: one of our addresses, or any
    /// address of lo's prefix (127.0.0.0/8).
    func isLocal(_ addr: UInt32) -> Bool {
        localAddresses.contains(addr) || fib_local_lookup(addr)?.type == .RTN_LOCAL
    }

    // MARK: - Tracing, kept out of the way of the kernel functions

    /// The kernel this host runs (every host of a world runs the same one).
    var kernel: KernelVersion { world.kernel }

    /// Runs `body` as the span of simulated function `fn`. On 6.1, where
    /// `fn` became a wrapper of a worker that does its work
    /// (``Fn/worker61``: ip_queue_xmit → __ip_queue_xmit), `body` runs as
    /// the worker's span inside `fn`'s.
    @inline(__always)
    func span<T>(_ fn: Fn, _ skb: SKB?, arg: UInt32 = 0, ret: (T) -> Int32, _ body: () -> T) -> T {
        enter(fn, skb, arg: arg)
        let r: T
        if kernel == .v6_1, let worker = fn.worker61 {
            enter(worker, skb, arg: arg)
            r = body()
            exit(worker, skb, ret(r))
        } else {
            r = body()
        }
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

    /// Records a call through a function pointer, as the seed call chain (Tests/KernelTests/Fixtures/seed-call-chain.txt) writes it.
    @inline(__always)
    func indirect(_ p: PointerExpr, _ target: Fn) { note(.indirectCall(p, target)) }

    /// Records why a branch was taken; on 6.1 a wrapper's decisions are its worker's.
    @inline(__always)
    func branch(_ fn: Fn, _ b: Branch) {
        note(.branch(kernel == .v6_1 ? fn.worker61 ?? fn : fn, b))
    }

    /// Stores the skb's current bytes and records that they changed.
    func snapshot(_ skb: SKB) {
        guard tracer.recording else { return }
        note(.skbData(skb.id, packet: tracer.store(skb.bytes)))
    }

    var jiffies: UInt32 { world.jiffies }
}
