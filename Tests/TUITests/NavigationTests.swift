import Testing
@testable import TUI
import Tracing

/// A source that hands out a finished log one task at a time, as a live run does.
final class DripSource: TraceSource {
    let full: TraceLog
    var shown: Int
    let chunk: Int
    private(set) var steps = 0
    init(_ full: TraceLog, chunk: Int = 5) { self.full = full; self.chunk = chunk; shown = 0 }
    var log: TraceLog { full.prefix(shown) }
    var isFinished: Bool { shown >= full.count }
    func step() -> Bool {
        guard !isFinished else { return false }
        shown = min(full.count, shown + chunk)
        steps += 1
        return true
    }
}

@Suite struct NavigationTests {
    let log = MiniConnect.log()
    func session() -> Session { Session(source: FixedTrace(log), scenarioName: "mini") }
    func at(_ s: Session, _ i: Int?) -> Session { s.cursor = i!; return s }

    @Test func stepOverSkipsTheCallAndBackLandsOnItsEnter() throws {
        let s = at(session(), log.enter(.ip_local_out))
        let exit = try #require(log.exit(.ip_local_out))
        s.perform(.stepOver)
        #expect(s.cursor == exit + 1)
        s.perform(.stepOverBack)
        #expect(s.cursor == log.enter(.ip_local_out))
    }

    @Test func finishGoesToTheExitAndBackToTheEntry() throws {
        let s = at(session(), log.enter(.nf_hook).map { $0 + 1 })       // on the first verdict
        s.perform(.finish)
        #expect(s.cursor == log.exit(.nf_hook))
        s.perform(.finish)                                             // on an exit: the caller's exit
        #expect(s.cursor == log.exit(.__ip_local_out))
        s.perform(.finishBack)
        #expect(s.cursor == log.enter(.__ip_local_out))
        s.perform(.finishBack)                                         // on an entry: the caller's entry
        #expect(s.cursor == log.enter(.ip_local_out))
    }

    @Test func continueStopsAtTeachingMomentsOrOnlyAtBreakpoints() throws {
        let s = session()
        s.perform(.continueForward)
        #expect(log[s.cursor].kind == .sockState)
        s.perform(.toggleTeachingStops)
        s.perform(.typeBreakpoint)
        for ch in "neigh_update" { s.handle(.char(ch)) }
        s.handle(.enter)
        #expect(s.breakpoints == [.neigh_update])
        s.perform(.continueForward)
        #expect(s.cursor == log.enter(.neigh_update))
        s.perform(.continueForward)
        #expect(s.cursor == log.count - 1)
        #expect(s.message?.contains("finished") == true)
        s.perform(.continueBack)
        #expect(s.cursor == log.enter(.neigh_update))
    }

    @Test func breakpointToggleUsesTheFunctionUnderTheCursorAndShowsInTheTree() throws {
        let s = at(session(), log.enter(.neigh_update).map { $0 + 1 })
        s.perform(.toggleBreakpoint)
        #expect(s.breakpoints == [.neigh_update])
        let g = GridScreen(width: 100, height: 30)
        FrameRenderer().draw(s, on: g)
        let row = try #require(g.row(containing: "neigh_update() {"))
        #expect(g.lines[row].hasPrefix(" ●"))
        #expect(g.lines[0].contains("break: neigh_update"))
        s.perform(.toggleBreakpoint)
        #expect(s.breakpoints.isEmpty)
    }

    @Test func typedBreakpointSuggestsWhenAmbiguous() {
        let s = session()
        s.perform(.typeBreakpoint)
        for ch in "neigh_conn" { s.handle(.char(ch)) }
        s.handle(.enter)
        #expect(s.breakpoints.isEmpty)
        #expect(s.message?.contains("neigh_connected_output") == true)
    }

    @Test func searchThenNMovesBetweenMatchesUntilEscape() throws {
        let s = session()
        s.perform(.search)
        for ch in "output" { s.handle(.char(ch)) }
        s.handle(.enter)
        let first = s.cursor
        #expect(log[first].function?.name.contains("output") == true)
        s.handle(.char("n"))
        #expect(s.cursor > first && log[s.cursor].function?.name.contains("output") == true)
        s.handle(.char("N"))
        #expect(s.cursor == first)
        s.handle(.escape)
        #expect(s.search == nil)
        let before = s.cursor
        s.handle(.char("n"))                                         // step over again
        #expect(s.cursor > before && s.search == nil)
    }

    @Test func foldingHidesTheSubtreeAndShowsTheReturnValue() throws {
        let s = at(session(), log.enter(.ip_local_out))
        s.handle(.enter)
        s.cursor = log.count - 1
        let g = GridScreen(width: 100, height: 60)
        FrameRenderer().draw(s, on: g)
        #expect(g.text.contains("ip_local_out() { … } = 0"))
        #expect(!g.text.contains("__ip_local_out() {"))
        // Down from the folded call skips its subtree.
        s.cursor = log.enter(.ip_local_out)!
        s.perform(.rowDown)
        #expect(s.cursor == log.exit(.ip_local_out)! + 1)
        s.perform(.rowUp)
        #expect(s.cursor == log.enter(.ip_local_out))
        // Stepping into the folded call opens it.
        s.perform(.stepInto)
        #expect(s.folds.isEmpty)
    }

    @Test func everythingFoldedStillDraws() {
        let s = session()
        for i in 0..<log.count where log[i].kind == .enter { s.folds.insert(i) }
        for (w, h) in [(80, 24), (200, 60)] {
            let g = GridScreen(width: w, height: h)
            FrameRenderer().draw(s, on: g)
            #expect(g.text.contains("__inet_stream_connect() { … }"))
        }
        s.perform(.pageDown)
        #expect(s.cursor == log.events.lastIndex { $0.kind == .enter && $0.function == .netif_receive_skb })
        s.perform(.pageUp)
        #expect(s.cursor == 0)
        s.perform(.last)                                   // unfolds only what hides the last event
        let g = GridScreen(width: 100, height: 30)
        FrameRenderer().draw(s, on: g)
        #expect(g.text.contains("__inet_stream_connect() { … } = 0"))
        #expect(g.text.contains("server softirq netif_receive_skb() { … } = 0"))
    }

    @Test func liveSourceIsSteppedOnlyWhenTheCursorReachesTheEnd() {
        let drip = DripSource(log)
        let s = Session(source: drip, scenarioName: "mini")
        #expect(drip.steps == 1 && s.cursor == 0)
        for _ in 0..<4 { s.perform(.stepInto) }
        #expect(drip.steps == 1)
        s.perform(.stepInto)
        #expect(drip.steps == 2 && s.cursor == 5)
        s.perform(.stepBack)
        #expect(drip.steps == 2)
        s.perform(.last)
        #expect(drip.isFinished && s.cursor == log.count - 1)
        let g = GridScreen(width: 100, height: 30)
        FrameRenderer().draw(s, on: g)
        #expect(g.lines[0].contains("finished"))
    }
}
