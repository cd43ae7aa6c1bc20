import Classroom
import Scenarios
import Testing
import Tracing

@Suite struct QuestionBankTests {
    /// Every built-in lesson yields questions, and each question's answer is
    /// what the log shows at the event it stops before.
    @Test(arguments: Scenario.builtIn.map(\.name))
    func everyLessonHasQuestionsWhoseAnswersMatchItsLog(name: String) throws {
        let log = Scenario.named(name)!.log()
        let questions = QuestionBank.questions(for: log)
        #expect(!questions.isEmpty)
        #expect(Set(questions.map(\.prompt)).count == questions.count, "no question twice")
        for q in questions {
            #expect((2...4).contains(q.choices.count))
            #expect(Set(q.choices).count == q.choices.count)
            let e = log[q.eventIndex]
            switch (q.kind, e.payload) {
            case (.nextFunction, .indirectCall(_, let target)): #expect(q.correctChoice == target.name)
            case (.verdict, .hookVerdict(_, _, _, let v, _)): #expect(q.correctChoice == v.description)
            case (.nextState, .nudChange(_, _, let to, _)): #expect(q.correctChoice == to.description)
            case (.outputAfterSwap, .outputSwap(_, _, let to)): #expect(q.correctChoice == to.name)
            case (.connectReturn, .exit(.__inet_stream_connect, let ret)):
                #expect(q.correctChoice == (Errno.name(ret) ?? String(ret)))
            default:
                Issue.record("question \(q.kind) stops before an unrelated event: \(e.payload)")
            }
        }
    }

    @Test func coldConnectAsksAboutTheSwapAndTheReturnValue() {
        let qs = QuestionBank.questions(for: Scenario.defaultScenario.log())
        #expect(qs.contains { $0.kind == .outputAfterSwap && $0.correctChoice == "neigh_connected_output" })
        #expect(qs.contains { $0.kind == .connectReturn && $0.correctChoice == "0" })
        #expect(qs.contains { $0.kind == .nextState && $0.correctChoice == "NUD_INCOMPLETE" })
        // The answer is not always in the same place.
        #expect(Set(qs.map(\.answer)).count > 1)
    }
}
