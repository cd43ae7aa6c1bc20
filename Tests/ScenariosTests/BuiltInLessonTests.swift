import Foundation
import Scenarios
import Testing

@Suite struct BuiltInLessonTests {
    /// A built-in lesson that fails to load would silently vanish from the
    /// list; load each file here and report its error.
    @Test func everyLessonFileLoads() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Scenarios/Lessons")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.count == 17)
        for f in files {
            #expect(throws: Never.self, "\(f)") { _ = try Scenario.load(path: dir.appendingPathComponent(f).path) }
        }
        #expect(Scenario.builtIn.count == files.count)
    }

    /// Every lesson speaks to students: its narration names simulated functions
    /// (the loader checks that) and is not empty.
    @Test(arguments: Scenario.builtIn.map(\.name))
    func everyLessonHasNarration(name: String) {
        #expect(Scenario.named(name)!.spec.narration.count >= 3)
    }
}
