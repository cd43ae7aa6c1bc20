import Foundation
import Testing

/// `kpath open` on a real trace and `kpath FILE` on kpath's own JSON Lines,
/// in tmux: the TUI opens, steps, and quits with the terminal restored.
@Suite(.serialized) struct RecordedTraceWalkthroughTests {
    static let trace = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ExportTests/Fixtures/linux-6.1-cold-connect.trace-cmd-report.txt").path

    @Test(.enabled(if: Tool.path("tmux") != nil, "tmux is not installed: the TUI walkthrough needs it"))
    func aRealTraceAndAJSONLFileOpenStepAndQuit() throws {
        let kpath = try #require(KpathBinary.path, KpathBinary.missing)
        let jsonl = FileManager.default.temporaryDirectory.appendingPathComponent("kpath-e2e-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: jsonl) }
        let result = try Tool.run("/bin/bash", ["-c", Self.script, "kpath-e2e", kpath, Self.trace, jsonl])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("all checks passed"))
    }

    static let script = tmuxHarness + #"""
    TRACE=$2 JSONL=$3
    # 1. The trace-cmd report of a real connect: the tasks' own names, stepping.
    cd "$(dirname "$TRACE")"
    start "$KPATH open $(basename "$TRACE")" 120 30
    wait_for 'step 1/4026'
    wait_for 'SCENARIO A3 cold connect'
    keys s s
    wait_for 'step 3/'
    wait_for '__x64_sys_connect\(\) \{'
    wait_for 'traced · nc-721'
    # Over the rest of the glibc connect: hundreds of recorded calls in one step.
    keys n
    wait_for 'step [0-9]{3}/4026'
    keys q
    check_restored
    stop

    # 2. kpath's own JSON Lines, opened as `kpath FILE`.
    "$KPATH" trace cold-connect --format jsonl -o "$JSONL" || { echo "export failed"; exit 1; }
    cd "$(dirname "$JSONL")"
    start "$KPATH $(basename "$JSONL")" 120 30
    wait_for 'step 1/'
    keys s
    wait_for 'step 2/'
    keys q
    check_restored
    echo "all checks passed"
    """#
}
