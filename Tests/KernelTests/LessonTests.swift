import Scenarios
import Testing
import Tracing

/// Per lesson, the facts that make it that lesson, asserted from the log.
@Suite struct LessonTests {
    static func run(_ name: String) -> Run {
        let run = Scenario.named(name)!.makeRun()
        run.runToEnd()
        return run
    }

    static func arpRequests(_ log: TraceLog) -> [(time: UInt64, frame: [UInt8])] {
        log.events.compactMap { e in
            guard case .frame(let p, _) = e.payload else { return nil }
            let f = Array(log.packets[p])
            return f.u16(12) == 0x0806 && f.u16(20) == 1 ? (e.time, f) : nil
        }
    }

    static func nud(_ log: TraceLog, host: String, ip: String) -> [NUDState] {
        let h = log.host(host), a = IPv4.parse(ip)!
        return log.events.filter { $0.host == h }.compactMap { e in
            if case .nudChange(let n, _, let to, _) = e.payload, n.ip == a { to } else { nil }
        }
    }

    @Test func unreachableNeighbourProbesThreeTimesThenFailsWithEHOSTUNREACH() {
        let run = Self.run("unreachable-neighbour"), log = run.log
        let failedAt = log.events.first { if case .nudChange(_, _, .NUD_FAILED, _) = $0.payload { true } else { false } }!
        let arps = Self.arpRequests(log).filter { $0.time < failedAt.time }
        #expect(arps.count == 3)                                   // probes from ucast_probes up to neigh_max_probes
        #expect(arps.allSatisfy { Array($0.frame[0..<6]) == [0xff, 0xff, 0xff, 0xff, 0xff, 0xff] })
        let gaps = zip(arps.dropFirst(), arps).map { $0.time - $1.time }
        #expect(gaps.allSatisfy { (999_000_000...1_001_000_000).contains($0) }, "retrans_time apart: \(gaps)")
        #expect(Self.nud(log, host: "client", ip: "10.0.0.2").prefix(2) == [.NUD_INCOMPLETE, .NUD_FAILED])
        #expect(run.syscallResults.map(\.result) == [-Errno.EHOSTUNREACH])
        let queued = Set(log.events.filter {
            if case .skbQueued(.arp_queue, _, _) = $0.payload { $0.time < failedAt.time } else { false }
        }.map(\.skb))
        let failed = Set(log.events.filter { if case .skbDropped(.NEIGH_FAILED, _) = $0.payload { true } else { false } }.map(\.skb))
        #expect(queued.count == 1 && queued == failed, "the SYN, reported and dropped; its retransmission was held back")
        #expect(log.calls.contains("arp_error_report") && log.calls.contains("tcp_v4_err"))
    }

