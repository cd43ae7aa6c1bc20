import Kernel
import Tracing

/// The built-in lessons.
enum BuiltIn {
    static let all: [ScenarioSpec] = [coldConnect, warmConnect]

    static let client = IPv4.parse("10.0.0.1")!, server = IPv4.parse("10.0.0.2")!
    static let gateway = IPv4.parse("10.0.0.254")!

    static func twoHosts(headerCache: Bool) -> [HostSpec] {
        [HostSpec(name: "client",
                  device: DeviceSpec(mac: [0x02, 0, 0, 0, 0, 0x01], address: client, headerCache: headerCache),
                  gateway: gateway),
         HostSpec(name: "server",
                  device: DeviceSpec(mac: [0x02, 0, 0, 0, 0, 0x02], address: server, headerCache: headerCache),
                  gateway: gateway, listen: [80])]
    }

    static let coldConnect = ScenarioSpec(
        name: "cold-connect",
        summary: "First connect to an unresolved on-link peer: ARP, the queued SYN, neigh_resolve_output → neigh_connected_output",
        hosts: twoHosts(headerCache: false),
        actions: [.connect(at: 0, host: "client", address: server, port: 80)])

    static let warmConnect = ScenarioSpec(
        name: "warm-connect",
        summary: "Ethernet with a header cache: a second connect finds the neighbour REACHABLE and takes neigh_hh_output",
        hosts: twoHosts(headerCache: true),
        actions: [.connect(at: 0, host: "client", address: server, port: 80),
                  .connect(at: 500_000_000, host: "client", address: server, port: 80)])
}
