import Classroom
import Foundation
import Scenarios
import Testing

/// Drives `kpath demo` and `kpath quiz` in tmux, as a class would.
@Suite(.serialized) struct ClassroomWalkthroughTests {
    @Test(.enabled(if: Tool.path("tmux") != nil, "tmux is not installed: the classroom walkthrough needs it"))
    func demoAndQuizInATerminal() throws {
        let kpath = try #require(KpathBinary.path, KpathBinary.missing)
        // The test knows the answers the way the quiz does: from the log.
        let questions = QuestionBank.questions(for: Scenario.defaultScenario.log())
        let q1Wrong = (questions[0].answer + 1) % questions[0].choices.count + 1
        let q2Right = questions[1].answer + 1
        // The first six questions, each as its answer and the key that gives it.
        let asked = questions.prefix(6).map { "\($0.correctChoice)\t\($0.answer + 1)" }.joined(separator: "\n")
        let result = try Tool.run("/bin/bash", ["-c", classroomScript, "kpath-e2e", kpath, "\(q1Wrong)", "\(q2Right)", asked])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("all checks passed"))
        #expect(result.output.contains("ok: question \(min(6, questions.count)) hides '\(questions[min(6, questions.count) - 1].correctChoice)' at 300x80"))
    }
}
