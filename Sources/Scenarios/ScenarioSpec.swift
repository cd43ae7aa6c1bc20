import Kernel
import Tracing

/// What a scenario file says, checked and typed: the topology, the timeline,
/// and the narration. `build(into:)` turns it into a World.
public struct ScenarioSpec: Sendable {
    public var name: String
    /// One line for `kpath scenarios`.
    public var summary: String
    public var seed: UInt64 = 1
    /// The kernel the lesson runs on (`kernel:`; `--kernel` overrides it).
    public var kernel: KernelVersion = .v4_9
    public var links: [LinkSpec] = []
    public var hosts: [HostSpec] = []
    public var timeline: [TimedAction] = []
    /// Timers due up to this virtual time still run (the lesson "waits").
    public var until: UInt64 = 0
    /// The log starts with the first task at or after this time (`record-from:`);
    /// what ran before (an earlier experiment) only leaves its state.
    public var recordFrom: UInt64 = 0
    /// Lines a teacher attaches to teaching moments, keyed by function name
    /// (shown when that function is reached).
    public var narration: [String: String] = [:]

    public init(name: String, summary: String) { self.name = name; self.summary = summary }
}

public struct LinkSpec: Sendable {
    public var name: String
    /// One-way propagation delay, virtual nanoseconds.
    public var delay: UInt64
}

public struct HostSpec: Sendable {
    public var name: String
    public var devices: [DeviceSpec] = []
    public var routes: [RouteSpec] = []
    public var sysctls: [(name: String, value: Int)] = []
    public var neighbours: [NeighbourSpec] = []
    /// The tables loaded before the rules (`lsmod`: iptable_filter, …);
    /// a rule loads its own table too.
    public var tables: [HookOwner] = []
    public var iptables: [IptablesCommand] = []
    /// Which `iptables` the rules are given to: x_tables (iptables-legacy)
    /// or nf_tables (iptables-nft, Debian's default).
    public var iptablesBackend: IptablesBackend = .legacy
    /// Security modules with netfilter hooks (AppArmor, from 4.17).
    public var apparmor = false
    public var listen: [UInt16] = []
    /// A slow peer: its ARP replies leave this long after the request.
    public var arpReplyDelay: UInt64 = 0
}

public struct DeviceSpec: Sendable {
    public var name: String
    public var link: String
    public var mac: [UInt8]
    public var addresses: [Prefix]
    /// header_ops with a cache method (real Ethernet) or without (the seed's chain).
    public var headerCache: Bool
    public var driver: Driver = .simnic
    public var qdisc: QdiscKind = .pfifo_fast

    /// The driver behind a device.
    public enum Driver: String, Sendable, CaseIterable {
        /// kpath's model NIC.
        case simnic
        /// virtio-net, as a qemu guest has (always with a header cache).
        case virtio_net
    }
}

public enum IptablesBackend: String, Sendable, CaseIterable {
    case legacy, nft
}

/// `ip route add DST/LEN [via GW] [dev DEV]`; DST 0/0 is `default`.
public struct RouteSpec: Sendable {
    public var destination: Prefix
    public var gateway: UInt32?
    public var device: String?
}

/// `ip neigh add ADDR lladdr MAC dev DEV nud STATE`.
public struct NeighbourSpec: Sendable {
    public var address: UInt32
    public var lladdr: [UInt8]
    public var device: String
    public var state: NUDState
}

/// One `iptables` invocation.
public enum IptablesCommand: Sendable {
    case append(table: HookOwner, hook: NFHook, rule: Rule)
    case policy(table: HookOwner, hook: NFHook, verdict: Verdict)

    var table: HookOwner {
        switch self {
        case .append(let t, _, _), .policy(let t, _, _): t
        }
    }
}

public struct TimedAction: Sendable {
    public var at: UInt64
    public var action: ActionSpec
}

public enum ActionSpec: Sendable {
    /// A task on `host` calls connect().
    case connect(host: String, address: UInt32, port: UInt16)
    /// A task on `host` sends `bytes` on the socket it connected last.
    case send(host: String, bytes: Int)
}

