import Testing
@testable import TUI
import Tracing

/// Each pane at known steps of a cold connect, compared as text grids.
@Suite struct PaneTests {
    let log = MiniConnect.log()
    var builder: FrameBuilder { FrameBuilder(log: log) }

    /// The detail slot follows the cursor, so at 200 columns every pane shows.
    func wide(_ cursor: Int) -> GridScreen { builder.grid(cursor: cursor, width: 200, height: 60) }

    @Test func treeIndentsByDepthAndShowsFilesAndPointerCalls() throws {
        let at = try #require(log.enter(.ip_queue_xmit))
        let g = builder.grid(cursor: at, width: 120, height: 40)
        let row = try #require(g.row(containing: "ip_queue_xmit() {"))
        #expect(g.lines[row].hasSuffix("net/ipv4/ip_output.c"))
        #expect(g.lines[row].hasPrefix("▶"))
        #expect(g.style(of: "ip_queue_xmit() {", row: row)?.reverse == true)
        let caller = try #require(g.row(containing: "tcp_transmit_skb() {"))
        let indent = { (s: String, n: String) in s.distance(from: s.startIndex, to: s.range(of: n)!.lowerBound) }
        #expect(indent(g.lines[row], "ip_queue_xmit") == indent(g.lines[caller], "tcp_transmit_skb") + 2)
        #expect(g.text.contains("icsk->icsk_af_ops->queue_xmit → ip_queue_xmit"))
        #expect(g.lines[1 + 1].contains("client process __inet_stream_connect() {"))   // the task's first row says where it runs
    }

    @Test func treeShowsReturnValuesAndNetfilterVerdictsInline() throws {
        let at = try #require(log.exit(.nf_hook))
        let g = builder.grid(cursor: at, width: 120, height: 40)
        #expect(g.text.contains("nf_hook() {  ⚑ NF_INET_LOCAL_OUT: mangle ACCEPT, filter ACCEPT → 1"))
        #expect(g.text.contains("} = 1  nf_hook"))
    }

    @Test func explainSaysWhyTheSlowPathIsTaken() throws {
        let at = try #require(log.enter(.neigh_resolve_output))
        let g = wide(at)
        #expect(g.text.contains("neigh_resolve_output"))
        #expect(g.text.contains("net/core/neighbour.c · exported"))
        #expect(g.text.contains("why: nud_state = NONE, not CONNECTED → n->output(): neigh_resolve_output"))
        #expect(g.text.contains("(in dst_neigh_output)"))
    }

