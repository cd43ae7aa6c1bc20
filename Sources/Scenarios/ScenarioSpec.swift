import Kernel
import Tracing

/// The description a scenario is built from: what a teacher writes.
public struct ScenarioSpec: Sendable {
    public var name: String
    public var summary: String
    public var seed: UInt64 = 1
    /// One-way propagation delay of the link, virtual nanoseconds.
    public var wireDelay: UInt64 = 100_000
    public var hosts: [HostSpec]
    public var actions: [Action]
    /// Timers due up to this virtual time still run ("wait" at the end).
    public var horizon: UInt64 = 0

    public init(name: String, summary: String, hosts: [HostSpec], actions: [Action]) {
        self.name = name; self.summary = summary; self.hosts = hosts; self.actions = actions
    }
}

public struct HostSpec: Sendable {
    public var name: String
    public var device: DeviceSpec
    /// `ip route add default via`.
    public var gateway: UInt32?
    /// TCP ports with a listening socket.
    public var listen: [UInt16] = []
    public var arpIgnore = 0

    public init(name: String, device: DeviceSpec, gateway: UInt32? = nil, listen: [UInt16] = []) {
        self.name = name; self.device = device; self.gateway = gateway; self.listen = listen
    }
}

public struct DeviceSpec: Sendable {
    public var name = "eth0"
    public var mac: [UInt8]
    public var address: UInt32
    public var prefixLen = 24
    /// header_ops with a cache method (real Ethernet) or without.
    public var headerCache: Bool

    public init(name: String = "eth0", mac: [UInt8], address: UInt32, prefixLen: Int = 24, headerCache: Bool) {
        self.name = name; self.mac = mac; self.address = address; self.prefixLen = prefixLen
        self.headerCache = headerCache
    }
}

/// Something that happens at a virtual time.
public enum Action: Sendable {
    /// A task on `host` calls connect() to `address:port`.
    case connect(at: UInt64, host: String, address: UInt32, port: UInt16)
}

extension ScenarioSpec {
    /// Builds the hosts, the link and the timeline into `world`.
    func build(into world: World, whatIfs: [WhatIf], connectDone: @escaping (String, Int32) -> Void) {
        world.horizon = horizon
        let wire = world.addWire(delay: wireDelay)
        for h in hosts {
            let net = world.addHost(h.name)
            let dev = NetDevice.simnic(name: h.device.name, mac: h.device.mac, headerCache: h.device.headerCache)
            net.addDevice(dev)
            net.addAddress(h.device.address, prefixLen: h.device.prefixLen, dev: dev)
            if let gw = h.gateway { net.addDefaultRoute(via: gw, dev: dev) }
            wire.attach(dev)
            net.registerDefaultTables()
            net.sysctl.arp_ignore = h.arpIgnore
            for port in h.listen { net.listen(port: port) }
        }
        for edit in whatIfs { edit.apply(to: world) }
        for action in actions {
            switch action {
            case .connect(let at, let host, let address, let port):
                world.host(host)?.connect(at: at, to: address, port: port) { connectDone(host, $0) }
            }
        }
    }
}

extension WhatIf {
    func apply(to world: World) {
        switch self {
        case .peerIgnoresARP(let host):
            world.host(host)?.sysctl.arp_ignore = 8
        case .hookDrops(let host, let hook, let owner):
            world.host(host)?.table(owner)?.chains[hook]?.rules.insert(Rule(Rule.Match(), .DROP), at: 0)
        }
    }
}
