/// Everything one run measured; printed as a table or as JSON.
struct Report {
    var quick: Bool

    // 1. Tracer overhead
    var overheadConnects = 0
    var recordedEvents = 0
    var recordingSeconds = 0.0
    var discardingSeconds = 0.0
    var tracerOverheadNsPerEvent = 0.0
    /// The tracer alone in a loop (TracerMicro): the cost of one event, all in.
    var tracerMicroNsPerEvent = 0.0
    var tracerMicroDiscardingNsPerEvent = 0.0
    /// Events and packet bytes held by the recorder, per event.
    var recorderBytesPerEvent = 0.0
    var recorderEventBytesPerEvent = 0.0
    var recorderPacketBytesPerEvent = 0.0

    // 2. Simulator throughput
    var simEventsPerSec = 0.0
    var simEventsPerSecDiscarding = 0.0
    var eventsPerConnectCold = 0.0
    var eventsPerConnectWarm = 0.0
    var connectsPerSecCold = 0.0
    var connectsPerSecWarm = 0.0
    var scaling: [ScalingRow] = []
    /// Time per connect at the largest size over that at 10^4 (discarding rows).
    var scalingRatio: Double?
    var scalingRatioSizes: (Int, Int)?
    var neighbourGC = NeighbourGC()

    // 3. Exports
    var logEvents = 0
    var logMb = 0.0
    var logBuildSeconds = 0.0
    var exportFtraceMbPerSec = 0.0
    var exportFtraceMb = 0.0
    var exportFtraceExtraPeakMb = 0.0
    /// Every streaming format, ftrace and pcap included.
    var exports: [ExportFigure] = []
    var exportPcapMbPerSec: Double?
    var exportPcapMb: Double?
    var exportPcapExtraPeakMb: Double?

    // 4. TUI
    var tuiIndexMs = 0.0
    var tuiIndexExtraPeakMb = 0.0
    var tuiFrames: [(cursor: Int, ms: Double)] = []
    var tuiFrameMsMax = 0.0
    var tuiSize = (width: 0, height: 0)

    // 5. The README's command
    var readme: ReadmeCommandBench.Figures?

    var notes: [String] = []
}

struct ScalingRow {
    var connects: Int
    /// "discarding" (Tracer(recording: false)) or "recording".
    var mode: String
    var pairs: Int
    var seconds: Double
    var events: Int
    var failed: Int
    var peakRssMb: Double
    /// The log's events and packets (recording rows).
    var logMb: Double?
    var usPerConnect: Double { seconds * 1e6 / Double(connects) }
}

struct NeighbourGC {
    /// Whether a recorded scaling run called neigh_periodic_work or neigh_forced_gc.
    var observed = false
    var periodicWorkCalls = 0
    var forcedGCCalls = 0
    var entriesCreated = 0
    var gcThresh3 = 0
    var measuredAt = 0
}

// MARK: - Targets

/// A figure beside its target.
struct Check {
    let name: String
    let measured: String
    let target: String
    /// nil: not measured.
    let met: Bool?

    var status: String {
        switch met {
        case true?: "met"
        case false?: "MISSED"
        case nil: "not measured"
        }
    }
}

extension Report {
    var checks: [Check] {
        var c: [Check] = []
        c.append(Check(name: "tracer overhead", measured: fixed(tracerOverheadNsPerEvent, 1) + " ns/event",
                       target: "<= 10 ns/event", met: tracerOverheadNsPerEvent <= 10))
        c.append(Check(name: "recorder memory per event",
                       measured: fixed(recorderEventBytesPerEvent, 1) + " B/event",
                       target: "<= 24 B/event", met: recorderEventBytesPerEvent <= 24))
        c.append(Check(name: "packet bytes, stored once",
                       measured: fixed(recorderPacketBytesPerEvent, 1) + " B/event", target: "(not per event)", met: true))
        c.append(Check(name: "simulated events/s, recording",
                       measured: fixed(simEventsPerSec / 1e6, 2) + " M/s",
                       target: ">= 5 M/s", met: simEventsPerSec >= 5e6))
        if let r = scalingRatio, let (small, large) = scalingRatioSizes {
            c.append(Check(name: "time/connect at \(grouped(large)) vs \(grouped(small))",
                           measured: fixed(r, 2) + "x", target: "<= 1.5x", met: r <= 1.5))
        } else {
            c.append(Check(name: "time/connect at 10^6 vs 10^4", measured: "-",
                           target: "<= 1.5x", met: nil))
        }
        c.append(Check(name: "ftrace text export", measured: fixed(exportFtraceMbPerSec, 1) + " MB/s",
                       target: ">= 500 MB/s", met: exportFtraceMbPerSec >= 500))
        c.append(Check(name: "pcap export", measured: exportPcapMbPerSec.map { fixed($0, 1) + " MB/s" } ?? "-",
                       target: "(streaming)", met: exportPcapMbPerSec.map { _ in true }))
        if let r = readme {
            c.append(Check(name: "README command: G's end frame after the simulation",
                           measured: fixed(r.runToEndSeconds - r.simulationSeconds, 2) + " s",
                           target: "<= 1 s", met: r.runToEndSeconds - r.simulationSeconds <= 1))
        }
        c.append(Check(name: "TUI frame, worst position", measured: fixed(tuiFrameMsMax, 2) + " ms",
                       target: "<= 5 ms", met: tuiFrames.isEmpty ? nil : tuiFrameMsMax <= 5))
        return c
    }

