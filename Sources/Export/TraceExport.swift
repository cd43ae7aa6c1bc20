import Tracing

/// Writes a log in any ``ExportFormat``, streaming.
///
/// Every format reads the log through the same ``FilteredEvents`` and
/// describes events with the same ``TraceLog/describe(_:)`` sentences as the
/// TUI, so all of them agree with what the screen showed. Output reaches the
/// sink in chunks of about ``OutputBuffer/chunkSize`` bytes, so exporting
/// costs one chunk of memory beyond the log, whatever its length.
public enum TraceExport {
    /// Streams `log` as `format` to `sink`, chunk by chunk. The bytes are
    /// valid only during the call. Binary formats (pcap) are passed as they are.
    /// - Throws: ``ExportError`` when the options do not fit the log (a host it does not have).
    public static func write(_ log: TraceLog, format: ExportFormat, options: ExportOptions = ExportOptions(),
                             to sink: (UnsafeRawBufferPointer) -> Void) throws {
        try check(options, against: log)
        var filter = options.filter
        switch format {
        case .pcap, .pcapng: filter.framesOfReceivers = true
        case .dot, .mermaid: filter.framesOfReceivers = options.graph == .frames
        default: filter.framesOfReceivers = false
        }
        let events = FilteredEvents(log, filter: filter)
        switch format {
        case .chain: run(ChainWriter(log: log, narration: options.narration), events, sink)
        case .ftrace: run(FtraceWriter(log: log, narration: options.narration), events, sink)
        case .jsonl: run(JSONLWriter(log: log), events, sink)
        case .pcap: run(PcapWriter(log: log), events, sink)
        case .pcapng: run(PcapngWriter(log: log, filter: filter), events, sink)
        case .perfetto: run(PerfettoWriter(log: log), events, sink)
        case .report: run(ReportWriter(log: log, sort: options.sort), events, sink)
        case .folded: run(FoldedWriter(log: log), events, sink)
        case .dot, .mermaid:
            let style: DiagramStyle = format == .dot ? .dot : .mermaid
            switch options.graph {
            case .calls: run(CallGraphWriter(log: log, style: style), events, sink)
            case .frames: run(FrameSequenceWriter(log: log, style: style, host: filter.host), events, sink)
            case .nud: run(NUDGraphWriter(log: log, style: style), events, sink)
            }
        }
    }

    /// Streams text formats as `String` chunks (each ends on a character boundary).
    /// - Precondition: `format` is not binary.
    public static func writeText(_ log: TraceLog, format: ExportFormat, options: ExportOptions = ExportOptions(),
                                 to sink: (String) -> Void) throws {
        precondition(!format.isBinary, "\(format) is binary; use write(_:format:options:to:)")
        try write(log, format: format, options: options) { sink(String(decoding: $0, as: UTF8.self)) }
    }

    /// The whole export in memory: for tests and small logs.
    public static func render(_ log: TraceLog, format: ExportFormat,
                              options: ExportOptions = ExportOptions()) throws -> [UInt8] {
        var out: [UInt8] = []
        try write(log, format: format, options: options) { out.append(contentsOf: $0) }
        return out
    }

    /// The whole export of a text format as a string.
    public static func renderText(_ log: TraceLog, format: ExportFormat,
                                  options: ExportOptions = ExportOptions()) throws -> String {
        String(decoding: try render(log, format: format, options: options), as: UTF8.self)
    }

    private static func check(_ options: ExportOptions, against log: TraceLog) throws {
        if let h = options.filter.host, Int(h) >= log.hosts.count {
            throw ExportError("host index \(h) is not in the log (it has \(log.hosts.count) hosts)")
        }
        if let d = options.filter.device {
            guard let h = options.filter.host else { throw ExportError("a device filter needs a host") }
            guard d >= 1, Int(d) < log.hosts[Int(h)].devices.count else {
                throw ExportError("ifindex \(d) is not a device of \(log.hosts[Int(h)].name)")
            }
        }
        if let d = options.filter.maxDepth, d < 0 {
            throw ExportError("depth must be 0 or more, not \(d)")
        }
        if let from = options.filter.from, let to = options.filter.to, from > to {
            throw ExportError("the time window is empty: from \(VirtualTime.format(from)) s is after to \(VirtualTime.format(to)) s")
        }
    }

    /// The one loop every format runs: header, filtered events, footer,
    /// flushing whenever a chunk is full. Generic, so each writer is specialised.
    private static func run<W: TraceWriter>(_ writer: W, _ events: FilteredEvents,
                                            _ sink: (UnsafeRawBufferPointer) -> Void) {
        var w = writer
        var out = OutputBuffer()
        w.header(into: &out)
        for (index, e) in events {
            w.event(e, index: index, into: &out)
            if out.isFull { out.flush(to: sink) }
        }
        w.footer(into: &out)
        out.flush(to: sink)
    }
}
