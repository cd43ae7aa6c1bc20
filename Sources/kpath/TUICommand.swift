import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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

    @OptionGroup var scenario: ScenarioArgument
    @OptionGroup var export: ExportDirectory

    func run() throws {
        // `kpath FILE` with a recorded trace is `kpath open FILE`.
        if let path = scenario.scenario, RecordedInput.isTrace(path) { return try OpenCommand.parse([path]).run() }
        let chosen = try resolveAsDefaultCommand()
        try onTerminal {
            let session = Session.live(chosen, exportDirectory: export.directory)
            try Terminal.run { screen, interrupted in
                TUIApp.run(session, on: screen, interrupted: interrupted)
            }
        }
    }

    /// `kpath WORD` reaches here with WORD as the scenario: if it is neither a
    /// lesson nor a file, the user more likely mistyped a subcommand.
    private func resolveAsDefaultCommand() throws -> Scenario {
        guard let word = scenario.scenario, !isPath(word), Scenario.named(word) == nil,
              CommandLine.arguments.dropFirst().first == word else { return try scenario.resolve() }
        let subcommands = Kpath.configuration.subcommands.map { $0._commandName }
        throw UserError(.usage, "'\(word)' is neither a subcommand nor a lesson"
                        + Suggest.didYouMean(word, among: subcommands + Scenario.builtIn.map(\.name))
                        + "; 'kpath --help' lists the subcommands, 'kpath scenarios' the lessons")
    }
}

/// Where the TUI's and the demo's `e` writes its files.
struct ExportDirectory: ParsableArguments {
    @Option(name: .customLong("export-dir"),
            help: ArgumentHelp("Where 'e' writes its exports; existing files are never replaced.",
                               valueName: "dir"),
            completion: .directory)
    var directory = "."

    func validate() throws {
        var info = stat()
        guard stat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw ValidationError("--export-dir '\(directory)' is not a directory")
        }
    }
}

/// Runs `body` after the checks every screen command makes first: an
/// interactive terminal, before any ncurses call (a pipe or /dev/null would
/// get escape codes or a busy loop).
func onTerminal(_ body: () throws -> Void) throws {
    guard Terminal.isInteractive else { throw UserError(.terminal, "\(TerminalError.notATerminal)") }
    do {
        try body()
    } catch let error as TerminalError {
        throw UserError(.terminal, "\(error)")
    }
}
