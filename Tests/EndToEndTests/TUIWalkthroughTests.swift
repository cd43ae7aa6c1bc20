import Foundation
import Testing

/// Drives the real `kpath` binary in tmux, as a person would.
@Suite(.serialized) struct TUIWalkthroughTests {
    @Test(.enabled(if: Tool.path("tmux") != nil, "tmux is not installed: the TUI walkthrough needs it"))
    func walkthroughOfTheColdConnect() throws {
        let kpath = try #require(KpathBinary.path, KpathBinary.missing)
        let result = try Tool.run("/bin/bash", ["-c", tuiWalkthroughScript, "kpath-e2e", kpath])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("all checks passed"))
    }

    @Test func withoutATerminalItSaysSoAndExitsWithTheTerminalStatus() throws {
        let kpath = try #require(KpathBinary.path, KpathBinary.missing)
        // stdin and stdout are pipes here: no ncurses call may happen.
        let result = try Tool.run(kpath, [])
        #expect(result.status == 69)
        #expect(result.output == "kpath: not a terminal; use 'kpath trace' for text output\n")
    }
}

/// Finds the `kpath` built next to this test bundle (same scratch path), or
/// the one named by KPATH_BIN.
enum KpathBinary {
    static let missing: Comment = "kpath binary not found next to the tests; run `swift build` first or set KPATH_BIN"

    static var path: String? {
        if let env = ProcessInfo.processInfo.environment["KPATH_BIN"] { return env }
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = me.deletingLastPathComponent()
        // The test binary may sit inside a bundle directory; walk up a little.
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("kpath").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }
}

enum Tool {
    static func path(_ name: String) -> String? {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return dirs.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `executable` with stdin from /dev/null; stdout and stderr together.
    /// Output goes to a file, not a pipe: a daemon the command starts (the
    /// tmux server) could hold a pipe open and the read would never end.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kpath-e2e-\(UUID()).out")
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
        }
        defer { try? FileManager.default.removeItem(at: file) }
        let out = try FileHandle(forWritingTo: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.standardOutput = out
        p.standardError = out
        p.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        try p.run()
        p.waitUntilExit()
        try out.close()
        return (p.terminationStatus, try String(contentsOf: file, encoding: .utf8))
    }
}

/// A TUI whose terminal disappears must end, even when its parent handed it
/// SIGHUP blocked (a blocked hangup once left kpath spinning for hours).
@Suite struct HangupTests {
    @Test(.enabled(if: Tool.path("tmux") != nil && Tool.path("python3") != nil, "needs tmux and python3"))
    func closingTheTerminalEndsTheTUI() throws {
        let kpath = try #require(KpathBinary.path, KpathBinary.missing)
        let result = try Tool.run("/bin/bash", ["-c", tmuxHarness + #"""
            start "exec python3 -c 'import os, signal, sys; signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGHUP}); os.execv(sys.argv[1], sys.argv[1:])' $KPATH" 100 30
            wait_for 'Call tree'
            pid=$(t display -p -t tui '#{pane_pid}')
            # The terminal disappears at once, as when its window is closed.
            kill -9 "$(t display -p '#{pid}')"
            # Ended: gone, or a zombie (its parent, the tmux server, is gone too).
            for _ in $(seq 1 50); do
              state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)
              [[ -z $state || $state == Z ]] && { echo "ended"; exit 0; }
              sleep 0.1
            done
            kill -9 "$pid"; echo "still running 5 s after its terminal closed" >&2; exit 1
            """#, "kpath-hangup", kpath])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("ended"))
    }
}
