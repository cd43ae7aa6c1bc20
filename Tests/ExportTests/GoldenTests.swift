import Export
import Foundation
import Scenarios
import Testing
import Tracing

/// Traces/<scenario>.<format> are the reviewed goldens. A difference is
/// either a bug or an intended change: regenerate with
/// `scripts/regenerate-traces` and review the diff.
@Suite struct GoldenTests {
    static let traces = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Traces")

    static let cases = Scenario.builtIn.flatMap { s in [ExportFormat.chain, .ftrace].map { (s.name, $0) } }

    @Test(arguments: cases)
    func theExportMatchesTheGolden(scenario: String, format: ExportFormat) throws {
        let url = Self.traces.appendingPathComponent("\(scenario).\(format.rawValue)")
        try Self.compare(TraceExport.renderText(Scenario.named(scenario)!.log(), format: format), with: url)
    }

    /// cold-connect on the 6.1 profile (`kpath trace cold-connect --kernel 6.1`).
    @Test(arguments: [ExportFormat.chain, .ftrace])
    func coldConnectOnLinux61MatchesItsGolden(format: ExportFormat) throws {
        var lesson = Scenario.named("cold-connect")!
        lesson.spec.kernel = .v6_1
        let url = Self.traces.appendingPathComponent("cold-connect.6.1.\(format.rawValue)")
        try Self.compare(TraceExport.renderText(lesson.log(), format: format), with: url)
    }

    private static func compare(_ text: String, with url: URL) throws {
        let golden = try String(contentsOf: url, encoding: .utf8)
        if text != golden {
            let a = text.split(separator: "\n", omittingEmptySubsequences: false)
            let b = golden.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            Issue.record("""
                \(url.lastPathComponent) differs from line \(line + 1) (run scripts/regenerate-traces if intended):
                  now:    \(line < a.count ? a[line] : "<end>")
                  golden: \(line < b.count ? b[line] : "<end>")
                """)
        }
    }

    /// `kpath report` and `kpath report --format folded` of two lessons.
    static let reports = ["cold-connect", "router-forward"].flatMap { s in [(s, ExportFormat.report), (s, .folded)] }

    @Test(arguments: reports)
    func theReportMatchesTheGolden(scenario: String, format: ExportFormat) throws {
        let url = Self.traces.appendingPathComponent("\(scenario).\(format.fileExtension)")
        let golden = try String(contentsOf: url, encoding: .utf8)
        let text = try TraceExport.renderText(Scenario.named(scenario)!.log(), format: format)
        #expect(text == golden, "\(url.lastPathComponent) differs (run scripts/regenerate-traces if intended)")
    }

    @Test func everyBuiltInLessonHasItsGoldens() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.traces.path)
        for (scenario, format) in Self.cases {
            #expect(files.contains("\(scenario).\(format.rawValue)"))
        }
    }
}
