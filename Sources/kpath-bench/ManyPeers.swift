import Kernel
import Tracing

/// The benchmark's topology, built with the Kernel's public API: client/peer
/// pairs, each pair on its own wire. A peer holds many addresses
/// (10.p.x.y/16 on one device), listens on port 80 and answers ARP for all
/// of them; its client connects to them one after another, so every address
/// is a new neighbour and the client's ARP table grows with the connects.
///
/// Why pairs and not one client: the model keeps each host's sockets in one
/// list that connect() scans for a free source port and every segment scans
/// for its socket (net/ipv4/tcp_ipv4.swift), and sockets are never closed.
/// So one host's cost per connect grows with its connects, and past 32,768
/// sockets inet_hash_connect finds no port and never returns. `perPair`
/// bounds both; at most 128 pairs fit (a host index is one byte).
final class ManyPeers {
    struct Plan {
        var connects: Int
        /// Most connects one client makes (and one peer answers).
        var perPair = 8000
        /// Distinct peer addresses per pair: `nil` = one per connect (every
        /// connect is cold: ARP first); 1 = every connect after the first is warm.
        var addresses: Int? = nil
        var recording = false
        /// Virtual time between one connect() returning and the next.
        var gap: UInt64 = 1_000_000
        /// Stop starting connects once this many events were emitted.
        var eventLimit = Int.max
    }

    static let maxPairs = 128
    static let port: UInt16 = 80
    static let connectTimeout: UInt64 = 200_000_000_000

    let plan: Plan
    let world: World
    private(set) var started = 0
    private(set) var succeeded = 0
    private(set) var failed = 0
    private var clients: [Net] = []
    /// Connects left, and the next address index, per pair.
    private var quota: [Int] = []
    private var nextAddress: [Int] = []

    var pairs: Int { clients.count }

    init(_ plan: Plan) {
        precondition(plan.perPair > 0 && plan.perPair <= 60_000, "one /16 per pair")
        self.plan = plan
        world = World(scenario: "bench-many-peers", seed: 1, recording: plan.recording)
        let pairs = (plan.connects + plan.perPair - 1) / plan.perPair
        precondition(pairs <= Self.maxPairs, "\(plan.connects) connects need \(pairs) pairs; at most \(Self.maxPairs)")
        for p in 0..<pairs {
            let share = plan.connects / pairs + (p < plan.connects % pairs ? 1 : 0)
            clients.append(addPair(p, addresses: plan.addresses ?? share))
            quota.append(share)
            nextAddress.append(0)
        }
    }

    static func address(pair p: Int, host k: Int) -> UInt32 { 10 << 24 | UInt32(p) << 16 | UInt32(k) }

    private func addPair(_ p: Int, addresses: Int) -> Net {
        let wire = world.addWire(delay: 100_000)
        let client = world.addHost("client\(p)"), peer = world.addHost("peer\(p)")
        for (k, net) in [client, peer].enumerated() {
            let dev = NetDevice.simnic(name: "eth0", mac: [2, 0, 0, 0, UInt8(p), UInt8(k + 1)], headerCache: true)
            net.addDevice(dev)
            wire.attach(dev)
            net.registerDefaultTables()
            if k == 0 {
                net.addAddress(Self.address(pair: p, host: 1), prefixLen: 16, dev: dev)
            } else {
                for a in 0..<addresses { net.addAddress(Self.peerAddress(p, a), prefixLen: 16, dev: dev) }
                net.listen(port: Self.port)
            }
        }
        return client
    }

    /// The a-th address of pair p's peer: 10.p.0.2 upwards.
    static func peerAddress(_ p: Int, _ a: Int) -> UInt32 { address(pair: p, host: a + 2) }

    /// Runs every pair's connects to the end.
    func run() {
        for p in clients.indices { connectNext(p) }
        world.runToEnd()
    }

    private func connectNext(_ p: Int) {
        guard quota[p] > 0, world.tracer.emitted < plan.eventLimit else { return }
        let k = nextAddress[p]
        quota[p] -= 1
        nextAddress[p] += 1
        started += 1
        let target = Self.peerAddress(p, plan.addresses.map { k % $0 } ?? k)
        // Timers only keep a run going up to the horizon. A connect may wait
        // on them (a SYN retransmitted after a neighbour-table overflow), and
        // the next connect starts only when this one returns: keep its timers
        // alive for longer than TCP's SYN timeout (127 s with 6 retries).
        world.horizon = max(world.horizon, world.now + plan.gap + Self.connectTimeout)
        clients[p].connect(at: world.now + plan.gap, to: target, port: Self.port) { [unowned self] rc in
            if rc == 0 { succeeded += 1 } else { failed += 1 }
            connectNext(p)
        }
    }
}
