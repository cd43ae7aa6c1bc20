import Export
import Foundation
import Scenarios
import Testing
import Tracing

/// Shared by the export tests: the built-in logs, run once, and a way to
/// run the independent tools (tcpdump, dot) the formats are checked with.
enum Fixture {
    static let cold = Scenario.named("cold-connect")!.log()
    static let warm = Scenario.named("warm-connect")!.log()
    static let names = Scenario.builtIn.map(\.name)
    static let logs = Dictionary(uniqueKeysWithValues: Scenario.builtIn.map { ($0.name, $0.log()) })
    static func log(_ name: String) -> TraceLog { logs[name]! }

    static func text(_ log: TraceLog, _ format: ExportFormat, _ options: ExportOptions = ExportOptions()) throws -> String {
        try TraceExport.renderText(log, format: format, options: options)
    }

    static func filter(_ f: EventFilter, graph: GraphKind = .calls) -> ExportOptions {
        ExportOptions(filter: f, graph: graph)
    }

    /// A fresh path in the temporary directory.
    static func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "kpath-export-\(getpid())-\(UUID().uuidString.prefix(8))-\(name)"
    }

    /// The full path of a tool on PATH, or nil.
    static func tool(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs a tool and returns its exit status, stdout and stderr.
    static func run(_ path: String, _ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// The frames a log put on the wire, in order, with their events.
    static func frames(_ log: TraceLog) -> [(event: Event, bytes: [UInt8])] {
        log.events.compactMap { e in
            guard case .frame(let p, _) = e.payload else { return nil }
            return (e, Array(log.packets[p]))
        }
    }
}
