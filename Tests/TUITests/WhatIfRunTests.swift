import Scenarios
import Testing
@testable import TUI
import Tracing

/// What-if on the real cold connect, as a student meets it: the changed run
/// goes on to its own end, the two runs can be swapped and compared, a
/// second change stacks on the first, and the menu pages past nine.
@Suite struct WhatIfRunTests {
    let lesson = Scenario.defaultScenario

    func draw(_ s: Session, _ width: Int = 100, _ height: Int = 30) -> GridScreen {
        let g = GridScreen(width: width, height: height)
        FrameRenderer().draw(s, on: g)
        return g
    }

    /// The menu's number for `edit`, paging with `]` until it is on screen.
    func pick(_ edit: WhatIf, in s: Session) throws {
        s.handle(.char("w"))
        guard case .whatIfMenu(let choices, _)? = s.overlay else { Issue.record("no menu"); return }
        let k = try #require(choices.firstIndex { $0.edit == edit })
        for _ in 0..<(k / Session.whatIfPage) { s.handle(.char("]")) }
        s.handle(.char(Character(String(k % Session.whatIfPage + 1))))
    }

    @Test func theChangedRunGoesOnToItsOwnEnd() throws {
        let s = Session.live(lesson)
        s.perform(.continueForward)
        s.perform(.continueForward)
        let asked = s.cursor
        try pick(.peerIgnoresARP(host: "server"), in: s)
        #expect(s.cursor == asked, "the re-run stops at the step where it was asked")
        #expect(!s.source.isFinished)
        s.handle(.char("G"))
        let log = s.log
        // Past the lesson's own end: ARP retries, NUD_FAILED and connect's error.
        #expect(log.events.contains { if case .nudChange(_, _, .NUD_FAILED, _) = $0.payload { true } else { false } })
        let connect = try #require(log.events.lastIndex { $0.kind == .exit && $0.function == .__inet_stream_connect })
        #expect(log[connect].payload == .exit(.__inet_stream_connect, ret: -Errno.EHOSTUNREACH))
        #expect(s.cursor == log.count - 1)
        #expect(log[log.count - 1].time > lesson.log().events.last!.time + 2_000_000_000, "seconds past the lesson's end")
        let g = draw(s)
        #expect(g.lines[0].contains("step \(log.count)/\(log.count) "))
        #expect(g.lines.last!.hasPrefix("what-if run (o: original)"))
        // c from the start stops at moments of the changed run, NUD_FAILED among them.
        s.handle(.char("g"))
        var stops: [String] = []
        while s.cursor < s.log.count - 1 {
            s.handle(.char("c"))
            stops.append(EventText.describe(s.log[s.cursor], in: s.log))
        }
        #expect(stops.contains { $0.contains("NUD_INCOMPLETE → NUD_FAILED") })
    }

    @Test func oSwitchesRunsAndDJumpsToWhereTheyPart() throws {
        let s = Session.live(lesson)
        s.perform(.continueForward)
        try pick(.peerIgnoresARP(host: "server"), in: s)
        let d = try #require(s.divergence)
        s.handle(.char("o"))
        #expect(s.whatIfs.isEmpty && s.showsOriginal)
        #expect(s.message?.contains("showing the original run") == true)
        s.handle(.tab)                             // a key clears the message: the status line keeps saying it
        #expect(draw(s).lines.last!.hasPrefix("original run (o: what-if)"))
        #expect(draw(s).lines[0].contains("lesson as written"))
        s.handle(.char("d"))
        #expect(s.cursor == d)
        // Up to the divergence both runs read the same; at it they differ.
        let original = s.log[d]
        s.handle(.char("o"))
        #expect(s.cursor == d && s.whatIfs == [.peerIgnoresARP(host: "server")])
        #expect(s.log[d] != original)
        #expect(draw(s).text.contains("▶◆"))
    }

    @Test func aSecondChangeStacksOnTheFirst() throws {
        let s = Session.live(lesson)
        s.perform(.continueForward)
        try pick(.peerIgnoresARP(host: "server"), in: s)
        let second = WhatIf.peerIgnoresARP(host: "client")
        try pick(second, in: s)
        #expect(s.whatIfs == [.peerIgnoresARP(host: "server"), second])
        #expect(s.alternate?.whatIfs == [.peerIgnoresARP(host: "server")], "compared with the run before this change")
        #expect(draw(s, 200, 50).lines[0].contains("what-if: server ignores ARP requests; client ignores ARP requests"))
        s.handle(.char("G"))
        #expect(s.log.events.contains { $0.kind == .exit && $0.function == .__inet_stream_connect })
        // The server never answers: no SYN ever reaches the wire.
        let log = s.log
        #expect(!log.events.contains { if case .frame(let p, _) = $0.payload { PacketDecoder.summary(log.packets[p]).hasPrefix("SYN") } else { false } })
    }

    @Test func theMenuOffersHookEntriesStillToCome() throws {
        let s = Session.live(try #require(Scenario.named("netfilter-drop")))
        s.handle(.char("w"))
        guard case .whatIfMenu(let choices, 0)? = s.overlay else { Issue.record("no menu"); return }
        let filter = try #require(choices.first { $0.edit == .hookDrops(host: "client", hook: .NF_INET_LOCAL_OUT, owner: .iptable_filter) })
        #expect(filter.note.hasPrefix("comes at step"), "offered before the hook has run")
    }

    @Test func theMenuExplainsItselfAndPagesPastNine() throws {
        let s = Session.live(try TruthfulPaneTests.manyHosts(11))
        s.perform(.continueForward)
        s.handle(.char("w"))
        guard case .whatIfMenu(let choices, 0)? = s.overlay else { Issue.record("no menu"); return }
        #expect(choices.count == 12, "every host of the run")
        let g1 = draw(s, 120, 40)
        #expect(g1.text.contains("what if… page 1/"))
        #expect(g1.text.contains("every host") && g1.text.contains("netfilter entry"))
        #expect(g1.text.contains("] or PgDn: next page"))
        #expect(!g1.text.contains("10  "))
        s.handle(.char("]"))
        let g2 = draw(s, 120, 40)
        #expect(g2.text.contains("what if… page 2/"))
        #expect(g2.text.contains("1  [ ] " + choices[9].edit.description))
        s.handle(.char("1"))
        #expect(s.whatIfs == [choices[9].edit])
    }
}
