import ArgumentParser

/// Measures, in one run, the speed and memory of the tracer, the simulator,
/// the exports and the TUI, and sets them beside the project's targets.
struct KpathBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpath-bench",
        abstract: "Speed and memory of kpath's tracer, simulator, exports and TUI, beside their targets.",
        discussion: "Build with -c release: a debug build measures the debugger's build, not kpath.")

    @Flag(help: "Print one JSON object (stable field names) instead of the table.")
    var json = false

    @Flag(help: "Reduced sizes: the whole run takes under 30 seconds.")
    var quick = false

    @Option(help: "Measure only these parts (repeatable): \(Part.allCases.map(\.rawValue).joined(separator: ", ")). Default: all.")
    var only: [Part] = []

    enum Part: String, CaseIterable, ExpressibleByArgument {
        case tracer, scaling, export, tui
        /// The README's command: its first build and a million-event lesson in tmux.
        case readme
    }

    func run() throws {
        let sizes = quick ? Sizes.quick : Sizes.full
        var report = Report(quick: quick)
        let progress = Progress(enabled: !json)

        let parts = Set(only.isEmpty ? Part.allCases : only)

        if parts.contains(.tracer) {
            progress("tracer overhead and simulator throughput")
            TracerBench.run(sizes, into: &report)
        }
        if parts.contains(.scaling) {
            progress("scaling: \(sizes.scaling.map(grouped).joined(separator: ", ")) connects")
            ScalingBench.run(sizes, into: &report, progress: progress)
        }
        if parts.contains(.export) || parts.contains(.tui) {
            progress("building a \(grouped(sizes.logEvents))-event log")
            let log = ExportBench.makeLog(events: sizes.logEvents, into: &report)
            if parts.contains(.export) {
                progress("exports")
                ExportBench.run(log, into: &report)
            }
            if parts.contains(.tui) {
                progress("TUI frames")
                TUIBench.run(log, into: &report)
            }
        }

        if parts.contains(.readme) {
            report.readme = try ReadmeCommandBench.run(firstBuild: !quick, progress: progress)
        }

        if json {
            print(report.json.rendered)
        } else {
            print(report.table)
        }
    }
}

/// How much work each measurement does.
struct Sizes {
    /// Cold connects for the recording/discarding comparison (and warm ones for throughput).
    var overheadConnects: Int
    /// Repetitions of each run; the fastest counts (the machine is shared and noisy).
    var repetitions: Int
    var scaling: [Int]
    /// Scaling rows up to this size also run with the recorder.
    var recordUpTo: Int
    var logEvents: Int
    /// Events for the tracer-only loop.
    var microEvents: Int

    static let quick = Sizes(overheadConnects: 4000, repetitions: 3, scaling: [1000, 10_000],
                             recordUpTo: 10_000, logEvents: 1_000_000, microEvents: 10_000_000)
    static let full = Sizes(overheadConnects: 20_000, repetitions: 5,
                            scaling: [1000, 10_000, 100_000, 1_000_000],
                            recordUpTo: 100_000, logEvents: 1_000_000, microEvents: 50_000_000)
}

/// One line on stderr per step, so a long run shows where it is.
struct Progress {
    let enabled: Bool
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    init(enabled: Bool) {
        self.enabled = enabled
        start = clock.now
    }

    func callAsFunction(_ step: String) {
        guard enabled else { return }
        let t = seconds(start.duration(to: clock.now))
        var err = StandardError()
        print("[" + fixed(t, 1).leftPadded(6) + "s] " + step, to: &err)
    }
}
