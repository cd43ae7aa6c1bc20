import Scenarios
import Testing
import Tracing

/// REJECT wherever iptables allows it (INPUT, FORWARD, OUTPUT), with an ICMP
/// error or a TCP reset, and what a router says when it cannot forward.
@Suite struct RejectTests {
    /// client 10.0.0.1 — router 10.0.0.254 / 192.168.1.1 — server 192.168.1.2,
    /// with the router's and the server's rules and the router's ip_forward.
    static func routed(router: [String] = [], server: [String] = [], forward: Bool = true,
                       serverRoute: Bool = true) throws -> Run {
        func rules(_ r: [String]) -> String { r.isEmpty ? "" : "    iptables:\n" + r.map { "      - \($0)\n" }.joined() }
        let yaml = """
            name: reject
            summary: reject
            links:
              - name: lan
              - name: wan
            hosts:
              - name: client
                devices:
                  - name: eth0
                    link: lan
                    mac: 02:00:00:00:00:01
                    addresses: [10.0.0.1/24]
                routes:
                  - default via 10.0.0.254
              - name: router
                devices:
                  - name: eth0
                    link: lan
                    mac: 02:00:00:00:00:fe
                    addresses: [10.0.0.254/24]
                  - name: eth1
                    link: wan
                    mac: 02:00:00:00:01:01
                    addresses: [\(serverRoute ? "192.168.1.1/24" : "172.16.0.1/24")]
                sysctl:
                  net.ipv4.ip_forward: \(forward ? 1 : 0)
            \(rules(router))  - name: server
                devices:
                  - name: eth0
                    link: wan
                    mac: 02:00:00:00:01:02
                    addresses: [192.168.1.2/24]
                routes:
                  - default via 192.168.1.1
                listen: [80]
            \(rules(server))timeline:
              - at: 0s
                connect: {from: client, to: 192.168.1.2:80}
            until: 5s
            """
        return try TCPErrorTests.run(yaml)
    }

    /// IPv4 frames on the wire (not lo): (source, destination, protocol, ICMP type/code or TCP flags).
    static func ipFrames(_ log: TraceLog) -> [(src: String, dst: String, proto: UInt8, a: UInt8, b: UInt8)] {
        log.events.compactMap { e in
            guard e.kind == .frame, log.deviceName(host: e.host, ifindex: UInt32(e.aux)) != "lo" else { return nil }
            let f = Array(log.packets[e.arg])
            guard f.u16(12) == 0x0800 else { return nil }
            return (IPv4.string(f.u32(26)), IPv4.string(f.u32(30)), f[23], f[34], f[23] == 6 ? f[47] : f[35])
        }
    }

    @Test func rejectInInputAnswersTheSenderWithICMP() throws {
        let run = try Self.routed(server: ["-A INPUT -p tcp --dport 80 -j REJECT"])
        #expect(run.syscallResults.map(\.result) == [-Errno.ECONNREFUSED])
        let icmp = Self.ipFrames(run.log).filter { $0.proto == 1 }
        #expect(icmp.map { "\($0.src)>\($0.dst) \($0.a)/\($0.b)" } == ["192.168.1.2>10.0.0.1 3/3", "192.168.1.2>10.0.0.1 3/3"],
                "port unreachable from the server, forwarded by the router")
    }

    @Test func rejectInForwardAnswersFromTheRouter() throws {
        let run = try Self.routed(router: ["-A FORWARD -p tcp --dport 80 -j REJECT --reject-with icmp-host-prohibited"])
        #expect(run.syscallResults.map(\.result) == [-Errno.EHOSTUNREACH])
        let icmp = Self.ipFrames(run.log).filter { $0.proto == 1 }
        #expect(icmp.map { "\($0.src)>\($0.dst) \($0.a)/\($0.b)" } == ["10.0.0.254>10.0.0.1 3/10"])
        #expect(Self.ipFrames(run.log).filter { $0.proto == 6 }.count == 1, "the SYN never reached the wan")
    }

    @Test func tcpResetInInputSendsARSTAndConnectIsRefused() throws {
        let run = try Self.routed(server: ["-A INPUT -p tcp --dport 80 -j REJECT --reject-with tcp-reset"])
        #expect(run.syscallResults.map(\.result) == [-Errno.ECONNREFUSED])
        #expect(run.log.calls.contains("nf_send_reset") && run.log.calls.contains("tcp_reset"))
        let rst = Self.ipFrames(run.log).filter { $0.proto == 6 && $0.b & 0x04 != 0 }
        #expect(rst.count == 2 && rst.allSatisfy { $0.src == "192.168.1.2" && $0.b == 0x14 }, "RST|ACK, on both links")
    }

    @Test func tcpResetInOutputComesBackThroughLo() throws {
        let refused = try TCPErrorTests.twoHosts(rules: ["-A OUTPUT -p tcp --dport 80 -j REJECT --reject-with tcp-reset"],
                                                 until: "1s")
        #expect(refused.syscallResults.map(\.result) == [-Errno.ECONNREFUSED])
        #expect(refused.log.calls.contains("nf_send_reset") && refused.log.calls.contains("loopback_xmit"))
    }

    @Test func aHostThatDoesNotForwardDropsWithoutAWord() throws {
        let run = try Self.routed(forward: false)
        #expect(run.syscallResults.isEmpty, "connect() still waits: no answer at all")
        #expect(run.log.calls.contains("ip_error") && !run.log.calls.contains("ip_forward"))
        #expect(!Self.ipFrames(run.log).contains { $0.proto == 1 }, "no ICMP error from the router")
        #expect(run.log.payloads.contains { if case .branch(.ip_error, .notForwarding) = $0 { true } else { false } })
    }

    @Test func aRouterWithNoRouteAnswersNetUnreachable() throws {
        let run = try Self.routed(serverRoute: false)
        #expect(run.syscallResults.map(\.result) == [-Errno.ENETUNREACH])
        let icmp = Self.ipFrames(run.log).filter { $0.proto == 1 }
        #expect(icmp.map { "\($0.src)>\($0.dst) \($0.a)/\($0.b)" } == ["10.0.0.254>10.0.0.1 3/0"])
    }

    @Test(arguments: [
        ("-A OUTPUT -j REJECT --reject-with icmp-echo-reply", "'icmp-echo-reply' is not supported (icmp-net-unreachable, icmp-host-unreachable, icmp-proto-unreachable, icmp-port-unreachable, icmp-net-prohibited, icmp-host-prohibited, icmp-admin-prohibited, tcp-reset)"),
        ("-A OUTPUT -j REJECT --reject-with tcp-reset", "tcp-reset needs '-p tcp'"),
    ])
    func unsupportedRejectsAreNamed(rule: String, message: String) {
        #expect {
            _ = try Self.routed(router: [rule])
        } throws: { error in
            "\(error)".contains(message)
        }
    }
}
