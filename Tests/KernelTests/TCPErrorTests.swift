import Scenarios
import Testing
import Tracing

/// How TCP meets errors on the connect path, as 4.9 handles them: the
/// retransmit timer's path, the retransmission held back while the last
/// copy is still in the host, and tcp_v4_err's backoff undo and hard error.
@Suite struct TCPErrorTests {
    static func run(_ yaml: String) throws -> Run {
        let run = Scenario(spec: try ScenarioFile.parse(yaml, file: "tcp-errors.yaml")).makeRun()
        run.runToEnd()
        return run
    }

    /// A client and a listening server on one link. The server ignores
    /// ARP unless `peerAnswersARP`; the client's neighbour sysctls and
    /// iptables rules are given; the client connects at 0 and sends at `sendAt`.
    static func twoHosts(neigh: [String: Int] = [:], rules: [String] = [], peerAnswersARP: Bool = false,
                         sendAt: String? = nil, until: String = "9s") throws -> Run {
        let sysctl = neigh.isEmpty ? "" : "    sysctl:\n" + neigh.sorted { $0.key < $1.key }
            .map { "      net.ipv4.neigh.eth0.\($0.key): \($0.value)\n" }.joined()
        let iptables = rules.isEmpty ? "" : "    iptables:\n" + rules.map { "      - \($0)\n" }.joined()
        let ignore = peerAnswersARP ? "" : "    sysctl:\n      net.ipv4.conf.all.arp_ignore: 8\n"
        let send = sendAt.map { "  - at: \($0)\n    send: {from: client, bytes: 100}\n" } ?? ""
        return try run("""
            name: tcp-errors
            summary: tcp-errors
            hosts:
              - name: client
                devices:
                  - name: eth0
                    mac: 02:00:00:00:00:01
                    addresses: [10.0.0.1/24]
            \(sysctl)\(iptables)  - name: server
                devices:
                  - name: eth0
                    mac: 02:00:00:00:00:02
                    addresses: [10.0.0.2/24]
                listen: [80]
            \(ignore)timeline:
              - at: 0s
                connect: {from: client, to: 10.0.0.2:80}
            \(send)until: \(until)
            """)
    }

    /// The functions open (entered, not yet left) when event `index` was
    /// emitted, outermost first, in that event's host and context.
    static func openCalls(_ log: TraceLog, at index: Int) -> [Fn] {
        let target = log.events[index]
        var stack: [Fn] = []
        for e in log.events[..<index] where e.host == target.host && e.context == target.context {
            switch e.payload {
            case .enter(let fn, _): stack.append(fn)
            case .exit: stack.removeLast()
            default: break
            }
        }
        return stack
    }

    static func calls(_ log: TraceLog) -> [Fn] {
        log.events.compactMap { if case .enter(let fn, _) = $0.payload { fn } else { nil } }
    }

