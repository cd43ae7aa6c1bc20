import Foundation
import Tracing

/// Writes the trace so far as text. The renderer is passed in (the Export
/// module's `TextExport.render`) so the TUI's tests can use a stand-in.
public struct Exporter: Sendable {
    public var render: @Sendable (TraceLog, String) -> String
    /// Where files go first; the temporary directory is the fallback.
    public var directory: String

    public init(directory: String = FileManager.default.currentDirectoryPath,
                render: @escaping @Sendable (TraceLog, String) -> String) {
        self.render = render
        self.directory = directory
    }
}

extension Session {
    func export(format: String) {
        guard let exporter, cursor >= 0 else { return }
        let text = exporter.render(log.prefix(cursor + 1), format)
        let name = "kpath-\(scenarioName)-step\(cursor + 1).\(format).txt"
        for dir in [exporter.directory, NSTemporaryDirectory()] {
            let path = URL(fileURLWithPath: dir).appendingPathComponent(name).path
            if (try? text.write(toFile: path, atomically: true, encoding: .utf8)) != nil {
                message = "wrote events 1–\(cursor + 1) as \(format) to \(path)"
                return
            }
        }
        message = "could not write \(name) here or in \(NSTemporaryDirectory())"
    }
}
