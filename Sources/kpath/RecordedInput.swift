import Export
import Foundation
import Tracing

/// A recorded trace given where a lesson goes: any existing file that is not
/// a scenario file (.yaml/.yml) — tracefs text, a `trace-cmd report`, or
/// kpath's own JSON Lines.
enum RecordedInput {
    static func isTrace(_ argument: String?) -> Bool {
        guard let argument, !argument.hasSuffix(".yaml"), !argument.hasSuffix(".yml") else { return false }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// Reads the trace, saying on stderr what was read and what was not
    /// understood; `strict` makes the first line not understood an error.
    static func read(_ path: String, strict: Bool) throws -> TraceLog {
        do {
            let (log, report) = try RecordedTraceReader.read(path: path, strict: strict)
            var line = "kpath: read \(path) (\(report.layout)): \(report.calls) calls, \(report.unknownLines) unknown lines"
            if let first = report.firstUnknown { line += " (the first at line \(first); --strict stops there)" }
            if report.orphanExits > 0 { line += ", \(report.orphanExits) exits whose entry is before the trace" }
            if report.unclosed > 0 { line += ", \(report.unclosed) calls not closed" }
            if report.lostEvents > 0 { line += ", \(report.lostEvents) events lost by the kernel" }
            FileOutput.stderr(line + "\n")
            return log
        } catch let error as RecordedTraceError {
            throw UserError(.input, error.description, located: true)
        }
    }
}
