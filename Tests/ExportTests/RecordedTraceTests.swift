import Export
import Foundation
import Testing
import Tracing

/// The reader of real function_graph traces, held against the two real 6.1
/// captures in Fixtures and against variants derived from them: options on
/// and off, tracepoint comment lines, CPUs interleaved, a buffer cut at both
/// ends. Every check compares the log with an independent reading of the
/// text: a line count, the indentation and the duration column.
@Suite struct RecordedTraceTests {
    static func fixture(_ name: String) throws -> String {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/" + name).path
        return try String(contentsOfFile: path, encoding: .utf8)
    }
    static let ftrace = try! fixture("linux-6.1-cold-cache-connect.ftrace.txt")
    static let traceCmd = try! fixture("linux-6.1-cold-connect.trace-cmd-report.txt")

    /// What a reader of the text sees, line by line, with nothing but string
    /// matching: every call line and every closing brace, with its depth
    /// (indentation after the last column) and its duration if printed.
    struct Expected: Equatable, CustomStringConvertible {
        var calls: [(name: String, depth: Int)] = []
        /// Per leaf or closing line, in order: the printed duration in ns.
        var durations: [UInt64?] = []
        static func == (a: Expected, b: Expected) -> Bool { a.difference(b) == nil }
        /// The first place two readings differ, for a readable failure.
        func difference(_ b: Expected) -> String? {
            let x = calls.map { "\($0.name)@\($0.depth)" }, y = b.calls.map { "\($0.name)@\($0.depth)" }
            if let i = x.indices.first(where: { $0 < y.count && x[$0] != y[$0] }) { return "call \(i): \(x[i]) vs \(y[i])" }
            if x.count != y.count { return "\(x.count) vs \(y.count) calls" }
            if let i = durations.indices.first(where: { $0 < b.durations.count && durations[$0] != b.durations[$0] }) {
                return "duration \(i): \(String(describing: durations[i])) vs \(String(describing: b.durations[i]))"
            }
            return durations.count != b.durations.count ? "\(durations.count) vs \(b.durations.count) durations" : nil
        }
        var description: String { "\(calls.count) calls, \(durations.count) durations" }
    }

