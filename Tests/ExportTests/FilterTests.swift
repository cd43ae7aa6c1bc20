import Export
import Foundation
import Testing
import Tracing

/// One filter, every format: the rules, and that formats agree on them.
@Suite struct FilterTests {
    static func kept(_ filter: EventFilter, _ log: TraceLog = Fixture.cold) -> [(index: Int, event: Event)] {
        Array(FilteredEvents(log, filter: filter))
    }

    @Test func hostKeepsOnlyThatHost() {
        let kept = Self.kept(EventFilter(host: 1))
        #expect(!kept.isEmpty && kept.allSatisfy { $0.event.host == 1 })
        #expect(kept.count == Fixture.cold.events.filter { $0.host == 1 }.count)
    }

    @Test func depthKeepsShallowSpansAndTheirMoments() {
        let kept = Self.kept(EventFilter(maxDepth: 2))
        #expect(kept.allSatisfy { $0.event.kind == .enter || $0.event.kind == .exit ? $0.event.depth < 2 : $0.event.depth <= 2 })
        #expect(kept.contains { $0.event.kind == .enter && $0.event.depth == 1 })
        #expect(Self.kept(EventFilter(maxDepth: 0)).allSatisfy { $0.event.depth == 0 && $0.event.kind != .enter })
    }

    @Test func functionKeepsItsSubtreesOnly() throws {
        let kept = Self.kept(EventFilter(functions: [.neigh_resolve_output]))
        let first = try #require(kept.first)
        #expect(first.event.kind == .enter && first.event.code == Fn.neigh_resolve_output.rawValue)
        #expect(kept.last?.event.kind == .exit && kept.last?.event.code == Fn.neigh_resolve_output.rawValue)
        let depth0 = Int(first.event.depth)
        #expect(kept.allSatisfy { Int($0.event.depth) >= depth0 })
        // ftrace: the same subtree, balanced.
        let text = try Fixture.text(Fixture.cold, .ftrace, Fixture.filter(EventFilter(functions: [.neigh_resolve_output])))
        let calls = text.split(separator: "\n").filter { !$0.hasPrefix("#") && $0.contains("|  ") }
        #expect(calls.first?.hasSuffix("neigh_resolve_output() {") == true)
        #expect(calls.filter { $0.hasSuffix("{") }.count == calls.filter { $0.contains("| ") && $0.split(separator: "|").last!.trimmingCharacters(in: .whitespaces).hasPrefix("}") }.count)
    }

    /// uftrace -H: the hidden function's enter and exit go, what it called
    /// stays, one level shallower.
    @Test func hideDropsTheRootButKeepsItsChildrenOneLevelUp() {
        let all = Self.kept(EventFilter()).map(\.event)
        let kept = Self.kept(EventFilter(hidden: [.ip_finish_output2])).map(\.event)
        #expect(!kept.contains { ($0.kind == .enter || $0.kind == .exit) && $0.function == .ip_finish_output2 })
        let neigh = all.first { $0.kind == .enter && $0.function == .neigh_resolve_output }!
        let lifted = kept.first { $0.kind == .enter && $0.function == .neigh_resolve_output }!
        #expect(lifted.depth == neigh.depth - 1)
        #expect(kept.count == all.count - all.filter { $0.function == .ip_finish_output2 && ($0.kind == .enter || $0.kind == .exit) }.count)
    }

    @Test func contextsSelectByKind() {
        let kept = Self.kept(EventFilter(contexts: [.timer, .softirq])).map(\.event)
        #expect(!kept.isEmpty && kept.allSatisfy { $0.context.kind == .timer || $0.context.kind == .softirq })
        #expect(kept.count == Fixture.cold.events.filter { $0.context.kind != .process }.count)
    }

    @Test func functionsTakeGlobs() throws {
        #expect(try EventFilter.functions(matching: "neigh_resolve_output") == [.neigh_resolve_output])
        let neigh = try EventFilter.functions(matching: "neigh_*")
        #expect(neigh.contains(.neigh_resolve_output) && neigh.contains(.neigh_update) && neigh.allSatisfy { $0.name.hasPrefix("neigh_") })
        #expect(try EventFilter.functions(matching: "ip_rc?") == [.ip_rcv])
        #expect(try EventFilter.functions(matching: "arp_[p-r]*").allSatisfy { $0.name.hasPrefix("arp_p") || $0.name.hasPrefix("arp_r") })
        #expect(try !EventFilter.functions(matching: "arp_[!p]*").contains(.arp_process))
        #expect(throws: ExportError.self) { try EventFilter.functions(matching: "nosuch_*") }
        // Two functions: both subtrees, each at depth 0.
        let kept = Self.kept(EventFilter(functions: [.arp_solicit, .arp_process])).map(\.event)
        #expect(kept.filter { $0.kind == .enter && $0.depth == 0 }.compactMap(\.function).allSatisfy { $0 == .arp_solicit || $0 == .arp_process })
        #expect(Set(kept.filter { $0.kind == .enter && $0.depth == 0 }.compactMap(\.function)) == [.arp_solicit, .arp_process])
    }