    /// arp_process asks arp_ignore before neigh_event_ns: a host that will
    /// not reply does not learn the asker either (no STALE entry).
    @Test func aHostThatIgnoresARPLearnsNothingFromTheRequests() {
        let log = Self.run("unreachable-neighbour").log
        let server = log.host("server")
        #expect(Self.arpRequests(log).count >= 3, "the requests reached the server's link")
        #expect(log.events.contains { e in
            if case .enter(.arp_process, _) = e.payload { e.host == server } else { false }
        })
        #expect(!log.events.contains { e in
            guard e.host == server else { return false }
            switch e.payload {
            case .neighCreated, .nudChange, .enter(.neigh_event_ns, _): return true
            default: return false
            }
        })
    }

    @Test func netfilterDropRetransmitsOnTheKernelsScheduleThenTimesOut() {
        let run = Self.run("netfilter-drop"), log = run.log
        #expect(log.frames.isEmpty)
        let drops = log.events.filter { if case .skbDropped(.NETFILTER_DROP, _) = $0.payload { true } else { false } }
        let seconds = drops.map { Int(($0.time + 500_000_000) / 1_000_000_000) }
        #expect(seconds == [0, 1, 3, 7, 15, 31, 63])
        let logged = log.events.filter { if case .kernelMessage(.iptLog, _) = $0.payload { true } else { false } }
        #expect(logged.count == 7, "LOG prints each SYN and the chain continues to DROP")
        #expect(run.syscallResults.map(\.result) == [-Errno.ETIMEDOUT])
        let end = log.events.last { if case .exit(.__inet_stream_connect, _) = $0.payload { true } else { false } }!
        #expect((127_000_000_000...127_100_000_000).contains(end.time))
    }

    @Test func staleReprobeWalksTheWholeMachineAndSwapsTheOutputBothWays() {
        let log = Self.run("stale-reprobe").log
        let states = Self.nud(log, host: "client", ip: "10.0.0.2")
        #expect(states == [.NUD_INCOMPLETE, .NUD_REACHABLE, .NUD_STALE, .NUD_DELAY, .NUD_PROBE, .NUD_REACHABLE])
        let swaps = log.payloads.compactMap { p -> Fn? in
            if case .outputSwap(let n, _, let to) = p, n.ip == IPv4.parse("10.0.0.2")! { to } else { nil }
        }
        #expect(swaps == [.neigh_connected_output, .neigh_resolve_output, .neigh_connected_output])
        // The PROBE's request is unicast to the cached address.
        let probe = Self.arpRequests(log).filter { $0.frame.u32(38) == IPv4.parse("10.0.0.2")! }.last!
        #expect(Array(probe.frame[0..<6]) == [2, 0, 0, 0, 0, 2])
    }

    @Test func gatewayResolvesTheNextHopNotTheDestination() {
        let run = Self.run("gateway"), log = run.log
        let clientARPs = Self.arpRequests(log).filter { Array($0.frame[6..<12]) == [2, 0, 0, 0, 0, 1] }
        #expect(clientARPs.map { IPv4.string($0.frame.u32(38)) } == ["10.0.0.254"])
        #expect(Self.nud(log, host: "router", ip: "192.168.1.2") == [.NUD_PERMANENT])
        #expect(!Self.arpRequests(log).contains { $0.frame.u32(38) == IPv4.parse("192.168.1.2")! })
        #expect(run.syscallResults.map(\.result) == [0])
    }

    @Test func routerForwardDecrementsTheTTLAndLeavesThroughDstOutput() {
        let run = Self.run("router-forward"), log = run.log
        let router = log.host("router")
        let calls = log.events.filter { $0.host == router }.compactMap { e -> Fn? in
            if case .enter(let fn, _) = e.payload { fn } else { nil }
        }
        let forward = calls.firstIndex(of: .ip_forward)!
        #expect(Array(calls[forward...].prefix(8)).contains(.ip_forward_finish))
        #expect(calls[calls.firstIndex(of: .ip_forward_finish)! + 1] == .dst_output)
        let syns = log.frames.filter { $0.u16(12) == 0x0800 && $0[47] == 0x02 }
        #expect(syns.map { $0[22] } == [64, 63])
        #expect(run.syscallResults.map(\.result) == [0])
    }

    @Test func masqueradeRewritesTheSourceAndMapsRepliesBack() {
        let run = Self.run("snat-masquerade"), log = run.log
        let tcp = log.frames.filter { $0.u16(12) == 0x0800 && $0[23] == 6 }
        let synOut = tcp.filter { $0[47] == 0x02 }
        #expect(synOut.map { IPv4.string($0.u32(26)) } == ["10.0.0.1", "192.168.1.1"])
        let synAcks = tcp.filter { $0[47] == 0x12 }
        #expect(synAcks.map { IPv4.string($0.u32(30)) } == ["192.168.1.1", "10.0.0.1"])
        for f in tcp {
            #expect(internetChecksum(Array(f[14..<34])) == 0)
            let seg = Array(f[34...])
            #expect(internetChecksum(Array(f[26..<34]) + [0, 6, 0, UInt8(seg.count)] + seg) == 0)
        }
        #expect(run.syscallResults.map(\.result) == [0])
    }

    @Test func arpQueueOverflowDropsTheOldest() {
        let log = Self.run("arp-queue-overflow").log
        var queue: [UInt32] = [], dropped: [UInt32] = []
        for e in log.events {
            switch e.payload {
            case .skbQueued(.arp_queue, let len, _): queue.append(e.skb); #expect(len <= 2)
            case .skbDequeued(.arp_queue, _, _): queue.removeAll { $0 == e.skb }
            case .skbDropped(.NEIGH_QUEUEFULL, _):
                #expect(queue.first == e.skb, "the oldest goes first")
                queue.removeFirst()
                dropped.append(e.skb)
            default: break
            }
        }
        #expect(!dropped.isEmpty)
    }

    @Test func loopbackNeverARPsAndUsesNoQueue() {
        let run = Self.run("loopback"), log = run.log
        #expect(log.frames.allSatisfy { $0.u16(12) == 0x0800 && $0[0..<12].allSatisfy { $0 == 0 } }, "IP on lo, no ARP")
        #expect(log.frames.count == 3, "SYN, SYN-ACK, ACK: frames on lo")
        #expect(log.payloads.contains { if case .neighCreated(let n, .arp_hh_ops, .NUD_NOARP, _) = $0 { n.ip == 0 } else { false } })
        #expect(log.calls.contains("loopback_xmit") && log.calls.contains("netif_rx") && log.calls.contains("neigh_hh_output"))
        #expect(!log.calls.contains("__dev_xmit_skb"))
        #expect(run.syscallResults.map(\.result) == [0])
    }

    /// ipv4_default_advmss caps the MSS at 65535 - 40: lo's MTU of 65536
    /// gives 65495 in both directions, not 65496.
    @Test func loopbackAdvertisesMSS65495InSYNAndSYNACK() {
        let segments = Self.run("loopback").log.tcpSegmentSnapshots
        let syn = segments.first { $0[13] == 0x02 }, synAck = segments.first { $0[13] == 0x12 }
        #expect(syn.flatMap(tcpMSS) == 65495)
        #expect(synAck.flatMap(tcpMSS) == 65495)
    }

    @Test func neighTableOverflowFailsThenRecoversThroughForcedGC() {
        let run = Self.run("neigh-table-overflow"), log = run.log
        #expect(log.payloads.contains { if case .kernelMessage(.neighTableOverflow, _) = $0 { true } else { false } })
        #expect(log.payloads.contains { if case .exit(.ip_finish_output2, -Errno.EINVAL) = $0 { true } else { false } })
        #expect(log.payloads.contains { if case .neighFreed(_, .neigh_forced_gc) = $0 { true } else { false } })
        #expect(run.syscallResults.map(\.result) == Array(repeating: 0, count: 10))
    }

    @Test func hhCacheIsFilledOnceThenUsed() {
        let log = Self.run("hh-cache").log
        let client = log.host("client")
        let calls = log.events.filter { $0.host == client }.compactMap { e -> Fn? in
            if case .enter(let fn, _) = e.payload { fn } else { nil }
        }
        #expect(calls.filter { $0 == .neigh_hh_init }.count == 1)
        #expect(calls.filter { $0 == .neigh_hh_output }.count >= 2, "the ACK and the data")
    }
}
