import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Output

/// The command line: a command is a type (swift-argument-parser).
@main
struct Kpath: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpath",
        abstract: "See how Linux sends the first packets of a TCP connection.",
        discussion: """
            With no subcommand, opens the terminal UI on the cold-connect lesson; \
            'kpath LESSON' or 'kpath FILE.yaml' opens it on that one.

            EXIT STATUS
              0   success
              \(ExitStatus.usage.rawValue)  usage: an unknown subcommand or option, a bad option value
              \(ExitStatus.input.rawValue)  input: an unknown lesson or function, a scenario file with a mistake, a missing file
              \(ExitStatus.terminal.rawValue)  terminal: the TUI needs an interactive terminal of at least 80x24
              \(ExitStatus.output.rawValue)  output: a file or standard output could not be written
            Every error is one line on standard error starting 'kpath:' or FILE:LINE:COL.
            """,
        version: "0.1.0",
        subcommands: [TUICommand.self, OpenCommand.self, Trace.self, Report.self, ScenariosCommand.self, Explain.self, DemoCommand.self, QuizCommand.self],
        defaultSubcommand: TUICommand.self)

    /// Our own entry point, so that every failure, the parser's included,
    /// is one line and one documented status (``ExitStatus``).
    static func main() {
        // A reader that goes away (`kpath trace | head`) ends us quietly, as
        // it ends cat; some runtimes start programs with SIGPIPE ignored.
        signal(SIGPIPE, SIG_DFL)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as UserError {
            fail(error)
        } catch let error as OutputError {
            if error.brokenPipe { terminate(ExitStatus.output.rawValue) }
            fail(UserError(.output, error.description))
        } catch {
            let status = exitCode(for: error)
            if status == .success {
                // --help, --version and the completion scripts.
                do { try FileOutput.stdout(fullMessage(for: error) + "\n") } catch {
                    fail(UserError(.output, "\(error)"))
                }
                terminate(0)
            }
            if let code = error as? ExitCode { terminate(code.rawValue) }
            fail(UserError(.usage, oneLine(message(for: error)) + "; see '\(helpCommand)'"))
        }
    }

    private static func fail(_ error: UserError) -> Never {
        FileOutput.stderr((error.located ? error.description : "kpath: \(error.description)") + "\n")
        terminate(error.status.rawValue)
    }

    private static func terminate(_ status: Int32) -> Never {
        #if canImport(Glibc)
        Glibc.exit(status)
        #else
        Darwin.exit(status)
        #endif
    }

    /// "Error: Unknown option '--x'" → "unknown option '--x'", and a value
    /// list the parser puts on bullet lines joined into the sentence: our
    /// errors are single lower-case lines after "kpath:", the parser's too.
    private static func oneLine(_ message: String) -> String {
        let lines = message.split(separator: "\n").map { $0.drop { $0 == " " } }
        var first = Substring(lines.first ?? "")
        if first.hasPrefix("Error: ") { first = first.dropFirst(7) }
        let items = lines.dropFirst().map { $0.hasPrefix("- ") ? $0.dropFirst(2) : $0 }
        let sentence = (first.first.map { $0.lowercased() } ?? "") + first.dropFirst()
        return items.isEmpty ? sentence : sentence + " " + items.joined(separator: ", ")
    }

    /// `kpath SUBCOMMAND --help` for the subcommand on the line, if any.
    private static var helpCommand: String {
        let names = configuration.subcommands.map { $0._commandName }
        let sub = CommandLine.arguments.dropFirst().first { names.contains($0) }
        return "kpath " + (sub.map { $0 + " " } ?? "") + "--help"
    }
}

/// One exit status per kind of failure, the same from every subcommand
/// (the values are sysexits.h's, as the argument parser's 64 already is).
enum ExitStatus: Int32 {
    case usage = 64
    case input = 65
    case terminal = 69
    case output = 74
}

/// A failure to report as one line on standard error, with its exit status.
struct UserError: Error, CustomStringConvertible {
    let status: ExitStatus
    let description: String
    /// Printed as is: the message already says where (FILE:LINE:COL: ...).
    let located: Bool
    init(_ status: ExitStatus, _ message: String, located: Bool = false) {
        self.status = status; description = message; self.located = located
    }
}