    @Test func aTimeWindowKeepsItsEventsAndClosesItsSpans() {
        let from: UInt64 = 100_000, to: UInt64 = 200_000
        let kept = Self.kept(EventFilter(from: from, to: to))
        #expect(kept.allSatisfy { $0.event.kind == .exit || ($0.event.time >= from && $0.event.time <= to) })
        #expect(kept.allSatisfy { $0.event.time >= from })
        var open: [Int: Int] = [:]
        for (_, e) in kept {
            let k = Int(e.host) << 8 | Int(e.context.rawValue)
            if e.kind == .enter { open[k, default: 0] += 1 }
            if e.kind == .exit { open[k, default: 0] -= 1; #expect(open[k]! >= 0) }
        }
        #expect(open.values.allSatisfy { $0 == 0 })
    }

    @Test func spansOnlyKeepsEntriesAndExits() {
        let kept = Self.kept(EventFilter(spansOnly: true))
        #expect(kept.count == Fixture.cold.events.filter { $0.kind == .enter || $0.kind == .exit }.count)
    }

    /// The JSON Lines of a filtered export list exactly the filter's events,
    /// so every format that reads FilteredEvents sees the same selection.
    @Test(arguments: [EventFilter(host: 0, maxDepth: 4), EventFilter(functions: [.arp_process], spansOnly: true),
                      EventFilter(from: 200_000)])
    func formatsAgreeOnTheSelection(filter: EventFilter) throws {
        let lines = try Fixture.text(Fixture.cold, .jsonl, Fixture.filter(filter)).split(separator: "\n")
        let indices = lines.compactMap { $0.firstMatch(of: /^\{"i":(\d+),/).map { Int($0.1)! } }
        #expect(indices == Self.kept(filter).map(\.index))
        let perfetto = try TraceExport.render(Fixture.cold, format: .perfetto, options: Fixture.filter(filter))
        let root = try #require(JSONSerialization.jsonObject(with: Data(perfetto)) as? [String: Any])
        let events = try #require(root["traceEvents"] as? [[String: Any]])
        let begins = events.filter { $0["ph"] as? String == "B" && $0["cat"] as? String == "function" }
        #expect(begins.count == Self.kept(filter).filter { $0.event.kind == .enter }.count)
    }

    @Test func optionsThatDoNotFitTheLogAreRejected() throws {
        #expect(throws: ExportError.self) {
            try TraceExport.render(Fixture.cold, format: .chain, options: Fixture.filter(EventFilter(host: 9)))
        }
        #expect(throws: ExportError.self) {
            try TraceExport.render(Fixture.cold, format: .chain, options: Fixture.filter(EventFilter(maxDepth: -1)))
        }
        #expect(throws: ExportError.self) {
            try TraceExport.render(Fixture.cold, format: .chain, options: Fixture.filter(EventFilter(from: 2, to: 1)))
        }
        #expect(throws: ExportError.self) { try EventFilter.host(named: "router", in: Fixture.cold) }
        #expect(try EventFilter.host(named: "server", in: Fixture.cold) == 1)
    }

    @Test func virtualTimesParseWithUnits() {
        #expect(VirtualTime.parse("1.5ms") == 1_500_000)
        #expect(VirtualTime.parse("150us") == 150_000)
        #expect(VirtualTime.parse("150µs") == 150_000)
        #expect(VirtualTime.parse("20ns") == 20)
        #expect(VirtualTime.parse("2s") == 2_000_000_000)
        #expect(VirtualTime.parse("0.000206") == 206_000)
        #expect(VirtualTime.parse("-1") == nil)
        #expect(VirtualTime.parse("soon") == nil)
        #expect(VirtualTime.parse("1.2.3ms") == nil)
        #expect(VirtualTime.parse("") == nil)
        #expect(VirtualTime.format(206_000) == "0.000206000")
    }
}
