import ArgumentParser
import Export
import Scenarios
import Tracing

extension TextFormat: ExpressibleByArgument {}

/// `kpath trace [SCENARIO] --format chain|ftrace [-o FILE]`.
struct Trace: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario and print its call trace as text.")

    @Argument(help: "A built-in scenario (default: cold-connect).")
    var scenario: String?

    @Option(name: .shortAndLong, help: "Output format.")
    var format: TextFormat = .chain

    @Option(name: .shortAndLong, help: "Write to FILE (atomically) instead of stdout.")
    var output: String?

    func run() throws {
        try reporting {
            let log = try kpath.scenario(named: scenario).log()
            if let output {
                try FileOutput.writeAtomically(to: output) { sink in
                    TextExport.write(log, format: format, to: sink)
                }
            } else {
                TextExport.write(log, format: format) { FileOutput.stdout($0) }
            }
        }
    }
}

