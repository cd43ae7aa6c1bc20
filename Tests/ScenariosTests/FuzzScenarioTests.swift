import Scenarios
import Testing

/// Mangled scenario files: each one either loads or gives a located error —
/// never a crash. The mutations are seeded, so a failure is reproducible.
@Suite struct FuzzScenarioTests {
    struct Generator {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }

    static let pieces = [":", "-", " ", "\n", "[", "]", "{", "}", "0", "999999999999", "/", "10.0.0.", "\"", "#",
                         "-j", "nud", "at:", "ms", "eth0", "\t", "é", "·", "-1", "65536", "default"]

    @Test func mangledFilesNeverCrashTheLoader() {
        var g = Generator(state: 42)
        let base = Array(MalformedScenarioTests.valid)
        var loaded = 0, rejected = 0
        for _ in 0..<1500 {
            var text = base
            for _ in 0..<(1 + g.next(4)) {
                let at = g.next(text.count)
                switch g.next(3) {
                case 0: text.remove(at: at)
                case 1: text.insert(contentsOf: Self.pieces[g.next(Self.pieces.count)], at: at)
                default: text[at] = Self.pieces[g.next(Self.pieces.count)].first!
                }
            }
            do {
                let spec = try ScenarioFile.parse(String(text), file: "fuzz.yaml")
                _ = Scenario(spec: spec).log()   // and what loads also runs
                loaded += 1
            } catch let e as ScenarioError {
                #expect(e.line >= 1 && e.column >= 1 && !e.message.isEmpty)
                rejected += 1
            } catch {
                Issue.record("not a ScenarioError: \(error)")
            }
        }
        #expect(loaded > 0 && rejected > 0)
    }
}
