import Scenarios
import Testing
import Tracing

/// The two quick refusals a teacher's file can set up: a closed port (RST)
/// and an iptables REJECT (ICMP port unreachable), both ECONNREFUSED at once.
@Suite struct RefusalTests {
    static func run(serverListens: Bool, clientRules: [String] = [], arpDelay: String? = nil) throws -> Run {
        let rules = clientRules.isEmpty ? "" : "    iptables:\n" + clientRules.map { "      - \($0)\n" }.joined()
        let yaml = """
            name: refusal
            summary: refusal
            hosts:
              - name: client
                devices:
                  - name: eth0
                    mac: 02:00:00:00:00:01
                    addresses: [10.0.0.1/24]
            \(rules)  - name: server
                devices:
                  - name: eth0
                    mac: 02:00:00:00:00:02
                    addresses: [10.0.0.2/24]
            \(serverListens ? "    listen: [80]\n" : "")\(arpDelay.map { "    arp-reply-delay: \($0)\n" } ?? "")timeline:
              - at: 0s
                connect: {from: client, to: 10.0.0.2:80}
            until: 5s
            """
        let run = Scenario(spec: try ScenarioFile.parse(yaml, file: "refusal.yaml")).makeRun()
        run.runToEnd()
        return run
    }

    @Test func aClosedPortAnswersRSTAndConnectIsRefused() throws {
        let run = try Self.run(serverListens: false)
        #expect(run.syscallResults.map(\.result) == [-Errno.ECONNREFUSED])
        let rst = run.log.frames.filter { $0.u16(12) == 0x0800 && $0[47] & 0x04 != 0 }
        #expect(rst.count == 1)
        #expect(rst.first?[47] == 0x14, "RST|ACK answering a SYN")
        #expect(run.log.calls.contains("tcp_v4_send_reset") && run.log.calls.contains("tcp_reset"))
    }

    @Test func rejectSendsPortUnreachableToTheSenderAndConnectIsRefused() throws {
        let run = try Self.run(serverListens: true, clientRules: ["-A OUTPUT -p tcp --dport 80 -j REJECT"])
        #expect(run.syscallResults.map(\.result) == [-Errno.ECONNREFUSED])
        #expect(run.log.frames.count == 1 && run.log.frames[0][23] == 1, "the SYN never left; the ICMP error went round lo")
        #expect(run.log.calls.contains("reject_tg") && run.log.calls.contains("tcp_v4_err"))
        let end = run.log.events.last { if case .exit(.__inet_stream_connect, _) = $0.payload { true } else { false } }!
        #expect(end.time < 1_000_000, "refused at once, not after a timeout")
    }

    @Test func aSlowPeerKeepsTheSYNWaitingUntilItsReply() throws {
        let run = try Self.run(serverListens: true, arpDelay: "1500ms")
        #expect(run.syscallResults.map(\.result) == [0])
        let replyAt = run.log.events.first { e in
            guard case .frame(let p, _) = e.payload else { return false }
            let f = Array(run.log.packets[p])
            return f.u16(12) == 0x0806 && f.u16(20) == 2
        }!.time
        #expect((1_500_000_000...1_501_000_000).contains(replyAt))
    }
}