    @Test func neighbourPaneShowsTheSwapAtNeighConnect() throws {
        let at = try #require(log.exit(.neigh_connect))
        let g = wide(at)
        #expect(g.text.contains("★ nud_state INCOMPLETE → REACHABLE"))
        #expect(g.text.contains("★ n->output neigh_resolve_output → neigh_connected_output"))
        let row = try #require(g.row(containing: "10.0.0.2        eth0"))
        #expect(g.lines[row].contains("REACHABLE  neigh_connected_output"))
        #expect(g.style(of: "REACHABLE", row: row)?.color == .green)
        // Before the reply: INCOMPLETE, one skb parked, one probe, still the slow output.
        let before = wide(try #require(log.exit(.__neigh_event_send)))
        let r2 = try #require(before.row(containing: "10.0.0.2        eth0"))
        #expect(before.lines[r2].contains("INCOMPLETE neigh_resolve_output    -  1     1"))
        #expect(before.style(of: "INCOMPLETE", row: r2)?.color == .yellow)
    }

    @Test func netfilterPaneListsEntriesInPriorityOrderAndTheResult() throws {
        let at = try #require(log.first { $0.kind == .hookResult })
        let g = wide(at)
        let mangle = try #require(g.row(containing: "iptable_mangle (mangle)"))
        let filter = try #require(g.row(containing: "iptable_filter (filter)"))
        #expect(mangle < filter)
        #expect(g.lines[mangle].contains("-150") && g.lines[mangle].contains("NF_ACCEPT"))
        #expect(g.text.contains("result: 1: the okfn runs"))
        #expect(g.text.contains("Netfilter · NF_INET_LOCAL_OUT"))
        // Half-way through the hook there is no result yet.
        let mid = wide(try #require(log.first { $0.kind == .hookVerdict }))
        #expect(mid.text.contains("result: not reported yet"))
        #expect(!mid.text.contains("0  iptable_filter (filter)"))
    }

    @Test func packetPaneDecodesTheARPRequestByLayer() throws {
        let at = try #require(log.first { $0.kind == .frame })
        let g = wide(at)
        #expect(g.text.contains("Packet · skb#3 · 42 bytes"))
        #expect(g.text.contains("02:00:00:00:00:01 → ff:ff:ff:ff:ff:ff (broadcast)"))
        #expect(g.text.contains("request: who has 10.0.0.2? tell 10.0.0.1"))
        #expect(g.text.contains("0000  ff ff ff ff ff ff 02 00 00 00 00 01 08 06 00 01"))
    }

    @Test func packetPaneDecodesTCPFlagsAndOptions() throws {
        let at = try #require(log.events.lastIndex { $0.kind == .frame })
        let g = wide(at)
        #expect(g.text.contains("port 40000 → 80  [SYN]"))
        #expect(g.text.contains("options: MSS 1460, SACK_PERM, NOP, WS 7, NOP, NOP"))
        #expect(g.text.contains("10.0.0.1 → 10.0.0.2  proto TCP"))
    }

    @Test func wireLadderShowsTheExchangeInOrder() throws {
        let g = wide(log.count - 1)
        // The ladder's rows, not the tree's: the label sits on an arrow.
        let req = try #require(g.row(containing: "ARP who-has 10.0.0.2 tell 10.0.0.1 ─"))
        let rep = try #require(g.row(containing: "ARP 10.0.0.2 is-at 02:00:00:00:00:02 ─"))
        let syn = try #require(g.row(containing: "SYN seq 1000 ─"))
        #expect(req < rep && rep < syn)
        #expect(g.lines[req].contains("▶") && g.lines[rep].contains("◀"))
        #expect(g.text.contains("3 frames"))
    }

    @Test func steppingBackThenForwardGivesIdenticalGrids() {
        let s = Session(source: FixedTrace(log), scenarioName: "mini")
        var frames: [String] = []
        for k in 0..<log.count {
            let g = GridScreen(width: 100, height: 30)
            FrameRenderer().draw(s, on: g)
            frames.append(g.text)
            if k < log.count - 1 { s.handle(.char("s")) }
        }
        for k in stride(from: log.count - 1, through: 0, by: -1) {
            let g = GridScreen(width: 100, height: 30)
            FrameRenderer().draw(s, on: g)
            #expect(g.text == frames[k], "step \(k)")
            s.handle(.char("S"))
        }
    }

    @Test func emptyLogDoesNotCrash() {
        let empty = TraceLog(scenario: "empty", seed: 0)
        for (w, h) in [(80, 24), (200, 60)] {
            let lines = renderFrame(log: empty, cursor: 0, width: w, height: h)
            #expect(lines.joined().contains("no events yet"))
        }
        let s = Session(source: FixedTrace(empty), scenarioName: "empty")
        for action in [Action.stepInto, .stepBack, .stepOver, .finish, .finishBack, .continueForward, .continueBack,
                       .rowDown, .rowUp, .pageDown, .last, .toggleFold, .toggleBreakpoint, .whatIf] {
            s.perform(action)
        }
        #expect(s.cursor == -1)
    }

    @Test func asciiLocaleFramesHaveNoUnicode() throws {
        let s = Session(source: FixedTrace(log), scenarioName: "mini")
        s.perform(.last)
        let g = GridScreen(width: 200, height: 60, ascii: true)
        FrameRenderer().draw(s, on: g)
        #expect(g.text.utf8.allSatisfy { $0 < 0x80 })
        #expect(g.text.contains("nud_state NUD_INCOMPLETE -> NUD_REACHABLE"))
    }
}