    // MARK: - Table

    var table: String {
        var out = "kpath-bench\(quick ? " --quick" : "") (release build; wall clock; 1 MB = 2^20 bytes)\n\n"
        let rows = checks
        let w0 = max(36, rows.map(\.name.count).max()! + 2), w1 = 20, w2 = 18
        out += "figure".rightPadded(w0) + "measured".rightPadded(w1) + "target".rightPadded(w2) + "\n"
        for r in rows {
            out += r.name.rightPadded(w0) + r.measured.rightPadded(w1) + r.target.rightPadded(w2) + r.status + "\n"
        }

        out += "\n1. Tracer: \(grouped(overheadConnects)) cold connects, \(grouped(recordedEvents)) events recorded\n"
        out += "   recording \(fixed(recordingSeconds, 3)) s, discarding \(fixed(discardingSeconds, 3)) s (fastest of the repetitions)\n"
        out += "   the tracer alone (enter/exit in a loop): \(fixed(tracerMicroNsPerEvent, 1)) ns/event recording, "
        out += "\(fixed(tracerMicroDiscardingNsPerEvent, 1)) ns/event discarding\n"
        out += "   recorder per event: \(fixed(recorderEventBytesPerEvent, 1) ) B events (array capacity) + "
        out += "\(fixed(recorderPacketBytesPerEvent, 1)) B packet store = \(fixed(recorderBytesPerEvent, 1)) B\n"

        out += "\n2. Simulator: \(fixed(simEventsPerSec / 1e6, 2)) M events/s recording, "
        out += "\(fixed(simEventsPerSecDiscarding / 1e6, 2)) M/s discarding\n"
        out += "   cold connects \(fixed(connectsPerSecCold, 0))/s (\(fixed(eventsPerConnectCold, 0)) events each), "
        out += "warm \(fixed(connectsPerSecWarm, 0))/s (\(fixed(eventsPerConnectWarm, 0)) events each), recording\n"
        out += "   scaling (cold connects, one new neighbour each; pairs of client and many-address peer):\n"
        out += "   " + ["connects", "mode", "pairs", "seconds", "us/connect", "events", "peak RSS MB", "log MB"]
            .enumerated().map { $0.element.leftPadded([10, 11, 6, 9, 11, 14, 12, 9][$0.offset]) }.joined() + "\n"
        for r in scaling {
            let cells = [grouped(r.connects), r.mode, String(r.pairs), fixed(r.seconds, 2), fixed(r.usPerConnect, 1),
                         grouped(r.events), fixed(r.peakRssMb, 0), r.logMb.map { fixed($0, 0) } ?? "-"]
            out += "   " + cells.enumerated().map { $0.element.leftPadded([10, 11, 6, 9, 11, 14, 12, 9][$0.offset]) }
                .joined() + (r.failed > 0 ? "  (\(r.failed) failed)" : "") + "\n"
        }
        let gc = neighbourGC
        out += "   neighbour GC (recorded run of \(grouped(gc.measuredAt)) connects, \(grouped(gc.entriesCreated)) entries created, "
        out += "gc_thresh3 \(gc.gcThresh3)): "
        out += gc.observed
            ? "neigh_periodic_work \(gc.periodicWorkCalls) calls, neigh_forced_gc \(gc.forcedGCCalls) calls\n"
            : "not implemented yet (no neigh_periodic_work / neigh_forced_gc call in the log)\n"

        out += "\n3. Exports of a \(grouped(logEvents))-event log (\(fixed(logMb, 0)) MB in memory, built in \(fixed(logBuildSeconds, 2)) s), streamed to a byte counter:\n"
        out += "   " + ["format", "MB/s", "MB out", "seconds", "peak beyond log MB"]
            .enumerated().map { $0.element.leftPadded([8, 10, 10, 10, 20][$0.offset]) }.joined() + "\n"
        for f in exports {
            let cells = [f.format, fixed(f.mbPerSec, 1), fixed(f.mb, 1), fixed(f.seconds, 2), fixed(f.extraPeakMb, 1)]
            out += "   " + cells.enumerated().map { $0.element.leftPadded([8, 10, 10, 10, 20][$0.offset]) }.joined() + "\n"
        }

        out += "\n4. TUI (\(tuiSize.width)x\(tuiSize.height), FrameBuilder): index of the log \(fixed(tuiIndexMs, 0)) ms "
        out += "(+\(fixed(tuiIndexExtraPeakMb, 0)) MB peak); frames: "
        out += tuiFrames.map { "\(grouped($0.cursor)): \(fixed($0.ms, 2)) ms" }.joined(separator: ", ") + "\n"

        if let r = readme {
            out += "\n5. The README's command (swift run kpath: debug, simulating modules optimised), \(r.binary):\n"
            out += "   first build from a clean folder: " + (r.firstBuildSeconds.map { fixed($0, 0) + " s" } ?? "not measured (--quick)") + "\n"
            out += "   a \(grouped(r.events))-event lesson in tmux at 200x50: first frame \(fixed(r.firstFrameSeconds, 2)) s after launch; "
            out += "G to the last frame \(fixed(r.runToEndSeconds, 2)) s; the simulation alone \(fixed(r.simulationSeconds, 2)) s in this process\n"
        }

        if !notes.isEmpty { out += "\nNotes:\n" + notes.map { "- " + $0 + "\n" }.joined() }
        return out
    }
}
