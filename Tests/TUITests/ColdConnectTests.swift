import Scenarios
import Testing
@testable import TUI
import Tracing

/// The panes at known steps of the real cold-connect scenario.
@Suite struct ColdConnectTests {
    let log = Scenario.defaultScenario.log()
    var builder: FrameBuilder { FrameBuilder(log: log) }

    func first(_ kind: Event.Kind, _ fn: Fn) -> Int? { log.first { $0.kind == kind && $0.function == fn } }

    @Test func atNeighConnectTheNeighbourPaneShowsBeforeAndAfter() throws {
        let at = try #require(first(.exit, .neigh_connect))
        let g = builder.grid(cursor: at, width: 80, height: 24)
        #expect(g.text.contains("★ nud_state INCOMPLETE → REACHABLE"), "\(g.text)")
        #expect(g.text.contains("★ n->output neigh_resolve_output → neigh_connected_output"))
        #expect(g.text.contains("REACHABLE  neigh_connected_output"))
    }

    @Test func theSlowPathIsExplained() throws {
        let at = try #require(first(.enter, .neigh_resolve_output))
        let g = builder.grid(cursor: at, width: 120, height: 40)
        #expect(g.text.contains("why: nud_state = NONE, not CONNECTED → n->output(): neigh_resolve_output"), "\(g.text)")
    }

    @Test func theFirstHookLetsTheSYNThrough() throws {
        let at = try #require(log.first { $0.kind == .hookResult })
        let g = builder.grid(cursor: at, width: 200, height: 60)
        #expect(g.text.contains("Netfilter · NF_INET_LOCAL_OUT"))
        #expect(g.text.contains("result: 1: the okfn runs"))
    }

    @Test func theWireShowsTheWholeHandshake() throws {
        let g = builder.grid(cursor: log.count - 1, width: 200, height: 60)
        let lines = ["ARP who-has 10.0.0.2", "ARP 10.0.0.2 is-at", "SYN seq", "SYN-ACK seq", "ACK seq"]
        let rows = try lines.map { try #require(g.row(containing: $0 + " ")) }
        #expect(rows == rows.sorted())
    }

    @Test func steppingBackThenForwardGivesIdenticalGrids() {
        let s = Session(source: Scenario.defaultScenario.makeRun(), scenarioName: "cold-connect")
        s.handle(.end)                                   // the live run goes to its end
        #expect(s.cursor == log.count - 1)
        func frame() -> String {
            let g = GridScreen(width: 80, height: 24)
            FrameRenderer().draw(s, on: g)
            return g.text
        }
        var back: [String] = [frame()]
        while s.cursor > 0 { s.handle(.char("S")); back.append(frame()) }
        #expect(back.count == log.count)
        for k in stride(from: back.count - 1, through: 0, by: -1) {
            #expect(frame() == back[k], "step \(log.count - 1 - k)")
            if k > 0 { s.handle(.char("s")) }
        }
    }

    @Test func aWhatIfOnTheLiveRunDiverges() {
        let s = Session.live(Scenario.defaultScenario)
        s.perform(.last)
        s.handle(.char("w"))
        s.handle(.char("2"))          // 1 is the client, 2 the server
        #expect(s.whatIfs == [.peerIgnoresARP(host: "server")])
        #expect(s.divergence != nil)
        #expect(s.log != log)
    }
}
