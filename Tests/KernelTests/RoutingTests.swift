import Scenarios
import Testing
import Tracing

/// Route lookups as net/ipv4/route.c and fib_add_ifaddr set them up.
@Suite struct RoutingTests {
    /// One host on 10.0.0.0/24 with a peer at 10.0.0.2, both listening on
    /// port 80; `box` connects to each address given, one after another.
    static func connects(_ addresses: [String]) throws -> Run {
        let timeline = addresses.enumerated().map { i, a in
            "  - at: \(i)s\n    connect: {from: box, to: \(a):80}"
        }.joined(separator: "\n")
        let yaml = """
            name: routing
            summary: routing
            hosts:
              - name: box
                devices:
                  - name: eth0
                    mac: 02:00:00:00:00:01
                    addresses: [10.0.0.1/24]
                listen: [80]
              - name: peer
                devices:
                  - name: eth0
                    mac: 02:00:00:00:00:02
                    addresses: [10.0.0.2/24]
                listen: [80]
            timeline:
            \(timeline)
            until: 10s
            """
        let run = Scenario(spec: try ScenarioFile.parse(yaml, file: "routing.yaml")).makeRun()
        run.runToEnd()
        return run
    }

    /// The (source, destination) of each SYN the host sent, wherever it went.
    static func synAddresses(_ log: TraceLog) -> [(String, String)] {
        log.events.compactMap { e -> [UInt8]? in
            guard case .skbData(let p) = e.payload else { return nil }
            return Array(log.packets[p])
        }.compactMap { b -> (String, String)? in
            let ip = b.count > 14 && b.u16(12) == 0x0800 ? 14 : 0
            guard b.count >= ip + 40, b[ip] == 0x45, b[ip + 9] == 6, b[ip + 33] == 0x02 else { return nil }
            return (IPv4.string(b.u32(ip + 12)), IPv4.string(b.u32(ip + 16)))
        }
    }

    /// fib_add_ifaddr makes lo's whole 127.0.0.0/8 local, with 127.0.0.1 as
    /// the preferred source.
    @Test func everyAddressOf127Slash8IsLocal() throws {
        let run = try Self.connects(["127.0.0.5"])
        #expect(run.syscallResults.map(\.result) == [0])
        #expect(run.log.frames.allSatisfy { $0[0..<12].allSatisfy { $0 == 0 } }, "nothing leaves through eth0: frames on lo only")
        #expect(Self.synAddresses(run.log).first.map { [$0.0, $0.1] } == ["127.0.0.1", "127.0.0.5"])
    }

    /// The network and broadcast addresses of a connected /24 are broadcast
    /// routes; tcp_v4_connect refuses RTCF_BROADCAST at once.
    @Test func connectToTheSubnetBroadcastOrNetworkAddressFailsAtOnce() throws {
        let run = try Self.connects(["10.0.0.255", "10.0.0.0", "255.255.255.255"])
        #expect(run.syscallResults.map(\.result) == Array(repeating: -Errno.ENETUNREACH, count: 3))
        #expect(run.log.frames.isEmpty, "no ARP, no SYN")
        let ends = run.log.events.filter { if case .exit(.__inet_stream_connect, _) = $0.payload { true } else { false } }
        #expect(ends.map { $0.time % 1_000_000_000 < 1_000_000 } == [true, true, true], "each refused at once")
    }

    /// ip_route_output_key_hash: no destination means this host, 127.0.0.1.
    @Test func connectToZeroGoesToLoopback() throws {
        let run = try Self.connects(["0.0.0.0"])
        #expect(run.syscallResults.map(\.result) == [0])
        #expect(run.log.frames.allSatisfy { $0[0..<12].allSatisfy { $0 == 0 } }, "frames on lo only")
        #expect(run.log.calls.contains("loopback_xmit"))
        #expect(Self.synAddresses(run.log).first.map { [$0.0, $0.1] } == ["127.0.0.1", "127.0.0.1"])
    }
}
