import ArgumentParser
import Classroom
import Scenarios

/// `kpath scenarios`: the built-in lessons, each with what to watch and where.
struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios", abstract: "List the built-in lessons, with their teaching moments and steps.")

    func run() throws {
        let width = Scenario.builtIn.map(\.name.count).max() ?? 0
        let indent = String(repeating: " ", count: width + 2)
        try FileOutput.stdout(Scenario.builtIn.map { s in
            s.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + s.summary + "\n"
                + LessonGuide.highlights(in: s.log()).map { indent + "watch " + $0.line + "\n" }.joined()
        }.joined())
    }
}
