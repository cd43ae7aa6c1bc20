import Classroom
import Tracing

/// "What happens next?": the run stops before each question's event (and
/// before the decision that would state it); the student answers by number,
/// hears right or wrong with the reason, and sees the answer happen. Nothing
/// outside the question's own band shows any of its choices while it is
/// open. Keys: ``KeyTable/quiz``. A score at the end.
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
        // The help screen, once open, takes the next key (to scroll or close).
        if session.overlay != nil { return session.handle(key) }
        let action = KeyTable.action(for: key, in: KeyTable.quiz)
        switch (phase, action) {
        case (.asking, .answer?):
            guard case .char(let c) = key, let q = questions[safe: current],
                  let n = c.wholeNumberValue.map({ $0 - 1 }), q.choices.indices.contains(n) else {
                session.message = "answer with 1–\(questions[current].choices.count)"
                return
            }
            let correct = n == q.answer
            if correct { score += 1 }
            phase = .answered(choice: n, correct: correct)
            session.move(to: q.eventIndex)  // let the answer happen on screen
        case (.answered, .nextQuestion?):
            current += 1
            if let q = questions[safe: current] { stopBefore(q); phase = .asking } else { phase = .done }
        case (_, .quit?), (_, .help?), (_, .nextDetailPane?), (_, .previousDetailPane?):
            session.perform(action!)   // look around; nothing steps ahead while a question is open
        default:
            if case .asking = phase { session.message = "answer with a number (1–\(questions[current].choices.count)), or q" }
        }
    }

    private func stopBefore(_ q: Question) {
        session.ensure(q.eventIndex)
        session.move(to: q.stopIndex)
    }

    public var frame: ClassroomFrame {
        let progress = "question \(min(current + 1, questions.count))/\(questions.count) · score \(score)"
        switch phase {
        case .asking:
            let q = questions[current]
            var lines: [(text: String, style: Style)] = [(q.prompt, Style(color: .yellow, bold: true))]
            for (k, choice) in q.choices.enumerated() { lines.append(("\(k + 1)  \(choice)", .bold)) }
            return ClassroomFrame(mode: "quiz · " + progress, title: "What happens next?", lines: lines,
                                  keys: KeyTable.quiz, hiding: q.giveaways)
        case .answered(let choice, let correct):
            let q = questions[current]
            let verdict = correct ? "Right: \(q.correctChoice)." : "Not quite: you said \(q.choices[choice]); it is \(q.correctChoice)."
            return ClassroomFrame(mode: "quiz · " + progress, title: correct ? "Right" : "Wrong",
                                  lines: [(verdict, correct ? Style.good.bolded : Style.warning), ("Why: " + q.reason, .plain),
                                          ("Space: next question", .dim)],
                                  keys: KeyTable.quiz)
        case .done:
            let lines: [(text: String, style: Style)] = questions.isEmpty
                ? [("This lesson has no questions.", .plain)]
                : [("You answered \(score) of \(questions.count) correctly.", Style.good.bolded), ("q quits.", .plain)]
            return ClassroomFrame(mode: "quiz · score \(score)/\(questions.count)", title: "Score", lines: lines,
                                  keys: KeyTable.quiz)
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
