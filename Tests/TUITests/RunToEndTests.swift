import Scenarios
import Testing
@testable import TUI

/// `G` in the interactive loops: sliced, with progress, and stoppable.
@Suite struct RunToEndTests {
    /// Eight clients connecting 64 times each: thousands of tasks, more
    /// than one slice runs.
    static let lesson: Scenario = {
        var yaml = "name: many\nsummary: many connects\nhosts:\n"
        for h in 1...8 {
            yaml += "  - {name: c\(h), devices: [{name: eth0, mac: \"02:00:00:00:00:0\(h)\", addresses: [10.0.0.\(h)/24]}]}\n"
        }
        yaml += "  - {name: server, devices: [{name: eth0, mac: \"02:00:00:00:00:ff\", addresses: [10.0.0.254/24]}], listen: [80]}\n"
        yaml += "timeline:\n"
        for i in 0..<64 { for h in 1...8 { yaml += "  - {at: \(i)ms, connect: {from: c\(h), to: 10.0.0.254:80}}\n" } }
        return Scenario(spec: try! ScenarioFile.parse(yaml, file: "many.yaml"))
    }()

    private func session() -> Session {
        let s = Session.live(Self.lesson)
        s.slicesLongRuns = true
        return s
    }

    @Test func gShowsProgressAndFinishesAtTheEnd() {
        let whole = Self.lesson.log().count
        let s = session()
        s.perform(.last)
        #expect(s.isRunningToEnd)
        #expect(s.message?.hasPrefix("G: running to the end…") == true)
        s.continueRunToEnd(for: .zero)
        #expect(s.isRunningToEnd, "one slice is not the whole lesson")
        #expect(s.log.count < whole)
        while s.isRunningToEnd { s.continueRunToEnd(for: .zero) }
        #expect(s.cursor == whole - 1)
        #expect(s.message == nil)
    }

    @Test func anyKeyStopsWhereTheRunGotAndQQuits() {
        let s = session()
        s.perform(.last)
        s.continueRunToEnd(for: .zero)
        let reached = s.log.count
        s.handle(.char("x"))
        #expect(!s.isRunningToEnd)
        #expect(s.cursor == reached - 1)
        #expect(s.message?.hasPrefix("stopped the run at event") == true)
        s.perform(.last)
        s.handle(.char("q"))
        #expect(s.wantsQuit)
    }

    @Test func theLoopDrivesTheRunAndReadsKeysMeanwhile() {
        let s = session()
        let screen = GridScreen(width: 120, height: 40, keys: [.char("G")])
        var polls = 0
        TUIApp.run(s, on: screen) {
            polls += 1
            // Once the run is over, quit as a user would.
            if !s.isRunningToEnd, s.source.isFinished, screen.pendingKeys.isEmpty { screen.pendingKeys = [.char("q")] }
            return false
        }
        #expect(s.wantsQuit)
        #expect(s.cursor == s.log.count - 1)
        #expect(polls > 2)
    }
}
