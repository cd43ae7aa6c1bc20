import Scenarios
import Testing
import Tracing

/// The facts that make cold-connect and warm-connect what they are,
/// asserted from the log alone.
@Suite struct ConnectTests {
    @Test func coldConnectResolvesTheNeighbourThenSendsTheQueuedSYN() {
        let log = builtInLog("cold-connect")
        let client = log.host("client")
        let nud = log.events.filter { $0.host == client }.compactMap { e -> (NUDState, NUDState)? in
            if case .nudChange(_, let from, let to, _) = e.payload { (from, to) } else { nil }
        }
        #expect(nud.map(\.0) == [.NUD_NONE, .NUD_INCOMPLETE])
        #expect(nud.map(\.1) == [.NUD_INCOMPLETE, .NUD_REACHABLE])
        let swaps = log.payloads.compactMap { p -> (Fn, Fn)? in
            if case .outputSwap(_, let from, let to) = p { (from, to) } else { nil }
        }
        #expect(swaps.count == 1)
        #expect(swaps.first?.0 == .neigh_resolve_output && swaps.first?.1 == .neigh_connected_output)
        // The SYN waited on arp_queue and left through n1->output → neigh_connected_output.
        #expect(log.payloads.contains { if case .skbQueued(.arp_queue, 1, _) = $0 { true } else { false } })
        let drain = log.seedSteps.firstIndex(of: "n1->output(n1, skb)")!
        #expect(log.seedSteps[drain + 1] == "neigh_connected_output")
    }

    @Test func coldConnectPutsFiveFramesOnTheWireInHandshakeOrder() {
        let frames = builtInLog("cold-connect").frames
        #expect(frames.count == 5)
        let kinds = frames.map { f -> String in
            if f.u16(12) == 0x0806 { return f.u16(20) == 1 ? "ARP request" : "ARP reply" }
            switch f[14 + 20 + 13] {
            case 0x02: return "SYN"
            case 0x12: return "SYN-ACK"
            case 0x10: return "ACK"
            default: return "?"
            }
        }
        #expect(kinds == ["ARP request", "ARP reply", "SYN", "SYN-ACK", "ACK"])
    }

    @Test func connectReturnsZeroAndTheSocketIsEstablished() {
        let run = Scenario.named("cold-connect")!.makeRun()
        run.runToEnd()
        #expect(run.syscallResults.map(\.result) == [0])
        let exits = run.log.payloads.compactMap { p -> Int32? in
            if case .exit(.__inet_stream_connect, let ret) = p { ret } else { nil }
        }
        #expect(exits == [0])
        let states = run.log.payloads.compactMap { p -> TCPState? in
            if case .sockState(_, _, let to) = p { to } else { nil }
        }
        #expect(states == [.TCP_SYN_SENT, .TCP_ESTABLISHED, .TCP_ESTABLISHED])
    }

    @Test func warmConnectTakesTheHHFastPathOnTheSecondConnect() {
        let log = builtInLog("warm-connect")
        let connects = log.events.indices.filter {
            if case .enter(.__inet_stream_connect, _) = log[$0].payload { true } else { false }
        }
        #expect(connects.count == 2)
        let second = Array(log.events[connects[1]...]).map(\.payload)
        #expect(!second.contains { isARPFrame($0, log) }, "the second connect needs no ARP")
        let firstCall = second.firstIndex { if case .enter(.dst_neigh_output, _) = $0 { true } else { false } }!
        #expect(second[firstCall...].contains { if case .enter(.neigh_hh_output, _) = $0 { true } else { false } })
        #expect(log.payloads.contains { if case .hhFilled(_, 14) = $0 { true } else { false } })
        // arp_hh_ops: neigh_connect leaves output at neigh_resolve_output, so no swap.
        #expect(!log.payloads.contains { if case .outputSwap = $0 { true } else { false } })
        #expect(log.payloads.contains {
            if case .neighCreated(_, .arp_hh_ops, _, .neigh_resolve_output) = $0 { true } else { false }
        })
    }

    @Test func theSameScenarioAndSeedGiveAByteIdenticalLog() {
        for s in Scenario.builtIn {
            #expect(s.log() == s.log(), "\(s.name)")
        }
        var other = Scenario.defaultScenario
        other.spec.seed = 2
        #expect(other.log() != Scenario.defaultScenario.log())
    }

    @Test func aWhatIfThatSilencesARPRunsOnUntilConnectFails() {
        let log = Scenario.defaultScenario.with(.peerIgnoresARP(host: "server")).log()
        // Past the lesson's own end: ARP requests leave (the first and the
        // retries) but never the SYN, the entry fails, and connect() returns
        // EHOSTUNREACH.
        #expect(log.frames.filter { $0[12] == 0x08 && $0[13] == 0x06 }.count > 1)
        #expect(!log.frames.contains { $0[12] == 0x08 && $0[13] == 0x00 && $0[23] == 6 }, "no TCP segment is sent")
        #expect(!log.payloads.contains { if case .nudChange(_, _, .NUD_REACHABLE, _) = $0 { true } else { false } })
        #expect(log.payloads.contains { if case .nudChange(_, .NUD_INCOMPLETE, .NUD_FAILED, _) = $0 { true } else { false } })
        #expect(log.payloads.contains { $0 == .exit(.__inet_stream_connect, ret: -Errno.EHOSTUNREACH) })
    }

    @Test func aWhatIfDropAtLocalOutStopsTheSYNWithEPERM() {
        let s = Scenario.defaultScenario.with(.hookDrops(host: "client", hook: .NF_INET_LOCAL_OUT, owner: .iptable_filter))
        let log = s.log()
        #expect(log.frames.isEmpty)
        #expect(log.payloads.contains { if case .exit(.ip_local_out, -Errno.EPERM) = $0 { true } else { false } })
        #expect(log.payloads.contains {
            if case .hookVerdict(.NF_INET_LOCAL_OUT, .iptable_filter, 0, .NF_DROP, .rule(1)) = $0 { true } else { false }
        })
        // tcp_connect ignores the error: it returns 0 and the retransmit timer is armed.
        #expect(log.payloads.contains { if case .exit(.tcp_connect, 0) = $0 { true } else { false } })
    }
}

private func isARPFrame(_ p: Payload, _ log: TraceLog) -> Bool {
    if case .frame(let i, _) = p { return Array(log.packets[i]).u16(12) == 0x0806 }
    return false
}
