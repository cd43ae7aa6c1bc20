import ArgumentParser
import TUI
import Tracing

/// `kpath open FILE`: the TUI on a trace recorded on a real machine
/// (tracefs text, a `trace-cmd report`) or on kpath's own JSON Lines.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Step through a recorded trace (ftrace, trace-cmd report, kpath JSONL) in the terminal UI.",
        discussion: """
            The same keys as the lesson view: s/n/f step into, over and out, c continues, \
            / finds a function, b sets a breakpoint, q quits. What-ifs need a lesson.
            """)

    @Argument(help: ArgumentHelp("The trace file.", valueName: "file"), completion: .file())
    var file: String

    @Flag(help: "Stop at the first line that is not a trace line.")
    var strict = false

    func run() throws {
        guard RecordedInput.isTrace(file) else { throw UserError(.input, "\(file): no such file") }
        let log = try RecordedInput.read(file, strict: strict)
        try onTerminal {
            let session = Session(source: FixedTrace(log), scenarioName: file)
            try Terminal.run { screen, interrupted in
                TUIApp.run(session, on: screen, interrupted: interrupted)
            }
        }
    }
}
