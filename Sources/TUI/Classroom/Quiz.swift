import Classroom
import Tracing

/// "What happens next?": the run stops just before each question's event;
/// the student answers by number, hears right or wrong with the reason, and
/// sees the answer happen. A score at the end.
public final class Quiz {
    public let session: Session
    public let questions: [Question]
    public private(set) var current = 0
    public private(set) var score = 0
    public private(set) var phase = Phase.asking

    public enum Phase: Equatable, Sendable {
        case asking
        case answered(choice: Int, correct: Bool)
        case done
    }

    public init(session: Session, questions: [Question]) {
        self.session = session
        self.questions = questions
        session.showsFuture = false
        if questions.isEmpty { phase = .done } else { stopBefore(questions[0]) }
    }

    public var wantsQuit: Bool { session.wantsQuit }

    public func handle(_ key: Key) {
        switch (phase, key) {
        case (_, .char("q")):
            session.perform(.quit)
        case (.asking, .char(let c)) where c.wholeNumberValue != nil:
            let n = c.wholeNumberValue! - 1
            guard let q = questions[safe: current], q.choices.indices.contains(n) else {
                session.message = "answer with 1–\(questions[current].choices.count)"
                return
            }
            let correct = n == q.answer
            if correct { score += 1 }
            phase = .answered(choice: n, correct: correct)
            session.move(to: q.eventIndex)  // let the answer happen on screen
        case (.answered, .char(" ")), (.answered, .enter), (.answered, .right):
            current += 1
            if let q = questions[safe: current] { stopBefore(q); phase = .asking } else { phase = .done }
        case (_, .tab), (_, .backTab), (_, .char("?")), (_, .up), (_, .down), (_, .pageUp), (_, .pageDown):
            session.handle(key)  // look around; no stepping ahead while a question is open
        default:
            if case .asking = phase { session.message = "answer with a number (1–\(questions[current].choices.count)), or q" }
        }
    }

    private func stopBefore(_ q: Question) {
        session.ensure(q.eventIndex)
        session.move(to: max(0, q.eventIndex - 1))
    }

    public var frame: ClassroomFrame {
        let progress = "question \(min(current + 1, questions.count))/\(questions.count) · score \(score)"
        switch phase {
        case .asking:
            let q = questions[current]
            var lines: [(text: String, style: Style)] = [(q.prompt, Style(color: .yellow, bold: true))]
            for (k, choice) in q.choices.enumerated() { lines.append(("\(k + 1)  \(choice)", .bold)) }
            return ClassroomFrame(mode: "quiz · " + progress, title: "What happens next?", lines: lines,
                                  hints: ["1-\(q.choices.count) answer", "Tab pane", "? help", "q quit"])
        case .answered(let choice, let correct):
            let q = questions[current]
            let verdict = correct ? "Right: \(q.correctChoice)." : "Not quite: you said \(q.choices[choice]); it is \(q.correctChoice)."
            return ClassroomFrame(mode: "quiz · " + progress, title: correct ? "Right" : "Wrong",
                                  lines: [(verdict, correct ? Style.good.bolded : Style.warning), ("Why: " + q.reason, .plain),
                                          ("Space: next question", .dim)],
                                  hints: ["Space next", "Tab pane", "q quit"])
        case .done:
            let lines: [(text: String, style: Style)] = questions.isEmpty
                ? [("This lesson has no questions.", .plain)]
                : [("You answered \(score) of \(questions.count) correctly.", Style.good.bolded), ("q quits.", .plain)]
            return ClassroomFrame(mode: "quiz · score \(score)/\(questions.count)", title: "Score", lines: lines,
                                  hints: ["Tab pane", "q quit"])
        }
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}

public enum QuizApp {
    public static func run(_ quiz: Quiz, on screen: Screen, interrupted: () -> Bool) {
        var renderer = FrameRenderer(classroom: quiz.frame)
        renderer.draw(quiz.session, on: screen)
        while !quiz.wantsQuit, !interrupted() {
            guard let key = screen.readKey() else { continue }
            quiz.session.message = nil
            quiz.handle(key)
            renderer.classroom = quiz.frame
            renderer.draw(quiz.session, on: screen)
        }
    }
}
