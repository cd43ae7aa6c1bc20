import Scenarios
import Foundation
import Testing
@testable import TUI
import Tracing

@Suite struct WhatIfAndExportTests {
    let log = MiniConnect.log()

    /// A stand-in for the scenario re-run: with the server silent, the run
    /// stops after the ARP request and a neighbour timer fires instead.
    func rerun(_ edits: [WhatIf]) -> TraceSource {
        guard edits.contains(.peerIgnoresARP(host: "server")) else { return FixedTrace(log) }
        let cut = log.first { $0.kind == .frame }! + 1
        var silent = log.prefix(cut)
        silent.append(Event(time: 1_000_000_000, kind: .timerFired, host: 0, context: .timer, depth: 0,
                            code: Fn.neigh_timer_handler.rawValue))
        return FixedTrace(silent)
    }

    @Test func menuOffersEveryHostAndEveryHookEntryOfTheRun() throws {
        let s = Session(source: FixedTrace(log), scenarioName: "mini", rerun: rerun)
        s.cursor = try #require(log.first { $0.kind == .hookVerdict })
        s.handle(.char("w"))
        guard case .whatIfMenu(let choices, 0)? = s.overlay else { Issue.record("no menu"); return }
        // Both hosts, and both entries: the filter entry runs after the cursor but is offered.
        #expect(choices.map(\.edit) == [.peerIgnoresARP(host: "client"), .peerIgnoresARP(host: "server"),
                                        .hookDrops(host: "client", hook: .NF_INET_LOCAL_OUT, owner: .iptable_mangle),
                                        .hookDrops(host: "client", hook: .NF_INET_LOCAL_OUT, owner: .iptable_filter)])
        let g = GridScreen(width: 100, height: 30)
        FrameRenderer().draw(s, on: g)
        #expect(g.text.contains("2  [ ] server ignores ARP requests"))
        #expect(g.text.contains("3  [ ] client: iptable_mangle at NF_INET_LOCAL_OUT returns NF_DROP  (ran at step"))
        #expect(g.text.contains("4  [ ] client: iptable_filter at NF_INET_LOCAL_OUT returns NF_DROP  (comes at step"))
        #expect(g.text.contains("stops here, at step \(s.cursor + 1)"))
    }

    @Test func whatIfRerunsToTheSameStepAndShowsTheDivergence() throws {
        let s = Session(source: FixedTrace(log), scenarioName: "mini", rerun: rerun)
        let cut = try #require(log.first { $0.kind == .frame }) + 1
        s.cursor = cut + 3
        s.handle(.char("w"))
        s.handle(.char("2"))
        #expect(s.whatIfs == [.peerIgnoresARP(host: "server")])
        #expect(s.divergence == cut)
        #expect(s.cursor == cut)                       // clamped: the new run is shorter
        #expect(s.message?.contains("The runs part at step \(cut + 1)") == true)
        let g = GridScreen(width: 100, height: 30)
        FrameRenderer().draw(s, on: g)
        #expect(g.lines[0].contains("what-if: server ignores ARP requests"))
        let row = try #require(g.row(containing: "timer neigh_timer_handler(0.0.0.0) fired"))
        #expect(g.lines[row].hasPrefix("▶◆"))
        // Toggling it off restores the scenario; the logs then differ from the what-if run.
        s.handle(.char("w"))
        s.handle(.char("2"))
        #expect(s.whatIfs.isEmpty)
        #expect(s.log == log)
    }

    @Test func exportWritesTheTraceSoFarAndSaysWhere() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kpath-tui-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let exporter = Exporter(directory: dir) { log, format in "\(format): \(log.count) events\n" }
        let s = Session(source: FixedTrace(log), scenarioName: "mini", exporter: exporter)
        s.cursor = 9
        s.handle(.char("e"))
        #expect(s.prompt?.purpose == .exportFormat)
        s.handle(.char("f"))
        let path = dir + "/kpath-mini-step10.ftrace.txt"
        #expect(try String(contentsOfFile: path, encoding: .utf8) == """
            ftrace: 10 events
            # kpath export: lesson mini, events 1–10 of the run, ftrace
            # what-if: none (the lesson as written)

            """)
        #expect(s.message == "wrote events 1–10 as ftrace to \(path)")
        // The same step again: a new file beside it, the first one untouched.
        s.handle(.char("e"))
        s.handle(.char("f"))
        #expect(s.message == "wrote events 1–10 as ftrace to \(dir)/kpath-mini-step10-2.ftrace.txt")
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("ftrace: 10 events\n"))
    }
}
