import Foundation
import Scenarios
import Testing
@testable import TUI
import Tracing

/// Panes that tell the truth at every step: the neighbour table as the
/// kernel holds it, the bytes of a received skb, no half-built packet shown
/// as a packet, titles cut between words, a wire pane for many hosts, and a
/// why: line only on the call it explains.
@Suite struct TruthfulPaneTests {
    func grid(_ b: FrameBuilder, _ cursor: Int, _ width: Int = 200, _ height: Int = 60) -> GridScreen {
        b.grid(cursor: cursor, width: width, height: height)
    }

    @Test(arguments: Scenario.builtIn.map(\.name))
    func neighbourEntriesAreCreatedMinusFreedAtEveryStep(lesson: String) throws {
        let log = try #require(Scenario.named(lesson)).log()
        let b = FrameBuilder(log: log)
        var live = 0, wrong: [Int] = [], freed = 0
        for i in 0..<log.count {
            let kind = log[i].kind
            if kind == .neighCreated { live += 1 }
            if kind == .neighFreed { live -= 1; freed += 1 }
            if b.session.index.neighbourTable(at: i, in: log).entries.count != live { wrong.append(i) }
            // Where the count changes, the pane's title says it.
            if kind == .neighCreated || kind == .neighFreed {
                let g = grid(b, i)
                let title = try #require(g.row(containing: "─ Neighbours "))
                #expect(g.lines[title].contains(" \(live) entr\(live == 1 ? "y" : "ies") "), "\(lesson) step \(i + 1)")
            }
        }
        #expect(wrong.isEmpty, "\(lesson): the table's size is wrong at steps \(wrong.prefix(5).map { $0 + 1 })")
        if lesson == "neigh-table-overflow" { #expect(freed > 0, "the forced GC frees entries in this lesson") }
    }

    @Test func thePacketPaneShowsTheBytesAReceivedSkbArrivedWith() throws {
        let log = Scenario.defaultScenario.log()
        let b = FrameBuilder(log: log)
        // The client's arp_process: the reply from the server, as received.
        let at = try #require(log.events.indices.first { log[$0].kind == .enter && log[$0].function == .arp_process && log[$0].host == 0 })
        let g = grid(b, at)
        #expect(!g.text.contains("has no bytes yet"))
        #expect(g.text.contains("reply: 10.0.0.2 is at 02:00:00:00:00:02"), "\(g.text)")
        #expect(g.text.contains(" · 42 bytes"))
    }

    @Test func aHalfBuiltARPIsNotShownAsThePacket() throws {
        let log = Scenario.defaultScenario.log()
        let b = FrameBuilder(log: log)
        let at = try #require(log.events.indices.first { log[$0].kind == .exit && log[$0].function == .eth_header })
        for (w, h) in [(80, 24), (200, 60)] {
            let g = grid(b, at, w, h)
            #expect(!g.text.contains("is-at 00:00:00:00:00:00"), "\(w)x\(h)")
            #expect(!g.text.contains("ARP 0.0.0.0"), "\(w)x\(h)")
        }
        #expect(grid(b, at).text.contains("ARP body not written yet (opcode 0)"))
    }

    @Test(arguments: [(80, 24), (100, 30), (120, 40)])
    func paneTitlesAreNeverCutInsideAWord(width: Int, height: Int) throws {
        for lesson in Scenario.builtIn where lesson.name != "neigh-table-overflow" {
            let log = lesson.log()
            let b = FrameBuilder(log: log)
            for i in 0..<log.count where log[i].isTeachingMoment {
                let g = grid(b, i, width, height)
                // Below 130 columns every pane starts at column 0: its title row starts with a rule.
                for line in g.lines where line.hasPrefix("─ ") {
                    #expect(line.range(of: "[^ ]…", options: .regularExpression) == nil, "\(lesson.name) step \(i + 1): \(line)")
                }
            }
        }
    }

    /// A LAN of `peers` servers and a client that connects to the last one.
    static func manyHosts(_ peers: Int) throws -> Scenario {
        var yaml = "name: many-hosts\nsummary: \"a crowded LAN\"\nseed: 1\nlinks:\n  - name: lan\n    delay: 100us\nhosts:\n"
        for h in 0...peers {
            let name = h == 0 ? "client" : "peer\(h)"
            yaml += "  - name: \(name)\n    devices:\n      - name: eth0\n"
            yaml += "        mac: 02:00:00:00:01:\(String(format: "%02x", h + 1))\n"
            yaml += "        addresses: [10.0.0.\(h + 1)/24]\n"
            if h > 0 { yaml += "    listen: [80]\n" }
        }
        yaml += "timeline:\n  - at: 0s\n    connect: {from: client, to: 10.0.0.\(peers + 1):80}\n"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kpath-many-\(UUID()).yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try Scenario.load(path: path)
    }

    @Test(arguments: [(100, 30), (200, 50)])
    func theWirePaneOfSixtyOneHostsStaysReadable(width: Int, height: Int) throws {
        let log = try Self.manyHosts(60).log()
        #expect(log.hosts.count == 61)
        let b = FrameBuilder(log: log)
        for _ in 0..<4 { b.session.handle(.tab) }     // the detail slot shows the wire
        let g = grid(b, log.count - 1, width, height)
        let title = try #require(g.row(containing: "─ Wire "))
        // The row under the title names hosts (or the list's columns), each whole and apart.
        let left = g.lines[title].distance(from: g.lines[title].startIndex, to: g.lines[title].range(of: "─ Wire ")!.lowerBound)
        let header = String(g.lines[title + 1].dropFirst(left))
        let words = header.split(separator: " ").map(String.init).filter { !["time", "from", "→", "to"].contains($0) }
        #expect(!words.isEmpty)
        for word in words { #expect(log.hosts.contains { $0.name == word }, "'\(word)' in '\(header)'") }
        #expect(g.text.contains("ARP who-has 10.0.0.61"))
        #expect(g.text.contains("SYN"))
    }

    @Test func aFinishedRunWithNoFramesSaysSo() throws {
        let log = try #require(Scenario.named("netfilter-drop")).log()
        let b = FrameBuilder(log: log)
        for _ in 0..<4 { b.session.handle(.tab) }
        let g = grid(b, log.count - 1, 100, 30)
        #expect(g.text.contains("no frames: nothing crossed the wire in this run"), "\(g.text)")
        // A live run that has not sent one yet says "yet".
        let s = Session.live(Scenario.defaultScenario)
        for _ in 0..<4 { s.handle(.tab) }
        let live = GridScreen(width: 100, height: 30)
        FrameRenderer().draw(s, on: live)
        #expect(live.text.contains("no frame on the wire yet"))
    }

    @Test func aWhyLineBelongsToItsOwnCall() throws {
        let log = Scenario.defaultScenario.log()
        let b = FrameBuilder(log: log)
        let v4 = try #require(log.events.indices.first { log[$0].kind == .enter && log[$0].function == .tcp_v4_connect })
        let decision = try #require((v4..<log.count).first { log[$0].kind == .branch })
        let reason = try #require(ExplainView.why(at: decision, b.session.index, log)).text
        let connect = try #require(log.events.indices.first { log[$0].kind == .enter && log[$0].function == .tcp_connect })
        #expect(decision < connect)
        // The explain pane: from its title to the next pane's.
        func explain(_ cursor: Int) throws -> String {
            let g = grid(b, cursor, 120, 40)
            let top = try #require(g.row(containing: "─ \(log[log.events.indices.last { $0 <= cursor && log[$0].kind == .enter }!].function!.name) "))
            return g.lines[top..<(top + 6)].joined(separator: "\n")
        }
        let pane = try explain(connect)
        #expect(pane.contains("tcp_connect"))
        #expect(!pane.contains("why: " + reason.prefix(30)), "tcp_v4_connect's reason is not tcp_connect's")
        #expect(!pane.contains("(in tcp_v4_connect)"))
        // In tcp_v4_connect itself, after the decision, it is there.
        #expect(try explain(decision + 1).contains("why: " + reason.prefix(30)))
    }
}
