import Export
import Tracing

/// Measurement 3: the exports of a log of at least a million events,
/// streamed to a sink that only counts bytes.
enum ExportBench {
    /// A log of cold connects with at least `events` events.
    static func makeLog(events: Int, into r: inout Report) -> TraceLog {
        let m = ManyPeers(.init(connects: events / 500 + 1, perPair: 8000, recording: true, eventLimit: events))
        r.logBuildSeconds = timed { m.run() }.seconds
        let log = m.world.tracer.log
        r.logEvents = log.count
        r.logMb = mb(log.events.reservedBytes + log.packets.bytes.capacity)
        return log
    }

    static func run(_ log: TraceLog, into r: inout Report) {
        for format in ExportFormat.allCases where format != .dot && format != .mermaid {
            guard let m = measure(log, format) else {
                r.notes.append("export \(format.rawValue) failed on the benchmark log")
                continue
            }
            r.exports.append(m)
        }
        if let f = r.exports.first(where: { $0.format == "ftrace" }) {
            r.exportFtraceMbPerSec = f.mbPerSec; r.exportFtraceMb = f.mb; r.exportFtraceExtraPeakMb = f.extraPeakMb
        }
        if let p = r.exports.first(where: { $0.format == "pcap" }) {
            r.exportPcapMbPerSec = p.mbPerSec; r.exportPcapMb = p.mb; r.exportPcapExtraPeakMb = p.extraPeakMb
        }
    }

    /// One streaming export into a sink that only counts the bytes.
    private static func measure(_ log: TraceLog, _ format: ExportFormat) -> ExportFigure? {
        Memory.resetPeak()
        let before = Memory.resident
        var bytes = 0
        let t = timed { () -> Bool in
            (try? TraceExport.write(log, format: format) { bytes += $0.count }) != nil
        }
        guard t.value else { return nil }
        return ExportFigure(format: format.rawValue, mb: mb(bytes), seconds: t.seconds,
                            extraPeakMb: mb(max(0, Memory.peak - before)))
    }
}

struct ExportFigure {
    var format: String
    var mb: Double
    var seconds: Double
    /// Peak resident memory during the export, beyond what was resident before it.
    var extraPeakMb: Double
    var mbPerSec: Double { mb / seconds }
}