    /// `graph`: the part of a line after the last column (`|  ` + indentation + call).
    static func expected(_ text: String, graph: (Substring) -> (graph: Substring, pad: Int)?) -> Expected {
        var out = Expected()
        for line in text.split(separator: "\n") {
            guard let (g, pad) = graph(line) else { continue }
            let spaces = g.prefix { $0 == " " }.count
            let call = g.dropFirst(spaces)
            let depth = (spaces - pad) / 2
            if let m = call.firstMatch(of: /^([A-Za-z_][\w.]*(?: \[\w+\])?)\(\)( \{|;)/) {
                out.calls.append((String(m.1), depth))
                if m.2 == ";" { out.durations.append(duration(line)) }
            } else if call.hasPrefix("}") {
                out.durations.append(duration(line))
            }
        }
        return out
    }

    static func duration(_ line: Substring) -> UInt64? {
        guard let m = line.firstMatch(of: /[ +!#*@$] (\d+)(?:\.(\d{1,3}))? us/) else { return nil }
        let frac = m.2.map { String($0) + String(repeating: "0", count: 3 - $0.count) } ?? "000"
        return UInt64(m.1)! * 1000 + UInt64(frac)!
    }

    /// The tracefs line's call part: after the third `|`, or after the last
    /// column a variant kept.
    static func tracefsGraph(columns: Int, pad: Int? = nil) -> (Substring) -> (graph: Substring, pad: Int)? {
        { line in
            guard !line.hasPrefix("#"), !line.hasPrefix(" -"), !line.contains("=>") else { return nil }
            let parts = line.split(separator: "|", maxSplits: columns, omittingEmptySubsequences: false)
            guard parts.count == columns + 1 else { return nil }
            return (parts[columns], pad ?? (columns == 0 ? 0 : 2))
        }
    }

    static func traceCmdGraph(_ line: Substring) -> (graph: Substring, pad: Int)? {
        guard line.contains("funcgraph_"), let bar = line.firstIndex(of: "|") else { return nil }
        return (line[line.index(after: bar)...], 2)
    }

    /// The same view of the log: enters with their depth, and the duration
    /// of each exit (from its own enter, per context).
    static func observed(_ log: TraceLog) -> Expected {
        var out = Expected()
        var stacks: [Int: [UInt64]] = [:]
        for e in log.events {
            let key = Int(e.context.rawValue)
            switch e.kind {
            case .enter:
                out.calls.append((log.functionName(code: e.code), Int(e.depth)))
                stacks[key, default: []].append(e.time)
            case .exit:
                let start = stacks[key]?.popLast()
                out.durations.append(start.map { e.time - $0 })
            default: break
            }
        }
        return out
    }

    static func read(_ text: String, strict: Bool = true) throws -> (TraceLog, RecordedTraceReport) {
        try RecordedTraceReader.read(text: text, source: "t.txt", strict: strict)
    }

    // MARK: - The two real captures

    @Test func theRawTracefsCaptureReadsLineForLine() throws {
        let (log, report) = try Self.read(Self.ftrace)
        let expected = Self.expected(Self.ftrace, graph: Self.tracefsGraph(columns: 3))
        #expect(expected.calls.count > 1900)
        #expect(report.calls == expected.calls.count && report.unknownLines == 0 && report.layout == "tracefs")
        #expect(Self.observed(log).difference(expected) == nil)
        #expect(report.orphanExits == 0 && report.unclosed == 0)
        // The trace names its functions; the catalogue's keep their codes.
        #expect(log.events.contains { $0.kind == .enter && $0.function == .neigh_resolve_output })
        #expect(log.recording!.symbols.contains("start_xmit [virtio_net]"))
        #expect(log.recording!.symbols.contains("link_path_walk.part.0.constprop.0"))
        // A compiler's copy keeps its name; the catalogue still explains it.
        let copy = try #require(log.events.first { log.functionName(code: $0.code) == "__netif_receive_skb_core.constprop.0" })
        #expect(log.catalogueFunction(code: copy.code) == .__netif_receive_skb_core)
        #expect(Set(log.recording!.tasks.filter { !$0.isEmpty }) == ["trace-i-1", "nc-561", "ksoftir-14"])
    }

    @Test func theTraceCmdReportOnTwoCPUsReadsLineForLine() throws {
        let (log, report) = try Self.read(Self.traceCmd)
        let expected = Self.expected(Self.traceCmd, graph: Self.traceCmdGraph)
        #expect(expected.calls.count == Self.traceCmd.split(separator: "\n").filter { $0.contains("funcgraph_entry") }.count)
        #expect(report.calls == expected.calls.count && report.unknownLines == 0 && report.layout == "trace-cmd report")
        #expect(Self.observed(log).difference(expected) == nil)
        // Both CPUs' work: the connect on CPU 1, the receive softirq on CPU 0.
        let cpus = Set(log.events.compactMap { log.cpu($0) })
        #expect(cpus == [0, 1])
        #expect(log.events.contains { $0.kind == .kernelMessage && log.describe($0) == "SCENARIO A3 end" })
    }

    // MARK: - Variants

    /// Rewrites the raw capture's lines (` TIME |  N)  comm-pid  | DURATION |  call`).
    static func variant(_ transform: (_ time: Substring, _ cpu: Substring, _ proc: Substring, _ duration: Substring,
                                      _ graph: Substring) -> String) -> String {
        ftrace.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let p = line.split(separator: "|", maxSplits: 3, omittingEmptySubsequences: false)
            guard p.count == 4, !line.hasPrefix("#") else { return String(line) }
            // p[1] is "   0)     nc-561     ": the CPU and the centred comm-pid.
            let cpu = p[1].prefix(5), proc = p[1].dropFirst(5)
            return transform(p[0], cpu, proc, p[2], p[3])
        }.joined(separator: "\n")
    }

    @Test(arguments: [
        ("abstime off", 2), ("proc off", 2), ("cpu and proc off", 2),
        ("duration off", 2), ("everything off", 0), ("tail off, retval on", 3), ("overhead off", 3),
        ("latency format", 4),
    ])
    func everyOptionCombinationReadsTheSameCalls(name: String, columns: Int) throws {
        let text = Self.variant { time, cpu, proc, duration, graph in
            switch name {
            case "abstime off": return "\(cpu.dropFirst(2))\(proc)|\(duration)|\(graph)"
            case "proc off": return "\(time)|\(cpu)\(duration)|\(graph)"
            case "cpu and proc off": return "\(time)|\(duration)|\(graph)"
            case "duration off": return "\(time)|\(cpu)\(proc)|\(graph.dropFirst())"
            case "everything off": return String(graph.dropFirst(2))
            case "tail off, retval on":
                let g = graph.replacing(/\} \/\* ([^*]+) \*\//) { "} /* \($0.1) = 0x0 */" }
                    .replacing(/\(\);$/, with: "(); /* = -113 */")
                return "\(time)|\(cpu)\(proc)|\(duration)|\(g)"
            case "overhead off": return "\(time)|\(cpu)\(proc)|\(duration.replacing(/[+!#]/, with: " "))|\(graph)"
            default: return "\(time)|\(cpu)\(proc)| d..1. |\(duration)|\(graph)"
            }
        }
        let (log, report) = try Self.read(text)
        var expected = Self.expected(text, graph: Self.tracefsGraph(columns: columns, pad: name == "duration off" ? 1 : nil))
        #expect(expected.calls.count > 1900)
        #expect(report.unknownLines == 0 && report.calls == expected.calls.count)
        if name == "duration off" || name == "everything off" {
            // No duration column: only the nesting and the calls can be checked.
            expected.durations = Self.observed(log).durations
        }
        #expect(Self.observed(log).difference(expected) == nil)
        if name.contains("retval") {
            let errors = log.events.filter { $0.kind == .exit && Int32(bitPattern: $0.arg) == -113 }
            #expect(errors.count == expected.calls.count - Self.ftrace.components(separatedBy: "() {").count + 1)
        }
    }

    @Test func sevenDigitDurationsAndEveryOverheadMark() throws {
        let text = """
              1.000000 |   0)   nc-1    |               |  a() {
              1.000001 |   0)   nc-1    | $ 1234567 us  |    b();
              1.000002 |   0)   nc-1    | @ 123456.7 us |    c();
              1.000003 |   0)   nc-1    | * 12345.67 us |    d();
              1.000004 |   0)   nc-1    | # 1234.567 us |    e();
              1.000005 |   0)   nc-1    | $ 12345678 us |  } /* a */
            """
        let (log, _) = try Self.read(text)
        #expect(Self.observed(log).durations == [1_234_567_000, 123_456_700, 12_345_670, 1_234_567, 12_345_678_000])
    }

    @Test func tracepointCommentsBecomeTeachingEvents() throws {
        let text = """
              1.000000 |   0)   nc-1    |               |  neigh_resolve_output() {
              1.000001 |   0)   nc-1    |               |    /* neigh_update: family 2 dev eth0 lladdr 000000000000 flags 00 nud_state incomplete type 01 dead 0 refcnt 3 primary_key4 10.0.2.2 primary_key6 ::ffff:10.0.2.2 confirmed 4294 updated 4294 used 4294 new_lladdr 52550a000202 new_state reachable update_flags 03 pid 0 */
              1.000002 |   0)   nc-1    |               |    /* kfree_skb: skbaddr=00000000a1b2c3d4 protocol=2048 location=__neigh_event_send+0x1f0/0x450 reason: NEIGH_QUEUEFULL */
              1.000003 |   0)   nc-1    |               |    /* net_dev_xmit: dev=eth0 skbaddr=00000000a1b2c3d4 len=42 rc=0 */
              1.000004 |   0)   nc-1    |               |    /* hello from trace_marker */
              1.000005 |   0)   nc-1    | + 12.000 us   |  } /* neigh_resolve_output */
            """
        let (log, report) = try Self.read(text)
        #expect(report.tracepoints == 2 && report.comments == 2 && report.unknownLines == 0)
        let moments = log.events.filter { $0.kind != .enter && $0.kind != .exit }
        #expect(moments.map(\.payload) == [
            .nudChange(NeighKey(ifindex: 1, ip: IPv4.parse("10.0.2.2")!), from: .NUD_INCOMPLETE, to: .NUD_REACHABLE, cause: .neigh_update),
            .skbDropped(.NEIGH_QUEUEFULL, owner: 0),
            .kernelMessage(.traceComment, packet: 0), .kernelMessage(.traceComment, packet: 1),
        ])
        #expect(moments.allSatisfy { $0.depth == 1 })
        #expect(log.hosts[0].devices == ["", "eth0"])
        #expect(log.describe(moments[3]) == "hello from trace_marker")
    }

