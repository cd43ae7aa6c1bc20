import ArgumentParser
import Scenarios

/// `kpath scenarios`: the built-in lessons, one line each.
struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios", abstract: "List the built-in lessons.")

    func run() throws {
        let width = Scenario.builtIn.map(\.name.count).max() ?? 0
        try FileOutput.stdout(Scenario.builtIn.map {
            $0.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.summary + "\n"
        }.joined())
    }
}