/// A scenario edit a student can try while paused.
public enum WhatIf: Hashable, Sendable, CustomStringConvertible {
    /// The host never answers ARP requests (net.ipv4.conf.all.arp_ignore = 8).
    case peerIgnoresARP(host: String)
    /// The table's entry at that hook returns NF_DROP (a first rule `-j DROP`).
    case hookDrops(host: String, hook: NFHook, owner: HookOwner)

    public var description: String {
        switch self {
        case .peerIgnoresARP(let host): "\(host) ignores ARP requests"
        case .hookDrops(let host, let hook, let owner): "\(host): \(owner.module) at \(hook) returns NF_DROP"
        }
    }
}

extension ScenarioSpec {
    /// Builds the hosts, links and timeline into `world`. The spec was
    /// checked when it was read, so what it names exists.
    func build(into world: World, whatIfs: [WhatIf], actionDone: @escaping (String, Int32) -> Void) {
        world.horizon = until
        if recordFrom > 0 { world.recordFrom = recordFrom }
        let wires = Dictionary(uniqueKeysWithValues: links.map { ($0.name, world.addWire(name: $0.name, delay: $0.delay)) })
        for h in hosts {
            let net = world.addHost(h.name)
            for d in h.devices {
                let dev = d.driver == .virtio_net ? NetDevice.virtio_net(name: d.name, mac: d.mac, qdisc: d.qdisc)
                    : NetDevice.simnic(name: d.name, mac: d.mac, headerCache: d.headerCache, qdisc: d.qdisc)
                net.addDevice(dev)
                for a in d.addresses { net.addAddress(a.addr, prefixLen: a.len, dev: dev) }
                wires[d.link]?.attach(dev)
            }
            for r in h.routes {
                net.addRoute(r.destination.addr, prefixLen: r.destination.len, via: r.gateway,
                             dev: r.device.flatMap(net.device) ?? net.deviceForGateway(r.gateway))
            }
            for t in h.tables { net.loadTable(t) }
            if h.apparmor { net.registerAppArmorHooks() }
            for s in h.sysctls { try? net.setSysctl(s.name, s.value) }
            for command in h.iptables { command.apply(to: net, backend: h.iptablesBackend) }
            net.arpReplyDelay = h.arpReplyDelay
            for port in h.listen { net.listen(port: port) }
            for n in h.neighbours {
                net.addNeighbour(n.address, lladdr: n.lladdr, dev: n.device, state: n.state)
            }
        }
        for edit in whatIfs { edit.apply(to: world) }
        for t in timeline {
            switch t.action {
            case .connect(let host, let address, let port):
                world.host(host)?.connect(at: t.at, to: address, port: port) { actionDone(host, $0) }
            case .send(let host, let bytes):
                world.host(host)?.send(at: t.at, bytes: bytes) { actionDone(host, $0) }
            }
        }
    }
}

extension IptablesCommand {
    /// iptables-legacy loads the x_tables table; iptables-nft puts the
    /// filter table's rules in nf_tables' `ip filter`, hooked per chain.
    func apply(to net: Net, backend: IptablesBackend) {
        switch self {
        case .append(let owner, let hook, let rule):
            table(owner, hook, net, backend).chains[hook, default: Chain()].rules.append(rule)
        case .policy(let owner, let hook, let verdict):
            table(owner, hook, net, backend).chains[hook, default: Chain()].policy = verdict
        }
    }

    private func table(_ owner: HookOwner, _ hook: NFHook, _ net: Net, _ backend: IptablesBackend) -> XTTable {
        backend == .nft && owner == .iptable_filter ? net.nft_base_chain(hook) : net.loadTable(owner)
    }
}

extension WhatIf {
    func apply(to world: World) {
        switch self {
        case .peerIgnoresARP(let host):
            world.host(host)?.sysctl.arp_ignore = 8
        case .hookDrops(let host, let hook, let owner):
            // `iptables -I CHAIN -j DROP`: loads the table if it is not loaded yet.
            world.host(host)?.loadTable(owner).chains[hook, default: Chain()].rules.insert(Rule(Rule.Match(), .DROP), at: 0)
        }
    }
}
