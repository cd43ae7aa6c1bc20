import Classroom
import Scenarios
import Testing
@testable import TUI
import Tracing

/// The classroom: the presenter layout as a text grid, autoplay on a clock
/// the test moves, and the quiz with a wrong and a right answer.
@Suite struct ClassroomTests {
    static let scenario = Scenario.defaultScenario

    func demo(speed: Double = 1) -> Demo {
        Demo(session: .live(Self.scenario), narration: Self.scenario.spec.narration, speed: speed)
    }

    func draw(_ frame: ClassroomFrame, _ session: Session, width: Int, height: Int) -> GridScreen {
        let g = GridScreen(width: width, height: height)
        FrameRenderer(classroom: frame).draw(session, on: g)
        return g
    }

    @Test(arguments: [(100, 30), (80, 24)])
    func thePresenterLayoutShowsTreeOnePaneAndTheCaption(width: Int, height: Int) throws {
        let d = demo()
        d.tick(now: 0)
        d.tick(now: 10)    // to the first teaching moment
        let g = draw(d.frame, d.session, width: width, height: height)
        #expect(g.text.contains("Call tree"))
        #expect(g.text.contains("What is happening"))
        #expect(!g.text.contains("─ Explain"), "the explain pane gives way to the caption")
        #expect(g.lines[0].contains("demo · playing"))
        let captionRow = try #require(g.row(containing: "What is happening"))
        #expect(captionRow >= height - 8, "the caption band sits at the bottom")
        #expect(g.lines.last!.contains("Space play/pause"))
        // Exactly one of the four detail panes is on screen.
        let panes = ["Neighbours", "Netfilter", "Wire", "Packet"].filter { g.text.contains("─ \($0)") }
        #expect(panes.count == 1, "\(panes)")
    }

    @Test func autoplayHoldsEachMomentThenMovesOnAndSpacePauses() {
        let d = demo(speed: 2)                      // 1.5 s per moment
        d.tick(now: 0)
        #expect(d.session.cursor == 0)
        d.tick(now: 1.0)
        #expect(d.session.cursor == 0, "still holding")
        d.tick(now: 1.6)
        let first = d.session.cursor
        #expect(first > 0 && d.session.log[first].isTeachingMoment)
        d.handle(.char(" "), now: 2)                // pause
        d.tick(now: 100)
        #expect(d.session.cursor == first, "paused: the clock does not move it")
        #expect(d.frame.mode.contains("paused"))
        d.handle(.char(" "), now: 100)              // resume
        d.tick(now: 101.6)
        #expect(d.session.cursor > first)
    }

    @Test func theCaptionIsTheLessonsNarrationWhereThereIsOne() throws {
        let d = demo()
        let log = Self.scenario.log()
        let at = try #require(log.events.firstIndex { if case .nudChange(_, _, .NUD_INCOMPLETE, _) = $0.payload { true } else { false } })
        d.session.ensure(at)
        d.session.move(to: at)
        let lines = d.frame.lines.map(\.text)
        #expect(lines.contains(Self.scenario.spec.narration["__neigh_event_send"]!))
        #expect(lines.first!.contains("NUD_NONE → NUD_INCOMPLETE") || lines.first!.contains("INCOMPLETE"))
    }

    @Test func theDemoRunsToTheEndOfTheLesson() {
        let d = demo(speed: 100)
        var t = 0.0
        while !d.atEnd && t < 10_000 { t += 1; d.tick(now: t) }
        #expect(d.atEnd)
        #expect(!d.playing)
        #expect(d.frame.lines.contains { $0.text.contains("The end") })
    }

    @Test func theQuizSaysWrongThenRightAndKeepsScore() throws {
        let questions = QuestionBank.questions(for: Self.scenario.log())
        let quiz = Quiz(session: .live(Self.scenario), questions: questions)
        let q0 = questions[0]
        #expect(quiz.session.cursor == q0.stopIndex && q0.stopIndex < q0.eventIndex, "stops before the answer")
        let g0 = draw(quiz.frame, quiz.session, width: 100, height: 30)
        #expect(g0.text.contains(String(q0.prompt.prefix(40))))
        // The call tree does not show what comes next.
        #expect(quiz.session.showsFuture == false)

        let wrong = (q0.answer + 1) % q0.choices.count
        quiz.handle(.char(Character(String(wrong + 1))))
        #expect(quiz.phase == .answered(choice: wrong, correct: false))
        #expect(quiz.frame.lines.first!.text.hasPrefix("Not quite"))
        #expect(quiz.session.cursor == q0.eventIndex, "the answer happens on screen")
        quiz.handle(.char(" "))

        let q1 = questions[1]
        #expect(quiz.current == 1 && quiz.session.cursor == q1.stopIndex)
        quiz.handle(.char(Character(String(q1.answer + 1))))
        #expect(quiz.phase == .answered(choice: q1.answer, correct: true))
        #expect(quiz.frame.lines.first!.text.hasPrefix("Right"))
        #expect(quiz.score == 1)

        // Answer the rest correctly: the score counts them.
        quiz.handle(.char(" "))
        while quiz.phase != .done {
            let q = questions[quiz.current]
            quiz.handle(.char(Character(String(q.answer + 1))))
            quiz.handle(.char(" "))
        }
        #expect(quiz.score == questions.count - 1)
        #expect(quiz.frame.lines.first!.text == "You answered \(questions.count - 1) of \(questions.count) correctly.")
    }

    @Test func aQuestionIgnoresKeysThatWouldRevealTheAnswer() {
        let questions = QuestionBank.questions(for: Self.scenario.log())
        let quiz = Quiz(session: .live(Self.scenario), questions: questions)
        let before = quiz.session.cursor
        quiz.handle(.right)
        quiz.handle(.char("s"))
        quiz.handle(.char("9"))
        #expect(quiz.session.cursor == before)
        #expect(quiz.phase == .asking)
    }

    @Test func themesKeepMeaningWithoutColour() {
        #expect(Theme.mono.apply(.warning).color == .default && Theme.mono.apply(.warning).bold)
        #expect(Theme.light.apply(.note).color == .magenta)
        #expect(!Theme.dark.apply(.dim).dim)
    }
}
