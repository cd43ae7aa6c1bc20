import Foundation
import Scenarios

/// Measurement 5: the README's own command, `swift run kpath`, as a newcomer
/// meets it: how long its first build takes from a clean folder, and how it
/// handles a lesson of a million events in a real terminal (tmux): the
/// first frame, and `G` to the last frame beside the simulation alone.
enum ReadmeCommandBench {
    struct Figures {
        /// A clean debug build of the kpath product; nil when skipped (--quick).
        var firstBuildSeconds: Double?
        var events = 0
        var firstFrameSeconds = 0.0
        /// From pressing G to the screen showing the last event.
        var runToEndSeconds = 0.0
        /// The same lesson simulated in this process (the same optimised modules).
        var simulationSeconds = 0.0
        var binary = ""
    }

    /// The package this bench was built from: the README's command builds it.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static func run(firstBuild: Bool, progress: Progress) throws -> Figures {
        var f = Figures()
        let scratch = NSTemporaryDirectory() + "kpath-bench-readme-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        if firstBuild {
            progress("the README's command: a clean debug build (minutes)")
            let (s, status) = try timed { try shell("cd '\(packageRoot)' && swift build --product kpath --scratch-path '\(scratch)' >/dev/null 2>&1") }
            guard status == 0 else { throw BenchError("swift build failed in \(packageRoot)") }
            f.firstBuildSeconds = s
            f.binary = scratch + "/debug/kpath"
        } else {
            f.binary = packageRoot + "/.build/debug/kpath"
            guard FileManager.default.isExecutableFile(atPath: f.binary) else {
                throw BenchError("no debug build at \(f.binary); run swift build first, or measure without --quick")
            }
        }
        let yaml = NSTemporaryDirectory() + "kpath-bench-million-\(getpid()).yaml"
        defer { try? FileManager.default.removeItem(atPath: yaml) }
        try millionEventLesson.write(toFile: yaml, atomically: true, encoding: .utf8)

        progress("the README's command on a million-event lesson: simulation alone")
        let lesson = try Scenario.load(path: yaml)
        let (sim, log) = timed { lesson.log() }
        f.simulationSeconds = sim
        f.events = log.count

        progress("the README's command on a million-event lesson, in tmux: first frame, then G")
        let socket = "kpath-bench-\(getpid())"
        let tmux = "tmux -L \(socket) -f /dev/null"
        defer { _ = try? shell("\(tmux) kill-server 2>/dev/null") }
        let clock = ContinuousClock()
        let launched = clock.now
        guard try shell("\(tmux) new-session -d -x 200 -y 50 -e LANG=C.UTF-8 '\(f.binary) \(yaml); sleep 600'") == 0 else {
            throw BenchError("tmux could not start \(f.binary)")
        }
        try waitFor(tmux, deadline: 120) { $0.contains(" kpath · ") && $0.contains("step 1/") }
        f.firstFrameSeconds = seconds(launched.duration(to: clock.now))
        let pressed = clock.now
        _ = try shell("\(tmux) send-keys G")
        try waitFor(tmux, deadline: 600) { screen in
            guard let status = screen.split(separator: "\n").first, status.contains("finished") else { return false }
            return status.contains("step \(f.events)/\(f.events)")
        }
        f.runToEndSeconds = seconds(pressed.duration(to: clock.now))
        return f
    }

    /// Polls the screen every 20 ms until `done` says so.
    private static func waitFor(_ tmux: String, deadline: Double, _ done: (String) -> Bool) throws {
        let clock = ContinuousClock(), start = clock.now
        while seconds(start.duration(to: clock.now)) < deadline {
            if done(try output("\(tmux) capture-pane -p")) { return }
            usleep(20_000)
        }
        throw BenchError("the screen did not reach the expected state in \(Int(deadline)) s:\n" + (try output("\(tmux) capture-pane -p")))
    }

    /// 30 clients connecting 64 times each to one server: about 1.1 million events.
    static let millionEventLesson: String = {
        var y = "name: million\nsummary: \"30 clients, 64 connects each\"\nhosts:\n"
        for h in 1...30 {
            y += "  - {name: c\(h), devices: [{name: eth0, mac: \"02:00:00:00:01:\(String(format: "%02x", h))\", addresses: [10.0.1.\(h)/16]}]}\n"
        }
        y += "  - {name: server, devices: [{name: eth0, mac: \"02:00:00:00:ff:ff\", addresses: [10.0.255.254/16]}], listen: [80]}\n"
        y += "timeline:\n"
        for i in 0..<64 { for h in 1...30 { y += "  - {at: \(i * 10)ms, connect: {from: c\(h), to: 10.0.255.254:80}}\n" } }
        return y
    }()

    @discardableResult
    private static func shell(_ command: String) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    private static func output(_ command: String) throws -> String {
        let p = Process(), pipe = Pipe()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
