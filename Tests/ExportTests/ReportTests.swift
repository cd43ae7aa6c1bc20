import Export
import Foundation
import Testing
import Tracing

/// `report` (uftrace report's table) and `folded` (collapsed stacks), checked
/// against facts read straight from the log's enters and exits.
@Suite struct ReportTests {
    /// One row of the report: its track ("client process"), function and figures (ns).
    struct Row: Equatable { let track: String, fn: String, total: UInt64, selfTime: UInt64, calls: Int }

    static func rows(_ text: String) -> [Row] {
        var track = "", rows: [Row] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# "), !line.hasPrefix("# kpath") { track = String(line.dropFirst(2)); continue }
            let f = line.split(separator: " ")
            guard f.count == 6, f[1] == "us", f[3] == "us", let calls = Int(f[4]) else { continue }
            rows.append(Row(track: track, fn: String(f[5]), total: ns(f[0]), selfTime: ns(f[2]), calls: calls))
        }
        return rows
    }

    /// "12.345" microseconds as nanoseconds.
    static func ns(_ us: Substring) -> UInt64 {
        let parts = us.split(separator: ".")
        return UInt64(parts[0])! * 1000 + UInt64(parts[1])!
    }

    static func trackName(_ log: TraceLog, _ e: Event) -> String { "\(log.hostName(e)) \(e.context.name)" }

    /// The outermost calls of each track, with their durations, from the raw log.
    static func roots(_ log: TraceLog) -> [(track: String, fn: String, duration: UInt64)] {
        var open: [String: (fn: Fn, start: UInt64)] = [:], roots: [(String, String, UInt64)] = []
        for e in log.events {
            let track = trackName(log, e)
            if e.kind == .enter, e.depth == 0, let fn = e.function { open[track] = (fn, e.time) }
            if e.kind == .exit, e.depth == 0, let call = open.removeValue(forKey: track) {
                roots.append((track, call.fn.name, e.time - call.start))
            }
        }
        return roots
    }

    @Test(arguments: ["cold-connect", "router-forward", "arp-queue-overflow"])
    func callsAreTheEntriesAndSelfTimesAddUpToTheRoots(scenario: String) throws {
        let log = Fixture.log(scenario)
        let rows = Self.rows(try Fixture.text(log, .report))
        #expect(!rows.isEmpty)
        for row in rows {
            let entries = log.events.filter { $0.kind == .enter && $0.function?.name == row.fn && Self.trackName(log, $0) == row.track }
            #expect(row.calls == entries.count, "\(row)")
            #expect(row.selfTime <= row.total, "\(row)")
        }
        // Every nanosecond inside an outermost call is some function's self time, once.
        let roots = Self.roots(log)
        for track in Set(roots.map(\.track)) {
            let entered = log.events.filter { $0.kind == .enter && $0.depth == 0 && Self.trackName(log, $0) == track }.count
            guard entered == roots.filter({ $0.track == track }).count else { continue }   // a call left open
            let rootTime = roots.filter { $0.track == track }.reduce(0) { $0 + $1.duration }
            let selfTime = rows.filter { $0.track == track }.reduce(0) { $0 + $1.selfTime }
            #expect(selfTime == rootTime, "\(track)")
        }
        // An outermost function that is never nested: its total is its calls' durations.
        for root in Set(roots.map { "\($0.track)|\($0.fn)" }) {
            let parts = root.split(separator: "|").map(String.init)
            let nested = log.events.contains { $0.kind == .enter && $0.depth > 0 && $0.function?.name == parts[1] && Self.trackName(log, $0) == parts[0] }
            guard !nested, let row = rows.first(where: { $0.track == parts[0] && $0.fn == parts[1] }) else { continue }
            #expect(row.total == roots.filter { $0.track == parts[0] && $0.fn == parts[1] }.reduce(0) { $0 + $1.duration })
        }
    }

    @Test(arguments: ReportSort.allCases)
    func rowsAreInTheOrderAsked(sort: ReportSort) throws {
        let text = try Fixture.text(Fixture.cold, .report, ExportOptions(sort: sort))
        #expect(text.hasPrefix("# kpath report: cold-connect (seed 1), virtual time, sorted by \(sort.rawValue)\n"))
        let rows = Self.rows(text)
        for track in Set(rows.map(\.track)) {
            let r = rows.filter { $0.track == track }
            for (a, b) in zip(r, r.dropFirst()) {
                switch sort {
                case .total: #expect(a.total > b.total || a.total == b.total && a.fn < b.fn)
                case .self: #expect(a.selfTime > b.selfTime || a.selfTime == b.selfTime && a.fn < b.fn)
                case .calls: #expect(a.calls > b.calls || a.calls == b.calls && a.fn < b.fn)
                case .function: #expect(a.fn < b.fn)
                }
            }
        }
    }

    /// Each folded line is a path of calls the log really made, and the
    /// values are the report's self times, regrouped.
    @Test(arguments: ["cold-connect", "router-forward"])
    func foldedStacksAreRealPathsAndAddUpToSelfTimes(scenario: String) throws {
        let log = Fixture.log(scenario)
        var paths = Set<String>(), stacks: [String: [String]] = [:]
        for e in log.events {
            let track = "\(log.hostName(e));\(e.context.name)"
            if e.kind == .enter, let fn = e.function {
                stacks[track, default: []].append(fn.name)
                paths.insert(([track] + stacks[track]!).joined(separator: ";"))
            } else if e.kind == .exit {
                stacks[track]?.removeLast()
            }
        }
        var selfByFunction: [String: UInt64] = [:]
        for line in try Fixture.text(log, .folded).split(separator: "\n") {
            let space = try #require(line.lastIndex(of: " "))
            let path = String(line[..<space]), value = try #require(UInt64(line[line.index(after: space)...]))
            #expect(paths.contains(path), "\(path)")
            #expect(value > 0)
            let parts = path.split(separator: ";")
            selfByFunction["\(parts[0]) \(parts[1])|\(parts.last!)", default: 0] += value
        }
        let report = Self.rows(try Fixture.text(log, .report))
        #expect(selfByFunction == Dictionary(uniqueKeysWithValues: report.filter { $0.selfTime > 0 }.map { ("\($0.track)|\($0.fn)", $0.selfTime) }))
    }

    @Test func theReportTakesTheFilters() throws {
        let softirq = Self.rows(try Fixture.text(Fixture.cold, .report, Fixture.filter(EventFilter(contexts: [.softirq]))))
        #expect(!softirq.isEmpty && softirq.allSatisfy { $0.track.hasSuffix(" softirq") })
        let neigh = Self.rows(try Fixture.text(Fixture.cold, .report,
                                               Fixture.filter(EventFilter(functions: try EventFilter.functions(matching: "neigh_resolve_*")))))
        #expect(neigh.contains { $0.fn == "neigh_resolve_output" } && !neigh.contains { $0.fn == "tcp_connect" })
        let hidden = Self.rows(try Fixture.text(Fixture.cold, .report, Fixture.filter(EventFilter(hidden: [.ip_finish_output2]))))
        #expect(!hidden.contains { $0.fn == "ip_finish_output2" } && hidden.contains { $0.fn == "neigh_resolve_output" })
    }
}