    @Test func interleavedCPUsKeepAStackPerTask() throws {
        // The same call tree on two CPUs by two tasks, line by line interleaved.
        let lines = Self.ftrace.split(separator: "\n").filter { $0.contains("nc-561") }.prefix(400)
        let other = lines.map { $0.replacingOccurrences(of: "   0)     nc-561     |", with: "   1)     nc-999     |") }
        let text = zip(lines, other).map { "\($0)\n\($1)" }.joined(separator: "\n")
        let (log, report) = try Self.read(text)
        #expect(report.unknownLines == 0 && report.orphanExits == 0)
        let one = Self.expected(lines.joined(separator: "\n"), graph: Self.tracefsGraph(columns: 3))
        let both = Self.observed(log)
        #expect(both.calls.count == 2 * one.calls.count)
        for cpu in [0, 1] {
            let mine = TraceLog.filtered(log) { log.cpu($0) == cpu }
            #expect(Self.observed(mine).difference(one) == nil, "CPU \(cpu)")
        }
    }

    @Test func interleavedCPUsWithoutTheProcColumnUseTheTaskSwitchBlocks() throws {
        let text = """
             0)               |  a() {
             1)               |  a() {
             0)   1.000 us    |    b();
             ------------------------------------------
             1)    nc-7      =>    sh-8
             ------------------------------------------

             1)               |  c() {
             1)   2.000 us    |  } /* c */
             ------------------------------------------
             1)    sh-8      =>    nc-7
             ------------------------------------------

             1)   3.000 us    |  } /* a */
             0)   4.000 us    |  } /* a */
            """
        let (log, report) = try Self.read(text)
        #expect(report.unknownLines == 0 && report.orphanExits == 0 && report.unclosed == 0)
        #expect(Self.observed(log).durations == [1000, 2000, 3000, 4000])
        #expect(Self.observed(log).calls.map(\.depth) == [0, 0, 1, 0])
    }