    @Test func theRetransmitTimerTakesTheKernelsPath() {
        let calls = Self.calls(builtInLog("netfilter-drop"))
        let start = calls.firstIndex(of: .tcp_write_timer)!
        #expect(Array(calls[start..<start + 7]) == [
            .tcp_write_timer, .tcp_write_timer_handler, .tcp_retransmit_timer, .tcp_write_timeout,
            .tcp_enter_loss, .tcp_retransmit_skb, .__tcp_retransmit_skb,
        ])
        #expect(calls[start + 7] == .tcp_transmit_skb)
    }

    @Test func aSYNStillOnArpQueueIsNotSentAgain() {
        let log = builtInLog("unreachable-neighbour")
        let failedAt = log.events.first { if case .nudChange(_, _, .NUD_FAILED, _) = $0.payload { true } else { false } }!.time
        let parked = log.events.filter {
            if case .skbQueued(.arp_queue, _, _) = $0.payload { $0.time < failedAt } else { false }
        }
        #expect(parked.count == 1, "one SYN waits for the address; the 1 s retransmission is held back")
        let busy = log.events.filter { if case .exit(.__tcp_retransmit_skb, -Errno.EBUSY) = $0.payload { true } else { false } }
        #expect(busy.map { $0.time / 1_000_000_000 } == [1])
        #expect(log.payloads.contains { if case .branch(.__tcp_retransmit_skb, .stillInHostQueue(parked[0].skb)) = $0 { true } else { false } })
        let reports = log.events.filter { if case .enter(.arp_error_report, _) = $0.payload { $0.time < failedAt + 1_000_000 } else { false } }
        #expect(reports.count == 1, "one parked SYN, one report, one ICMP")
    }

    @Test func tcpV4ErrUndoesOneBackoffThenEndsTheConnect() {
        let run = Scenario.named("unreachable-neighbour")!.makeRun()
        run.runToEnd()
        let log = run.log
        let err = log.events.firstIndex { if case .enter(.tcp_v4_err, _) = $0.payload { true } else { false } }!
        let after = log.payloads[err...]
        let undo = after.firstIndex { if case .branch(.tcp_v4_err, .icmpUndoBackoff) = $0 { true } else { false } }!
        let report = after.firstIndex { if case .enter(.sock_def_error_report, _) = $0 { true } else { false } }!
        let done = after.firstIndex { if case .enter(.tcp_done, _) = $0 { true } else { false } }!
        #expect(undo < report && report < done)
        // At 3 s the neighbour timer (armed last) runs first and frees the
        // parked SYN, so the SYN timer's retransmission starts the second
        // ARP round and the undo only re-arms for what is left: 2 s.
        #expect(log.payloads.contains { if case .branch(.tcp_v4_err, .icmpUndoBackoff(2000)) = $0 { true } else { false } })
        let again = log.events.firstIndex { if case .nudChange(_, .NUD_FAILED, .NUD_INCOMPLETE, _) = $0.payload { true } else { false } }!
        #expect(Self.openCalls(log, at: again).prefix(3) == [.tcp_write_timer, .tcp_write_timer_handler, .tcp_retransmit_timer])
        #expect(run.syscallResults.map(\.result) == [-Errno.EHOSTUNREACH])
    }

    @Test func whenNothingOfTheRTOIsLeftTcpV4ErrRetransmitsAtOnce() throws {
        // Five probes: FAILED at 5 s, while the SYN timer (1 s, then 3 s,
        // both -EBUSY) waits for 7 s. The undo leaves an RTO of 2 s, and 5 s
        // have passed since the SYN left: retransmit now, from tcp_v4_err.
        let run = try Self.twoHosts(neigh: ["mcast_solicit": 5])
        let log = run.log
        #expect(log.events.filter { if case .exit(.__tcp_retransmit_skb, -Errno.EBUSY) = $0.payload { true } else { false } }
            .map { $0.time / 1_000_000_000 } == [1, 3])
        #expect(log.payloads.contains { if case .branch(.tcp_v4_err, .icmpUndoBackoff(0)) = $0 { true } else { false } })
        let again = log.events.firstIndex { if case .nudChange(_, .NUD_FAILED, .NUD_INCOMPLETE, _) = $0.payload { true } else { false } }!
        let open = Self.openCalls(log, at: again)
        #expect(Array(open.drop { $0 != .tcp_v4_err }.prefix(2)) == [.tcp_v4_err, .tcp_retransmit_timer])
        #expect(run.syscallResults.map(\.result) == [-Errno.EHOSTUNREACH])
        let end = log.events.last { if case .exit(.__inet_stream_connect, _) = $0.payload { true } else { false } }!
        #expect(end.time / 1_000_000_000 == 5)
    }

    @Test func theICMPErrorToOurselvesGoesOutAndComesBackInThroughLo() {
        let log = builtInLog("unreachable-neighbour")
        let calls = Self.calls(log)
        let send = calls.firstIndex(of: .icmp_send)!
        let path: [Fn] = [.icmp_send, .icmp_push_reply, .ip_push_pending_frames, .ip_send_skb, .ip_local_out,
                          .dst_output, .ip_output, .dev_queue_xmit, .loopback_xmit, .netif_rx, .process_backlog,
                          .ip_rcv, .ip_local_deliver, .icmp_rcv, .icmp_unreach, .tcp_v4_err]
        var rest = calls[send...]
        for fn in path {
            guard let i = rest.firstIndex(of: fn) else { Issue.record("\(fn.name) missing after icmp_send"); return }
            rest = rest[(i + 1)...]
        }
        // A frame on lo: Ethernet header, IP 10.0.0.1 > 10.0.0.1 ICMP 3/1
        // quoting the whole 60-byte SYN (as much as fits in 576 bytes).
        let onLo = log.events.filter { $0.kind == .frame && log.deviceName(host: $0.host, ifindex: UInt32($0.aux)) == "lo" }
        #expect(onLo.count == 1)
        let f = Array(log.packets[onLo[0].arg])
        #expect(f.u16(12) == 0x0800 && f[23] == 1 && f[34] == 3 && f[35] == 1)
        #expect(IPv4.string(f.u32(26)) == "10.0.0.1" && IPv4.string(f.u32(30)) == "10.0.0.1")
        #expect(f.u16(16) == 20 + 8 + 60 && f[15] == 0xc0 && f.u16(20) & 0x4000 == 0, "TOS 0xc0, no DF")
        #expect(internetChecksum(Array(f[14..<34])) == 0 && internetChecksum(Array(f[34...])) == 0)
        #expect(f[42] == 0x45 && f[42 + 33] == 0x02, "the quoted SYN")
        // Netfilter sees it on the way out and on the way in.
        let hooks = log.events.filter { $0.skb == onLo[0].skb }.compactMap { e -> NFHook? in
            if case .hookResult(let h, _) = e.payload { h } else { nil }
        }
        #expect(hooks == [.NF_INET_LOCAL_OUT, .NF_INET_POST_ROUTING, .NF_INET_PRE_ROUTING, .NF_INET_LOCAL_IN])
    }

    static func returns(_ log: TraceLog, _ fn: Fn) -> [(time: UInt64, ret: Int32)] {
        log.events.compactMap { if case .exit(fn, let r) = $0.payload { ($0.time, r) } else { nil } }
    }

    @Test func sendInSynSentWaitsForTheHandshakeThenSends() throws {
        let run = try Self.twoHosts(peerAnswersARP: true, sendAt: "50us"), log = run.log
        #expect(run.syscallResults.map(\.result) == [0, 100], "connect() returns first, then send() queues its 100 bytes")
        let wait = Self.returns(log, .sk_stream_wait_connect)
        let established = log.events.first { if case .sockState(_, _, .TCP_ESTABLISHED) = $0.payload { true } else { false } }!
        #expect(wait.count == 1 && wait[0].ret == 0 && wait[0].time > established.time)
        let data = log.frames.filter { $0.u16(12) == 0x0800 && $0[23] == 6 && $0.u16(16) > 52 + 12 }
        #expect(data.count == 1, "the data segment leaves after the handshake")
    }

    @Test func sendInSynSentFailsWhenTheConnectFails() throws {
        let run = try Self.twoHosts(sendAt: "50us"), log = run.log
        #expect(run.syscallResults.map(\.result) == [-Errno.EHOSTUNREACH, -Errno.EPIPE],
                "connect() takes the error; send() finds the socket closed")
        let send = Self.returns(log, .tcp_sendmsg)
        #expect(send.count == 1 && send[0].time / 1_000_000_000 == 3, "send() slept until the connect failed")
    }

    /// 4.9 has no drop reasons: a drop is a call to kfree_skb from the
    /// place that gives up on the packet.
    @Test(arguments: [("unreachable-neighbour", Fn.arp_error_report), ("arp-queue-overflow", .__neigh_event_send),
                      ("netfilter-drop", .nf_hook_slow)])
    func aDropIsACallToKfreeSkbFromANamedPlace(lesson: String, caller: Fn) {
        let log = builtInLog(lesson)
        let frees = log.events.indices.filter { if case .enter(.kfree_skb, _) = log.events[$0].payload { true } else { false } }
        #expect(!frees.isEmpty)
        #expect(frees.contains { Self.openCalls(log, at: $0).last == caller })
        for i in log.events.indices where log.events[i].kind == .skbDropped {
            #expect(Self.openCalls(log, at: i).last == .kfree_skb, "every drop is recorded inside kfree_skb")
            let text = log.describe(log.events[i]) ?? ""
            #expect(text.contains("kpath's reading") && !text.contains("SKB_DROP_REASON"), "\(text)")
        }
    }

    @Test(arguments: [
        ("icmp-net-unreachable", Errno.ENETUNREACH), ("icmp-host-unreachable", Errno.EHOSTUNREACH),
        ("icmp-proto-unreachable", Errno.ENOPROTOOPT), ("icmp-port-unreachable", Errno.ECONNREFUSED),
        ("icmp-net-prohibited", Errno.ENETUNREACH), ("icmp-host-prohibited", Errno.EHOSTUNREACH),
        ("icmp-admin-prohibited", Errno.EHOSTUNREACH),
    ])
    func rejectCodesBecomeTheErrnosOfIcmpErrConvert(with: String, errno: Int32) throws {
        let run = try Self.twoHosts(rules: ["-A OUTPUT -p tcp --dport 80 -j REJECT --reject-with \(with)"], until: "1s")
        #expect(run.syscallResults.map(\.result) == [-errno])
    }
}
