import Export
import Foundation
import Testing
import Tracing

/// kpath's function_graph text held against a real Linux 6.1 trace
/// (Fixtures/linux-6.1-cold-cache-connect.ftrace.txt, a copy of the project's
/// reference capture; see Fixtures/linux-6.1-trace-README.md): the same line
/// shapes, column by column, so someone who reads ftrace is not surprised.
@Suite struct FtraceReferenceTests {
    static let reference: String? = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/linux-6.1-cold-cache-connect.ftrace.txt").path
        return try? String(contentsOfFile: path, encoding: .utf8)
    }()

    /// A line's shape: each column's width, and what the call column holds,
    /// with names and numbers taken out.
    static func shape(_ line: Substring) -> String? {
        let cols = line.split(separator: "|", maxSplits: 3, omittingEmptySubsequences: false)
        guard cols.count == 4, cols[0].last == " ", Double(cols[0].trimmingCharacters(in: .whitespaces)) != nil else { return nil }
        let call = cols[3].drop { $0 == " " }
        let kind = call.hasPrefix("/*") ? "comment" : call.hasPrefix("}") ? "close" : call.hasSuffix("{") ? "open"
            : call.hasSuffix(";") || call.contains("(); /* =") ? "leaf" : "other"
        let duration = cols[2].trimmingCharacters(in: .whitespaces).isEmpty ? "none"
            : cols[2].firstMatch(of: /^ [ +!#*@$] +\d+\.?\d* us +$/) != nil ? "timed" : "bad"
        let indent = (cols[3].count - cols[3].drop { $0 == " " }.count - 2) % 2 == 0 ? "even" : "odd"
        let cpu = cols[1].firstMatch(of: /^   \d\) .{14} $/) != nil ? "cpu" : "bad"
        return "\(cols[0].count) \(cols[1].count) \(cols[2].count) \(cpu) \(duration) \(kind) \(indent)"
    }

    @Test
    func everyLineShapeIsOneTheRealTraceHas() throws {
        let real = Set((try #require(Self.reference, "the reference trace fixture is missing")).split(separator: "\n").compactMap(Self.shape))
        #expect(real.count >= 4)
        let ours = try Fixture.text(Fixture.warm, .ftrace).split(separator: "\n")
        var seen = 0
        for line in ours where !line.hasPrefix("#") && line.contains("|") {
            let shape = try #require(Self.shape(line), "not a function_graph line: \(line)")
            #expect(real.contains(shape), "no line like this in the 6.1 trace: \(line) [\(shape)]")
            seen += 1
        }
        #expect(seen > 500)
    }

    @Test
    func theHeaderAndTaskSwitchesReadAsInTheRealTrace() throws {
        let real = (try #require(Self.reference, "the reference trace fixture is missing")).split(separator: "\n", omittingEmptySubsequences: false)
        let ours = try Fixture.text(Fixture.cold, .ftrace).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(ours[0] == real[0])   // # tracer: function_graph
        #expect(ours.contains(real[2]) && ours.contains(real[3]))   // the column header
        let switchLine = /^ \d\) .{14} => .{14}$/
        #expect(real[6].wholeMatch(of: switchLine) != nil)
        let ourSwitch = try #require(ours.firstIndex { $0.wholeMatch(of: switchLine) != nil })
        #expect(ours[ourSwitch - 1] == real[5] && ours[ourSwitch + 1] == real[7] && ours[ourSwitch + 2] == "")
    }

    /// One span of `ns` nanoseconds on host 0, with a bookkeeping event inside.
    static func span(_ ns: UInt64, bookkeeping: Bool = false) throws -> String {
        var log = TraceLog(scenario: "t", seed: 0, hosts: [HostInfo(name: "a", devices: [])])
        log.append(Event(time: 0, kind: .enter, host: 0, context: .process, depth: 0, code: Fn.eth_header.rawValue))
        if bookkeeping { log.append(Event(time: 0, kind: .skbFreed, host: 0, context: .process, depth: 1, skb: 7)) }
        log.append(Event(time: ns, kind: .exit, host: 0, context: .process, depth: 0, code: Fn.eth_header.rawValue, arg: 14))
        return try TraceExport.renderText(log, format: .ftrace)
    }

    @Test func overheadMarksNeedMoreThanTheThreshold() throws {
        // trace_find_mark: duration > 10 us is '+', > 100 us '!', > 1 ms '#'.
        #expect(try Self.span(10_000).contains("|   10.000 us   |"))
        #expect(try Self.span(10_001).contains("| + 10.001 us   |"))
        #expect(try Self.span(100_000).contains("| + 100.000 us  |"))
        #expect(try Self.span(100_001).contains("| ! 100.001 us  |"))
        #expect(try Self.span(1_000_001).contains("| # 1000.001 us |"))
        #expect(try Self.span(12_345_678_901).contains("| $ 12345678 us |"))
    }

    @Test func aLeafStaysALeafAcrossBookkeeping() throws {
        let text = try Self.span(100, bookkeeping: true)
        #expect(text.contains("|  eth_header(); /* = 0xe */\n"))
        #expect(!text.contains("{"))
    }

    @Test func errorsPrintInDecimalAsFuncgraphRetvalDoes() throws {
        var log = TraceLog(scenario: "t", seed: 0, hosts: [HostInfo(name: "a", devices: [])])
        log.append(Event(time: 0, kind: .enter, host: 0, context: .process, depth: 0, code: Fn.ip_output.rawValue))
        log.append(Event(time: 0, kind: .enter, host: 0, context: .process, depth: 1, code: Fn.eth_header.rawValue))
        log.append(Event(time: 100, kind: .exit, host: 0, context: .process, depth: 1, code: Fn.eth_header.rawValue, arg: 14))
        log.append(Event(time: 200, kind: .exit, host: 0, context: .process, depth: 0, code: Fn.ip_output.rawValue,
                         arg: UInt32(bitPattern: -113)))
        let text = try TraceExport.renderText(log, format: .ftrace)
        #expect(text.contains("} /* ip_output = -113 */\n"))
    }
}
