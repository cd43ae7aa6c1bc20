import ArgumentParser
import Export
import Scenarios
import Tracing

/// The command line: a command is a type (swift-argument-parser).
@main
struct Kpath: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpath",
        abstract: "See how Linux sends the first packets of a TCP connection.",
        discussion: "With no subcommand, opens the terminal UI on the cold-connect lesson.",
        version: "0.1.0",
        subcommands: [TUICommand.self, Trace.self, ScenariosCommand.self, Explain.self, DemoCommand.self, QuizCommand.self],
        defaultSubcommand: TUICommand.self)
}

/// Prints `kpath: message` to stderr and exits with status 2: the one-line
/// error every bad input gets.
struct UserError: Error, CustomStringConvertible {
    let description: String
    /// Printed as is: the message already says where (FILE:LINE:COL: ...).
    let located: Bool
    init(_ message: String, located: Bool = false) { description = message; self.located = located }
}

extension ParsableCommand {
    /// Runs `body`, turning a UserError into its line on stderr and exit 2.
    func reporting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as UserError {
            printError(error.located ? error.description : "kpath: \(error.description)")
            throw ExitCode(2)
        }
    }
}

func printError(_ line: String) {
    var stderr = StandardError()
    print(line, to: &stderr)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileOutput.stderr(string) }
}

/// Resolves a scenario argument: a built-in lesson's name, or a scenario
/// file (anything with a '/' or a .yaml/.yml suffix).
func scenario(named name: String?) throws -> Scenario {
    guard let name else { return Scenario.defaultScenario }
    if name.contains("/") || name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
        do {
            return try Scenario.load(path: name)
        } catch let e as ScenarioError {
            throw UserError(e.description, located: true)
        }
    }
    guard let s = Scenario.named(name) else {
        throw UserError("unknown scenario '\(name)'; 'kpath scenarios' lists the built-in lessons, or give a .yaml file")
    }
    return s
}
