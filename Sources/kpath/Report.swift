import ArgumentParser
import Export
import Output
import Scenarios
import Tracing

extension ReportSort: ExpressibleByArgument {}

/// `kpath report [SCENARIO|FILE] [--sort KEY] [--format table|folded] [filters] [-o FILE]`:
/// uftrace report's table, or collapsed stacks, of a lesson, a scenario
/// file or a recorded JSON Lines log.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Per function: calls, total and self virtual time, as uftrace report shows them.",
        discussion: """
            One table per host and execution context. The source is a lesson, a scenario file \
            (.yaml) or a log written by 'kpath trace --format jsonl' (.jsonl). --format folded \
            writes collapsed stacks (self time in ns) for flamegraph.pl and speedscope. \
            The filters are those of 'kpath trace'; docs/export.md has the details.
            """)

    /// What the report writes.
    enum Layout: String, CaseIterable, ExpressibleByArgument {
        /// uftrace report's table.
        case table
        /// Collapsed stacks.
        case folded

        var format: ExportFormat { self == .table ? .report : .folded }
    }

    @Argument(help: ArgumentHelp("A built-in lesson, a scenario file (.yaml) or a JSON Lines log (.jsonl).",
                                 valueName: "scenario|file"),
              completion: .custom(Completion.scenarios))
    var source: String?

    @Option(name: .shortAndLong, help: "table (uftrace report) or folded (collapsed stacks).")
    var format = Layout.table

    @Option(help: "The table's order: total, self, calls or function.")
    var sort = ReportSort.total

    @Option(name: .shortAndLong,
            help: ArgumentHelp("Write to FILE instead of standard output ('-'), a regular file atomically.", valueName: "file"),
            completion: .file())
    var output: String?

    @OptionGroup var filters: FilterOptions

    func run() throws {
        let log = try load()
        var options = ExportOptions(sort: sort)
        options.filter = try filters.filter(for: log)
        do {
            try OutputFile.write(to: output ?? "-") { sink in
                try TraceExport.write(log, format: format.format, options: options, to: { sink.write($0) })
            }
        } catch let error as ExportError {
            throw UserError(.usage, error.description)
        }
    }

    private func load() throws -> TraceLog {
        guard let source, source.hasSuffix(".jsonl") else { return try scenario(named: source).log() }
        do {
            return try JSONLReader.read(file: source)
        } catch let failure as JSONLReader.Failure {
            throw UserError(.input, failure.description, located: true)
        }
    }
}
