import ArgumentParser
import Scenarios

/// `kpath scenarios`: the built-in lessons, one line each.
struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios", abstract: "List the built-in lessons.")

    func run() {
        let width = Scenario.builtIn.map(\.name.count).max() ?? 0
        for s in Scenario.builtIn {
            FileOutput.stdout(s.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + s.summary + "\n")
        }
    }
}
