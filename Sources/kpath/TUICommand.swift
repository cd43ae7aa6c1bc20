import ArgumentParser
import Foundation
import Scenarios
import TUI

/// `kpath tui [SCENARIO]`, and `kpath` alone: step through a connect live.
struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Step through a TCP connect live in the terminal (the default command).",
        discussion: """
            The simulation runs in lock-step with the cursor: s/n/f/c step into, over, out \
            and continue (S/N/F/C go back), b sets a breakpoint, w asks "what if", \
            e exports the trace so far, ? lists every key, q quits. Needs a terminal of \
            at least 80x24; for text output use 'kpath trace'.
            """)

    @Argument(help: "A built-in lesson or a scenario file (default: \(Scenario.defaultScenario.name)).",
              completion: .list(Scenario.builtIn.map(\.name)))
    var scenario: String?

    func run() throws {
        try reporting {
            let chosen = try kpath.scenario(named: scenario)
            // Before any ncurses call (swift-ncurses.md P10): a pipe or /dev/null
            // would get escape codes or a busy loop.
            guard Terminal.isInteractive else { throw UserError("\(TerminalError.notATerminal)") }
            let session = Session.live(chosen)
            do {
                try Terminal.run { screen, interrupted in
                    TUIApp.run(session, on: screen, interrupted: interrupted)
                }
            } catch {
                throw UserError("\(error)")
            }
        }
    }
}
