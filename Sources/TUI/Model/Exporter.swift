import Export
import Output
import Tracing

/// Writes the trace so far in one of the Export module's formats into a
/// folder the user chose. The renderer is passed in
/// (``TraceExport/renderText(_:format:options:)`` in the app) so the TUI's
/// tests can use a stand-in.
public struct Exporter: Sendable {
    public var render: @Sendable (TraceLog, ExportFormat) throws -> String
    /// The folder exports go to (`--export-dir`; the current directory by default).
    public var directory: String

    public init(directory: String = ".", render: @escaping @Sendable (TraceLog, ExportFormat) throws -> String) {
        self.render = render
        self.directory = directory
    }
}

extension Session {
    /// Writes events 0...cursor as `format` to a new file, never over an
    /// existing one: the name says which lesson, step and what-ifs it holds,
    /// and so do the header lines.
    func export(format: ExportFormat) {
        guard let exporter, cursor >= 0 else { return }
        let edited = whatIfs.isEmpty ? "" : "-whatif\(whatIfs.count)"
        let base = "kpath-\(scenarioName)\(edited)-step\(cursor + 1)"
        do {
            let text = try exporter.render(log.prefix(cursor + 1), format)
            let path = try OutputFile.create(in: exporter.directory, base: base, suffix: ".\(format.rawValue).txt") { sink in
                sink.write(Self.withProvenance(text, lines: provenance(format: format)))
            }
            message = "wrote events 1–\(cursor + 1) as \(format) to \(path)"
        } catch {
            message = "export failed: \(error)"
        }
    }

    /// What an exported file holds, as comment lines: lesson, events, and
    /// every what-if edit applied to the run.
    func provenance(format: ExportFormat) -> [String] {
        var lines = ["# kpath export: lesson \(scenarioName), events 1–\(cursor + 1) of the run, \(format)"]
        lines += whatIfs.isEmpty ? ["# what-if: none (the lesson as written)"]
                                 : whatIfs.map { "# what-if: \($0)" }
        return lines
    }

    /// `lines` after the text's first line (which formats like ftrace's
    /// `# tracer:` keep first), or before everything if there is none.
    static func withProvenance(_ text: String, lines: [String]) -> String {
        let block = lines.map { $0 + "\n" }.joined()
        guard let newline = text.firstIndex(of: "\n") else { return block + text }
        return text[...newline] + block + text[text.index(after: newline)...]
    }
}
