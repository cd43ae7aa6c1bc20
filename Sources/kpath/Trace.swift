import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Export
import Scenarios
import Tracing

/// `kpath trace [SCENARIO] --format FORMAT [filters] [-o FILE]`.
///
/// Values are checked in `run`, not by the parser, so that every bad value
/// (an unknown format or host, `--depth -1`, an unreadable time) gets the
/// same one-line `kpath: ...` error and exit status 2.
struct Trace: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario and export its trace.",
        discussion: """
            Formats: chain and ftrace (text), jsonl (docs/jsonl.md), pcap (tcpdump, Wireshark), \
            perfetto (ui.perfetto.dev), dot and mermaid (--graph calls|frames|nud). \
            Filters apply to every format. Times are seconds ("0.0002"), or a number with \
            ns, us, ms or s ("150us", "1.5ms"). docs/export.md has the details.
            """)

    @Argument(help: "A built-in scenario (default: cold-connect).")
    var scenario: String?

    @Option(name: .shortAndLong,
            help: ArgumentHelp("Output format: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).",
                               valueName: "format"),
            completion: .list(ExportFormat.allCases.map(\.rawValue)))
    var format = ExportFormat.chain.rawValue

    @Option(name: .shortAndLong, help: "Write to FILE (atomically) instead of stdout.")
    var output: String?

    @Option(help: ArgumentHelp("For dot and mermaid: calls, frames or nud.", valueName: "graph"),
            completion: .list(GraphKind.allCases.map(\.rawValue)))
    var graph: String?

    @Option(help: ArgumentHelp("Only this host's events (pcap: the frames it sent or received).", valueName: "name"))
    var host: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Only calls nested less than N deep.", valueName: "n"))
    var depth: String?

    @Option(help: ArgumentHelp("Only the subtrees of this kernel function.", valueName: "name"))
    var function: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Only events at or after this virtual time.", valueName: "time"))
    var from: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Only events at or before this virtual time.", valueName: "time"))
    var to: String?

    @Flag(help: "Only function entries and exits.")
    var spansOnly = false

    @Flag(help: "For chain and ftrace: the lesson's narration as comments, for a hand-out.")
    var annotate = false

    func run() throws {
        try reporting {
            guard let format = ExportFormat(rawValue: format) else {
                throw UserError("unknown format '\(self.format)'; choose one of: "
                                + ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))
            }
            if format == .pcap, output == nil, isatty(1) != 0 {
                throw UserError("pcap is binary; write it with -o FILE or pipe it (kpath trace --format pcap | tcpdump -r -)")
            }
            var options = ExportOptions()
            if let graph {
                guard let kind = GraphKind(rawValue: graph) else {
                    throw UserError("unknown graph '\(graph)'; choose one of: "
                                    + GraphKind.allCases.map(\.rawValue).joined(separator: ", "))
                }
                guard format == .dot || format == .mermaid else {
                    throw UserError("--graph applies to the dot and mermaid formats, not \(format.rawValue)")
                }
                options.graph = kind
            }
            if let depth {
                guard let n = Int(depth), n >= 0 else {
                    throw UserError("--depth must be a whole number, 0 or more; got '\(depth)'")
                }
                options.filter.maxDepth = n
            }
            if let function {
                guard let fn = Fn(name: function) else {
                    throw UserError("unknown function '\(function)' for --function; 'kpath explain NAME' knows the simulated ones")
                }
                options.filter.function = fn
            }
            options.filter.from = try time(from, "--from")
            options.filter.to = try time(to, "--to")
            options.filter.spansOnly = spansOnly

            let lesson = try kpath.scenario(named: scenario)
            if annotate {
                guard format == .chain || format == .ftrace else {
                    throw UserError("--annotate applies to the chain and ftrace formats, not \(format.rawValue)")
                }
                options.narration = Dictionary(uniqueKeysWithValues: lesson.spec.narration.compactMap { name, text in
                    Fn(name: name).map { ($0, text) }
                })
            }
            let log = lesson.log()
            do {
                if let host { options.filter.host = try EventFilter.host(named: host, in: log) }
                if let output {
                    try FileOutput.writeAtomically(to: output) { sink in
                        try TraceExport.write(log, format: format, options: options, to: sink)
                    }
                } else {
                    try TraceExport.write(log, format: format, options: options) { FileOutput.write(1, $0) }
                }
            } catch let error as ExportError {
                throw UserError(error.description)
            }
        }
    }

    private func time(_ text: String?, _ option: String) throws -> UInt64? {
        guard let text else { return nil }
        guard let ns = VirtualTime.parse(text) else {
            throw UserError("\(option) '\(text)' is not a time; write seconds (0.0002) or a number with ns, us, ms or s (150us, 1.5ms)")
        }
        return ns
    }
}
