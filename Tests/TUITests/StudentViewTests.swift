import Classroom
import Export
import Foundation
import Scenarios
import Testing
@testable import TUI
import Tracing

/// The quiz, the demo and the call tree as a student meets them, on the grid screen.
@Suite struct StudentViewTests {
    static let sizes = [(80, 24), (120, 40), (200, 50), (300, 80)]

    func draw(_ frame: ClassroomFrame, _ session: Session, _ width: Int, _ height: Int) -> GridScreen {
        let g = GridScreen(width: width, height: height)
        FrameRenderer(classroom: frame).draw(session, on: g)
        return g
    }

    // MARK: - The quiz never shows the answer

    @Test(arguments: Scenario.builtIn.map(\.name))
    func noQuestionShowsItsAnswerAtAnySize(lesson: String) throws {
        let scenario = try #require(Scenario.named(lesson))
        let questions = QuestionBank.questions(for: scenario.log())
        let quiz = Quiz(session: .live(scenario), questions: questions)
        for (n, q) in questions.enumerated() {
            #expect(quiz.current == n && quiz.phase == .asking)
            #expect(quiz.session.cursor < q.eventIndex)
            let answer = [q.correctChoice] + q.giveaways.filter { q.correctChoice.hasSuffix($0) }
            for (w, h) in Self.sizes {
                let g = draw(quiz.frame, quiz.session, w, h)
                let band = try #require(g.row(containing: "─ What happens next? "))
                // Everything but the question's own band: panes, tree, title and status line.
                let outside = g.lines[..<band] + [g.lines[h - 1]]
                for word in answer where word.count >= 3 {
                    #expect(!outside.contains { $0.contains(word) }, "\(lesson) Q\(n + 1) at \(w)x\(h) shows '\(word)'")
                }
                if q.correctChoice.count >= 3 {
                    #expect(!outside.contains { $0.range(of: "why: .*" + q.correctChoice, options: .regularExpression) != nil })
                }
            }
            quiz.handle(.char(Character(String(q.answer + 1))))
            quiz.handle(.char(" "))
        }
        #expect(quiz.phase == .done)
    }

