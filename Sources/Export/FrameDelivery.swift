import Tracing

/// Which hosts a frame reached, worked out from the log alone.
///
/// A frame event names its sender and the device it left by (`aux`, the
/// ifindex), and each host's ``HostInfo/links`` names the link each device
/// is plugged into. A frame reaches the devices of other hosts on the same
/// link whose MAC is its destination, or all of them when it is broadcast —
/// the filter a NIC applies in hardware (simnic_rx). A device's MAC is the
/// source address of the frames it sent.
///
/// A log without links (one written before they were recorded) is inferred:
/// - a host's MAC addresses are the source addresses of the frames it sent;
/// - two MACs share a wire when a unicast frame went from one to the other
///   (a sender addresses only a neighbour it resolved on that wire);
/// - a frame reaches the other hosts on its sender's wire whose MAC is its
///   destination, or all of them when it is broadcast — the filter a NIC
///   applies in hardware (simnic_rx).
/// A host that never sent a frame has no known MAC; when the log shows a
/// single wire it still receives the broadcasts if it built any rx skb.
struct FrameDelivery: Sendable {
    private var hostOf: [[UInt8]: UInt8] = [:]
    /// Union-find over MACs: each MAC's parent, toward its wire's representative.
    private var parent: [[UInt8]: [UInt8]] = [:]
    /// Hosts that received frames (rx skbs) but never sent one.
    private var silent: [UInt8] = []
    private var singleWire = true
    /// Per (host, ifindex): the device's MACs, from the frames it sent.
    private var deviceMACs: [Int: Set<[UInt8]>] = [:]
    private let hosts: [HostInfo]

    init(_ log: TraceLog) {
        hosts = log.hosts
        var receivers = Set<UInt8>()
        for e in log.events {
            if e.kind == .skbAlloc, case .skbAlloc(_, .rx) = e.payload { receivers.insert(e.host) }
            guard e.kind == .frame, !Self.onLoopback(e, log) else { continue }
            let frame = log.packets[e.arg]
            guard frame.count >= 14 else { continue }
            let src = Self.mac(frame, 6)
            if hostOf[src] == nil { hostOf[src] = e.host; parent[src] = src }
            deviceMACs[Int(e.host) << 16 | Int(e.aux), default: []].insert(src)
        }
        for e in log.events where e.kind == .frame && !Self.onLoopback(e, log) {
            let frame = log.packets[e.arg]
            guard frame.count >= 14 else { continue }
            let dst = Self.mac(frame, 0)
            if hostOf[dst] != nil { union(Self.mac(frame, 6), dst) }
        }
        let senders = Set(hostOf.values)
        silent = receivers.subtracting(senders).sorted()
        singleWire = Set(hostOf.keys.map { find($0) }).count <= 1
    }

    /// A device that received a frame: its host and ifindex.
    struct Delivery: Equatable, Sendable {
        let host: UInt8
        let ifindex: Int
    }

    /// The devices of hosts other than the sender that `frame` (a `.frame`
    /// event) reached, in host order. A frame on lo reaches no other host.
    func deliveries(of frame: Event, in log: TraceLog) -> [Delivery] {
        let bytes = log.packets[frame.arg]
        guard bytes.count >= 14, !Self.onLoopback(frame, log) else { return [] }
        let src = Self.mac(bytes, 6), dst = Self.mac(bytes, 0)
        let broadcast = dst.allSatisfy { $0 == 0xff }
        if let link = link(host: Int(frame.host), ifindex: Int(frame.aux)) {
            return hosts.indices.flatMap { h in
                hosts[h].links.indices.compactMap { d -> Delivery? in
                    let reached = h != Int(frame.host) && hosts[h].links[d] == link
                        && (broadcast || deviceMACs[h << 16 | d]?.contains(dst) == true)
                    return reached ? Delivery(host: UInt8(h), ifindex: d) : nil
                }
            }
        }
        var reached = Set<UInt8>()
        if broadcast {
            let wire = find(src)
            for (mac, host) in hostOf where find(mac) == wire { reached.insert(host) }
            if singleWire { reached.formUnion(silent) }
        } else if let host = hostOf[dst] {
            reached.insert(host)
        }
        reached.remove(frame.host)
        return reached.sorted().map { Delivery(host: $0, ifindex: inferredDevice(of: $0, mac: dst)) }
    }

    /// The hosts other than the sender that `frame` reached, in index order.
    func receivers(of frame: Event, in log: TraceLog) -> [UInt8] {
        var hosts: [UInt8] = []
        for d in deliveries(of: frame, in: log) where hosts.last != d.host { hosts.append(d.host) }
        return hosts
    }

    func reached(_ host: UInt8, frame: Event, in log: TraceLog) -> Bool {
        receivers(of: frame, in: log).contains(host)
    }

    /// For a log without links: the device of `host` that sent frames from
    /// `mac`, else its first device after lo (ifindex 1 on every model host).
    private func inferredDevice(of host: UInt8, mac: [UInt8]) -> Int {
        let devices = Int(host) < hosts.count ? hosts[Int(host)].devices.count : 0
        if let d = (1..<max(devices, 1)).first(where: { deviceMACs[Int(host) << 16 | $0]?.contains(mac) == true }) {
            return d
        }
        return devices > 2 ? 2 : 1
    }

    /// The link a host's device is on, if the log names one.
    private func link(host: Int, ifindex: Int) -> String? {
        guard host < hosts.count, ifindex < hosts[host].links.count, !hosts[host].links[ifindex].isEmpty else { return nil }
        return hosts[host].links[ifindex]
    }

    /// lo (loopback_xmit) hands its frames back to its own host.
    private static func onLoopback(_ frame: Event, _ log: TraceLog) -> Bool {
        log.deviceName(host: frame.host, ifindex: UInt32(frame.aux)) == "lo"
    }

    private static func mac(_ frame: ArraySlice<UInt8>, _ offset: Int) -> [UInt8] {
        Array(frame[frame.startIndex + offset ..< frame.startIndex + offset + 6])
    }

    private func find(_ mac: [UInt8]) -> [UInt8] {
        var m = mac
        while let p = parent[m], p != m { m = p }
        return m
    }

    private mutating func union(_ a: [UInt8], _ b: [UInt8]) {
        let ra = find(a), rb = find(b)
        if ra != rb { parent[ra] = rb }
    }
}