    @Test func aBufferCutAtBothEndsKeepsItsDepths() throws {
        // Start in the middle of tcp_connect, stop before it returns.
        let all = Self.ftrace.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(all.firstIndex { $0.contains("__tcp_transmit_skb() {") })
        let end = try #require(all.lastIndex { $0.contains("} /* ip_finish_output2 */") })
        let text = (["CPU:0 [LOST 12 EVENTS]"] + all[(start + 1)..<end]).joined(separator: "\n")
        let (log, report) = try Self.read(text)
        let expected = Self.expected(text, graph: Self.tracefsGraph(columns: 3))
        #expect(report.lostEvents == 12 && report.unknownLines == 0)
        #expect(report.orphanExits > 0 && report.unclosed > 0)
        #expect(Self.observed(log).calls.map(\.depth) == expected.calls.map(\.depth))
        // Orphan exits keep the name funcgraph-tail gives them.
        let firstExit = try #require(log.events.first { $0.kind == .exit && $0.depth < log.events.first!.depth })
        #expect(log.functionName(code: firstExit.code) != "?")
    }

    @Test func traceCmdLatencyAndOldLayouts() throws {
        let text = """
            version = 6
            CPU 3 is empty
            cpus=4
                      nc-721   [001] d..1.   118.091083: funcgraph_entry:                   |  __x64_sys_connect() {
                      nc-721   [001] d..1.   118.091114: funcgraph_entry:        4.734 us   |    __fget_light();
                      nc-721     1d..1   118.091120: funcgraph_exit:       + 37.000 us  |  }
                      nc-721   [001]   118.091121: neigh_update: family 2 dev eth0 lladdr 000000000000 flags 00 nud_state 0x0 type 01 dead 0 refcnt 2 primary_key4 10.0.2.2 primary_key6 ::ffff:10.0.2.2 confirmed 1 updated 1 used 1 new_lladdr 000000000000 new_state incomplete update_flags 00 pid 0
            CPU:1 [LOST 3 EVENTS]
            """
        let (log, report) = try Self.read(text)
        #expect(report.layout == "trace-cmd report" && report.unknownLines == 0 && report.calls == 2 && report.lostEvents == 3)
        #expect(Self.observed(log).durations == [4734, 37000])
        #expect(log.events.last!.payload == .nudChange(NeighKey(ifindex: 1, ip: IPv4.parse("10.0.2.2")!),
                                                       from: .NUD_NONE, to: .NUD_INCOMPLETE, cause: .neigh_update))
    }

    @Test func unknownLinesAreCountedAndStrictNamesTheFirst() throws {
        let text = "   1.0 |   0)   nc-1    |               |  a() {\nthis is not ftrace\n   1.1 |   0)   nc-1    |   1.000 us    |  } /* a */\n"
        let (_, report) = try Self.read(text, strict: false)
        #expect(report.unknownLines == 1 && report.firstUnknown == 2 && report.calls == 1)
        #expect(throws: RecordedTraceError(file: "t.txt", line: 2, message: "expected a function_graph line: [TIME |] [CPU)] [TASK-PID |] [DURATION |] fn() {, fn();, } or /* comment */")) {
            try Self.read(text, strict: true)
        }
    }

    @Test func everyExportFormatWritesARecordedTrace() throws {
        let (log, _) = try Self.read(Self.traceCmd)
        for format in ExportFormat.allCases where !format.isBinary {
            let text = try TraceExport.renderText(log, format: format)
            #expect(text.contains("virtnet_poll"), "\(format)")
        }
        // JSON Lines reads back to the same log.
        let jsonl = try TraceExport.renderText(log, format: .jsonl)
        let back = try JSONLReader.read(jsonl)
        #expect(back.events.elementsEqual(log.events) && back.recording?.tasks == log.recording?.tasks)
        // ftrace text reads back to the same calls, nesting and durations.
        let (again, report) = try Self.read(try TraceExport.renderText(log, format: .ftrace))
        #expect(report.unknownLines == 0 && Self.observed(again) == Self.observed(log))
    }
}

extension TraceLog {
    /// The log with only the events `keep` accepts (tests).
    static func filtered(_ log: TraceLog, _ keep: (Event) -> Bool) -> TraceLog {
        var out = log.prefix(0)
        for e in log.events where keep(e) { out.append(e) }
        return out
    }
}
