/// A JSON value, rendered with the keys in the order given.
enum JSON {
    case number(Double), int(Int), string(String), bool(Bool), null
    case array([JSON])
    case object([(String, JSON)])

    static func optional(_ x: Double?) -> JSON { x.map { .number($0) } ?? .null }

    var rendered: String { render(indent: "") }

    private func render(indent: String) -> String {
        let inner = indent + "  "
        switch self {
        case .number(let x): return x.isFinite ? "\(x)" : "null"
        case .int(let n): return String(n)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .string(let s): return JSON.quote(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + $0.render(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            return "{\n" + fields.map { inner + JSON.quote($0.0) + ": " + $0.1.render(indent: inner) }
                .joined(separator: ",\n") + "\n\(indent)}"
        }
    }

    private static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where u.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}

extension Report {
    /// The field names first, then the detail behind them.
    var json: JSON {
        .object([
            ("quick", .bool(quick)),
            ("tracer_overhead_ns_per_event", .number(tracerOverheadNsPerEvent)),
            // Event records; packet bytes are stored once and reported apart.
            ("recorder_bytes_per_event", .number(recorderEventBytesPerEvent)),
            ("sim_events_per_sec", .number(simEventsPerSec)),
            ("scaling", .array(scaling.map { r in
                .object([("connects", .int(r.connects)), ("seconds", .number(r.seconds)),
                         ("peak_rss_mb", .number(r.peakRssMb)), ("mode", .string(r.mode)),
                         ("pairs", .int(r.pairs)), ("us_per_connect", .number(r.usPerConnect)),
                         ("events", .int(r.events)), ("failed", .int(r.failed)),
                         ("log_mb", .optional(r.logMb))])
            })),
            ("export_ftrace_mb_per_sec", .number(exportFtraceMbPerSec)),
            ("export_pcap_mb_per_sec", .optional(exportPcapMbPerSec)),
            ("tui_frame_ms_max", tuiFrames.isEmpty ? .null : .number(tuiFrameMsMax)),

            ("recorder_event_bytes_per_event", .number(recorderEventBytesPerEvent)),
            ("recorder_packet_bytes_per_event", .number(recorderPacketBytesPerEvent)),
            ("tracer_micro_ns_per_event", .number(tracerMicroNsPerEvent)),
            ("tracer_micro_discarding_ns_per_event", .number(tracerMicroDiscardingNsPerEvent)),
            ("overhead_connects", .int(overheadConnects)),
            ("overhead_recorded_events", .int(recordedEvents)),
            ("overhead_recording_seconds", .number(recordingSeconds)),
            ("overhead_discarding_seconds", .number(discardingSeconds)),
            ("sim_events_per_sec_discarding", .number(simEventsPerSecDiscarding)),
            ("connects_per_sec_cold", .number(connectsPerSecCold)),
            ("connects_per_sec_warm", .number(connectsPerSecWarm)),
            ("events_per_connect_cold", .number(eventsPerConnectCold)),
            ("events_per_connect_warm", .number(eventsPerConnectWarm)),
            ("scaling_time_per_connect_ratio", .optional(scalingRatio)),
            ("scaling_ratio_sizes", scalingRatioSizes.map { .array([.int($0.0), .int($0.1)]) } ?? .null),
            ("neighbour_gc", .object([
                ("observed", .bool(neighbourGC.observed)),
                ("neigh_periodic_work_calls", .int(neighbourGC.periodicWorkCalls)),
                ("neigh_forced_gc_calls", .int(neighbourGC.forcedGCCalls)),
                ("entries_created", .int(neighbourGC.entriesCreated)),
                ("gc_thresh3", .int(neighbourGC.gcThresh3)),
                ("connects", .int(neighbourGC.measuredAt))])),
            ("export_log_events", .int(logEvents)),
            ("export_log_mb", .number(logMb)),
            ("export_ftrace_mb", .number(exportFtraceMb)),
            ("export_ftrace_extra_peak_mb", .number(exportFtraceExtraPeakMb)),
            ("exports", .array(exports.map { f in
                .object([("format", .string(f.format)), ("mb_per_sec", .number(f.mbPerSec)), ("mb", .number(f.mb)),
                         ("seconds", .number(f.seconds)), ("extra_peak_mb", .number(f.extraPeakMb))])
            })),
            ("export_pcap_mb", .optional(exportPcapMb)),
            ("export_pcap_extra_peak_mb", .optional(exportPcapExtraPeakMb)),
            ("tui_index_ms", .number(tuiIndexMs)),
            ("tui_index_extra_peak_mb", .number(tuiIndexExtraPeakMb)),
            ("tui_frames", .array(tuiFrames.map { .object([("cursor", .int($0.cursor)), ("ms", .number($0.ms))]) })),
            ("tui_size", .array([.int(tuiSize.width), .int(tuiSize.height)])),
            ("readme_command", readme.map { r in
                .object([("first_build_seconds", .optional(r.firstBuildSeconds)), ("events", .int(r.events)),
                         ("first_frame_seconds", .number(r.firstFrameSeconds)),
                         ("run_to_end_seconds", .number(r.runToEndSeconds)),
                         ("simulation_seconds", .number(r.simulationSeconds))])
            } ?? .null),
            ("targets", .array(checks.map { c in
                .object([("name", .string(c.name)), ("measured", .string(c.measured)), ("target", .string(c.target)),
                         ("met", c.met.map { .bool($0) } ?? .null)])
            })),
            ("notes", .array(notes.map { .string($0) })),
        ])
    }
}