    @Test(arguments: Scenario.builtIn.map(\.name))
    func questionsNameTheHostExplainTheMechanismAndVary(lesson: String) throws {
        let log = try #require(Scenario.named(lesson)).log()
        let questions = QuestionBank.questions(for: log)
        for (q, next) in zip(questions, questions.dropFirst()) {
            #expect(q.kind != next.kind, "\(lesson): two \(q.kind) questions in a row")
        }
        for q in questions {
            #expect(q.prompt.hasPrefix("On \(q.host), "), "\(q.prompt)")
            #expect(log.hosts.contains { $0.name == q.host })
            if q.correctChoice.count >= 3 { #expect(!q.reason.contains(q.correctChoice), "the why repeats the answer: \(q.reason)") }
            #expect(q.reason.count > 40, "a mechanism, not a word: \(q.reason)")
            if q.kind == .nextFunction, let caller = q.prompt.split(separator: " ").first(where: { $0.hasSuffix("(),") }) {
                #expect(!q.choices.contains(String(caller.dropLast(3))), "\(q.prompt) offers its own caller")
            }
            #expect(Set(q.choices).count == q.choices.count)
        }
    }

    @Test func theQuizKeysAreItsOwnAndDownDoesNotStepAhead() throws {
        let quiz = Quiz(session: .live(Scenario.defaultScenario), questions: QuestionBank.questions(for: Scenario.defaultScenario.log()))
        let stop = quiz.session.cursor
        for key in [Key.down, .pageDown, .char("s"), .char("G"), .char("c")] { quiz.handle(key) }
        #expect(quiz.session.cursor == stop)
        quiz.handle(.char("?"))
        let g = draw(quiz.frame, quiz.session, 100, 30)
        #expect(g.text.contains("answer the open question with the choice's number"))
        #expect(g.text.contains("1-9"))
        #expect(!g.text.contains("step over"))
    }

    // MARK: - The demo is its own mode

    func demo(_ scenario: Scenario = Scenario.defaultScenario) -> Demo {
        Demo(session: .live(scenario), narration: scenario.spec.narration, speed: 1)
    }

    @Test func helpInTheDemoListsTheDemosKeys() {
        let d = demo()
        d.handle(.char("?"), now: 0)
        let g = draw(d.frame, d.session, 100, 30)
        #expect(g.text.contains("Space"))
        #expect(g.text.contains("play or pause"))
        #expect(!g.text.contains("step over"), "the stepper's keys are not the demo's")
        #expect(!g.text.contains("what-if"))
        d.handle(.char("x"), now: 0)               // closes the help; the demo still plays
        #expect(d.session.overlay == nil && d.playing)
        d.handle(.char(" "), now: 0)
        #expect(!d.playing)
        #expect(KeyTable.hints(KeyTable.demo).first == "Space play/pause")
    }

    @Test func atOneHundredByThirtyTheNeighbourPaneTellsTheOutputsApart() throws {
        let d = demo()
        let log = Scenario.defaultScenario.log()
        let at = try #require(log.events.indices.first { log[$0].kind == .exit && log[$0].function == .neigh_connect })
        d.session.ensure(at)
        d.session.move(to: at)
        let g = draw(d.frame, d.session, 100, 30)
        let title = try #require(g.row(containing: "─ Neighbours "))
        let pane = g.lines[title...].map { String($0.dropFirst(51)) }.joined(separator: "\n")
        #expect(pane.contains("…connected_output"), "\(pane)")
        #expect(pane.contains("n->output …resolve_output → …connected_output"), "\(pane)")
        #expect(!pane.contains("neigh_…"), "cut inside the distinguishing part")
    }

    static func withBlockNarration() throws -> Scenario {
        let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/Scenarios/Lessons")
        var text = try String(contentsOfFile: lessons.appendingPathComponent("cold-connect.yaml").path, encoding: .utf8)
        text = text.replacingOccurrences(of: "narration:\n", with: """
            narration:
              tcp_transmit_skb: |
                First line of the narration.
                  An indented second line.
                Third line.

            """)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kpath-block-\(UUID()).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try Scenario.load(path: path)
    }

    @Test func aYAMLBlockNarrationKeepsItsLinesInTheDemoAndTheHandOut() throws {
        let scenario = try Self.withBlockNarration()
        let d = demo(scenario)
        let log = scenario.log()
        let at = try #require(log.events.indices.first { log[$0].kind == .enter && log[$0].function == .tcp_transmit_skb })
        d.session.ensure(at + 1)
        d.session.move(to: at + 1)
        let g = draw(d.frame, d.session, 100, 30)
        let first = try #require(g.row(containing: " First line of the narration."))
        #expect(g.lines[first + 1].hasPrefix("   An indented second line."))
        #expect(g.lines[first + 2].hasPrefix(" Third line."))
        // The hand-out: every line stays a comment.
        var options = ExportOptions()
        options.narration = [.tcp_transmit_skb: try #require(scenario.spec.narration["tcp_transmit_skb"])]
        let chain = try TraceExport.renderText(log, format: .chain, options: options).split(separator: "\n")
        let c = try #require(chain.firstIndex { $0.hasSuffix("// » First line of the narration.") })
        #expect(chain[c + 1].hasSuffix("//     An indented second line."))
        #expect(chain[c + 2].hasSuffix("//   Third line."))
        let ftrace = try TraceExport.renderText(log, format: .ftrace, options: options).split(separator: "\n")
        let f = try #require(ftrace.firstIndex { $0.hasSuffix("/* » First line of the narration. */") })
        #expect(ftrace[f + 1].hasSuffix("/*     An indented second line. */"))
    }

    // MARK: - Deep trees stay readable

    /// Where each visible tree row's text starts, with the row's depth.
    func textColumns(_ s: Session, _ g: GridScreen) -> [(depth: Int, col: Int)] {
        let view = CallTreeView(session: s, log: s.log)
        let tree = Layout.make(for: g.size)!.pinned[.tree]!
        let rows = view.visibleRows(around: s.cursor, height: tree.height - 1)
        let placeEnd = 2 + min(8, s.log.hosts.map(\.name.count).max() ?? 4) + 8 + 1
        return rows.enumerated().map { r, i in
            let line = Array(g.lines[2 + r])
            var col = placeEnd
            while col < line.count, line[col] == " " || line[col] == "┆" { col += 1 }
            return (Int(s.log[i].depth), col)
        }
    }

    @Test(arguments: [(80, 24), (200, 50)])
    func aChildIsOneStepRightOfItsParentAtAnyDepth(width: Int, height: Int) throws {
        var deepest = 0
        for lesson in Scenario.builtIn where lesson.name != "neigh-table-overflow" {
            let log = lesson.log()
            let s = Session(source: FixedTrace(log), scenarioName: lesson.name)
            let at = log.events.indices.max { log[$0].depth < log[$1].depth }!
            deepest = max(deepest, Int(log[at].depth))
            for cursor in [at, max(0, at - 15), min(log.count - 1, at + 15)] {
                s.cursor = cursor
                let g = GridScreen(width: width, height: height)
                FrameRenderer().draw(s, on: g)
                let cols = textColumns(s, g)
                let lo = cols.map(\.depth).min()!
                let origin = cols.first { $0.depth == lo }!.col
                let step = cols.first { $0.depth == lo + 1 }.map { $0.col - origin } ?? 1
                #expect(step == 1 || step == 2)
                for row in cols {
                    #expect(row.col == origin + (row.depth - lo) * step,
                            "\(lesson.name) at \(width)x\(height), cursor \(cursor): depth \(row.depth) at column \(row.col)")
                }
            }
        }
        #expect(deepest >= 25, "some lesson goes deep enough to test")
    }
}
