import ArgumentParser
import Classroom
import Scenarios
import TUI

/// Options every classroom command shares.
struct ClassroomOptions: ParsableArguments {
    @OptionGroup var scenario: ScenarioArgument

    @Option(help: "Colours for the projector.")
    var theme: Theme = .dark
}

/// Opens the terminal and runs `body` on a themed screen.
func runOnTerminal(_ options: ClassroomOptions, _ body: (Scenario, Screen, @escaping () -> Bool) -> Void) throws {
    let chosen = try options.scenario.resolve()
    try onTerminal {
        try Terminal.run { screen, interrupted in
            withoutActuallyEscaping(interrupted) { interrupted in
                body(chosen, ThemedScreen(screen, theme: options.theme), interrupted)
            }
        }
    }
}

/// `kpath demo`: narrated autoplay for a projector.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Play a lesson on its own, pausing at each teaching moment with its narration.",
        discussion: "Space pauses and resumes, the arrow keys step, c/C jump between moments, q quits.")

    @OptionGroup var options: ClassroomOptions
    @OptionGroup var export: ExportDirectory

    static let speeds = 0.1...100.0

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Pace, from \(speeds.lowerBound) to \(Int(speeds.upperBound)): 1 holds each moment 3 seconds, 2 is twice as fast.",
                               valueName: "x"))
    var speed: Double = 1

    func validate() throws {
        guard Self.speeds.contains(speed) else {
            throw ValidationError("--speed \(speed) is out of range; give a pace from \(Self.speeds.lowerBound) to \(Int(Self.speeds.upperBound))")
        }
    }

    func run() throws {
        try runOnTerminal(options) { scenario, screen, interrupted in
            let demo = Demo(session: .live(scenario, exportDirectory: export.directory), narration: scenario.spec.narration, speed: speed)
            let start = ContinuousClock.now
            DemoApp.run(demo, on: screen, interrupted: interrupted) {
                let d = ContinuousClock.now - start
                return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
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
        try runOnTerminal(options) { scenario, screen, interrupted in
            let quiz = Quiz(session: .live(scenario), questions: QuestionBank.questions(for: scenario.log()))
            QuizApp.run(quiz, on: screen, interrupted: interrupted)
        }
    }
}
