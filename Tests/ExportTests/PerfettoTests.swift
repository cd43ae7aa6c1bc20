import Export
import Foundation
import Testing
import Tracing

/// Chrome Trace Event JSON: parsed, and checked the way a viewer relies on it.
@Suite struct PerfettoTests {
    static func events(_ log: TraceLog, _ options: ExportOptions = ExportOptions()) throws -> [[String: Any]] {
        let bytes = try TraceExport.render(log, format: .perfetto, options: options)
        let root = try #require(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(root["displayTimeUnit"] as? String == "ns")
        return try #require(root["traceEvents"] as? [[String: Any]])
    }

    /// Required fields, per-thread nesting of B/E with matching names, and
    /// timestamps that never go back on a thread.
    static func checkWellFormed(_ events: [[String: Any]]) throws {
        var stacks: [String: [String]] = [:], last: [String: Double] = [:]
        for e in events {
            let ph = try #require(e["ph"] as? String)
            #expect(e["pid"] is Int, "\(e)")
            if ph == "M" { #expect(e["args"] is [String: Any]); continue }
            let ts = try #require(e["ts"] as? Double ?? (e["ts"] as? Int).map(Double.init), "\(e)")
            let track = "\(e["pid"]!)/\(e["tid"] ?? "counter")"
            #expect(ts >= last[track, default: 0], "time went back on \(track): \(e)")
            last[track] = ts
            let name = e["name"] as? String ?? ""
            switch ph {
            case "B": stacks[track, default: []].append(name)
            case "E":
                let open = stacks[track]?.popLast()
                #expect(open == name, "E \(name) closes \(open ?? "nothing") on \(track)")
            case "i":
                #expect(e["s"] as? String == "t")
                #expect((e["args"] as? [String: Any])?["kind"] is String)
            case "C":
                #expect(e["args"] is [String: Any])
            default:
                Issue.record("unexpected phase \(ph)")
            }
        }
        #expect(stacks.values.allSatisfy { $0.isEmpty }, "unclosed: \(stacks)")
    }

    @Test(arguments: Fixture.names)
    func slicesNestAndTimeRunsForward(scenario: String) throws {
        let log = Fixture.log(scenario)
        let events = try Self.events(log)
        try Self.checkWellFormed(events)
        let spans = log.events.filter { $0.kind == .enter }.count
        #expect(events.filter { $0["ph"] as? String == "B" && $0["cat"] as? String == "function" }.count == spans)
    }

    @Test func tracksAreNamedPerHostAndContext() throws {
        let events = try Self.events(Fixture.cold)
        let names = events.filter { $0["ph"] as? String == "M" }.compactMap { ($0["args"] as? [String: Any])?["name"] as? String }
        #expect(names.contains("client") && names.contains("server"))
        #expect(names.contains("process") && names.contains("softirq"))
        #expect(names.contains("NUD 10.0.0.2 dev eth0"))
    }

    @Test func teachingMomentsAreInstantsWithTheTUIsWords() throws {
        let events = try Self.events(Fixture.cold)
        let instants = events.filter { $0["ph"] as? String == "i" }
        let swap = try #require(instants.first { ($0["args"] as? [String: Any])?["kind"] as? String == "output_swap" })
        #expect(swap["name"] as? String == "neighbour 10.0.0.2: n->output neigh_resolve_output → neigh_connected_output")
        #expect(swap["cat"] as? String == "teaching")
        let frame = try #require(instants.first { ($0["args"] as? [String: Any])?["kind"] as? String == "frame" })
        #expect((frame["args"] as? [String: Any])?["summary"] as? String == "ARP, Request who-has 10.0.0.2 tell 10.0.0.1")
    }

    @Test func nudStatesFormATimeline() throws {
        let events = try Self.events(Fixture.cold)
        let states = events.filter { $0["cat"] as? String == "nud" && $0["ph"] as? String == "B" && $0["pid"] as? Int == 1 }
            .compactMap { $0["name"] as? String }
        #expect(states == ["NUD_NONE", "NUD_INCOMPLETE", "NUD_REACHABLE"])
        #expect(events.contains { $0["ph"] as? String == "C" && ($0["name"] as? String)?.hasPrefix("NUD ") == true })
    }

    @Test(arguments: [EventFilter(host: 1), EventFilter(maxDepth: 3), EventFilter(functions: [.neigh_resolve_output]),
                      EventFilter(from: 100_000, to: 300_000), EventFilter(spansOnly: true)])
    func filteredTracesStayWellFormed(filter: EventFilter) throws {
        let events = try Self.events(Fixture.cold, Fixture.filter(filter))
        try Self.checkWellFormed(events)
        #expect(events.contains { $0["ph"] as? String == "B" })
    }
}
