import Export
import Scenarios
import Testing
import Tracing

/// Hand-outs: a lesson's narration as comments in the text formats.
@Suite struct AnnotateTests {
    static let lesson = Scenario.defaultScenario
    static let narration = Dictionary(uniqueKeysWithValues: lesson.spec.narration.map { (Fn(name: $0.key)!, $0.value) })

    @Test(arguments: [ExportFormat.chain, .ftrace])
    func eachNarratedFunctionGetsItsLineOnceRightAfterItsFirstCall(format: ExportFormat) throws {
        let text = try TraceExport.renderText(Self.lesson.log(), format: format,
                                              options: ExportOptions(narration: Self.narration))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(!Self.narration.isEmpty)
        for (fn, line) in Self.narration {
            let hits = lines.indices.filter { lines[$0].contains("» " + line) }
            #expect(hits.count == 1, "\(fn.name)")
            if let h = hits.first {
                #expect(lines[h - 1].contains("\(fn.name)()"), "the line follows the call: \(lines[h - 1])")
            }
        }
    }

    @Test func withoutNarrationNothingChanges() throws {
        let log = Self.lesson.log()
        let plain = try TraceExport.renderText(log, format: .chain)
        #expect(!plain.contains("» "))
    }
}
