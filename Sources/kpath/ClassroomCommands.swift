import ArgumentParser
import Classroom
import Scenarios
import TUI

extension Theme: ExpressibleByArgument {}

/// Options every classroom command shares.
struct ClassroomOptions: ParsableArguments {
    @Argument(help: "A built-in lesson or a scenario file (default: cold-connect).")
    var scenario: String?

    @Option(help: "Colours for the projector: dark, light or mono.")
    var theme: Theme = .dark
}

/// Opens the terminal and runs `body` on a themed screen, with the checks
/// every screen command makes first (a terminal, a readable scenario).
func runOnTerminal(_ options: ClassroomOptions, _ body: (Scenario, Screen, @escaping () -> Bool) -> Void) throws {
    let chosen = try scenario(named: options.scenario)
    guard Terminal.isInteractive else { throw UserError("\(TerminalError.notATerminal)") }
    do {
        try Terminal.run { screen, interrupted in
            withoutActuallyEscaping(interrupted) { interrupted in
                body(chosen, ThemedScreen(screen, theme: options.theme), interrupted)
            }
        }
    } catch {
        throw UserError("\(error)")
    }
}

/// `kpath demo`: narrated autoplay for a projector.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Play a lesson on its own, pausing at each teaching moment with its narration.",
        discussion: "Space pauses and resumes, the arrow keys step, c/C jump between moments, q quits.")

    @OptionGroup var options: ClassroomOptions

    @Option(help: "Pace: 1 holds each moment 3 seconds, 2 is twice as fast.")
    var speed: Double = 1

    func validate() throws {
        guard speed > 0, speed <= 100 else { throw ValidationError("--speed must be between 0 and 100") }
    }

    func run() throws {
        try reporting {
            try runOnTerminal(options) { scenario, screen, interrupted in
                let demo = Demo(session: .live(scenario), narration: scenario.spec.narration, speed: speed)
                let start = ContinuousClock.now
                DemoApp.run(demo, on: screen, interrupted: interrupted) {
                    let d = ContinuousClock.now - start
                    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
                }
            }
        }
    }
}

/// `kpath quiz`: "what happens next?" questions drawn from the lesson's log.
struct QuizCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz",
        abstract: "Stop before teaching moments and ask what happens next; a score at the end.")

    @OptionGroup var options: ClassroomOptions

    func run() throws {
        try reporting {
            try runOnTerminal(options) { scenario, screen, interrupted in
                let quiz = Quiz(session: .live(scenario), questions: QuestionBank.questions(for: scenario.log()))
                QuizApp.run(quiz, on: screen, interrupted: interrupted)
            }
        }
    }
}
