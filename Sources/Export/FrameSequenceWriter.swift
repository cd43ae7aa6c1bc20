import Tracing

/// A sequence diagram of the frames between hosts: one lifeline per host,
/// one arrow per frame and receiver (a broadcast gets an arrow to every
/// host it reached, see ``FrameDelivery``), labelled with the virtual time
/// and the tcpdump-style summary the TUI shows. Streams: each frame is
/// written as it is met.
struct FrameSequenceWriter: TraceWriter {
    let log: TraceLog
    let style: DiagramStyle
    let host: UInt8?
    private let delivery: FrameDelivery
    private var row = 0

    init(log: TraceLog, style: DiagramStyle, host: UInt8?) {
        self.log = log; self.style = style; self.host = host
        delivery = FrameDelivery(log)
    }

    func header(into out: inout OutputBuffer) {
        switch style {
        case .dot:
            out += "// kpath frames: \(log.title); one row per frame, top to bottom in virtual time\n"
            out += "digraph frames {\n  rankdir=TB;\n  splines=false;\n  nodesep=2.5;\n"
            out += "  node [shape=point, width=0.05];\n  edge [fontname=\"monospace\", fontsize=10];\n"
            for (i, h) in log.hosts.enumerated() {
                out += "  h\(i) [shape=box, width=1, label=\(DiagramStyle.dotQuoted(h.name))];\n"
            }
            out += "  { rank=same; " + log.hosts.indices.map { "h\($0);" }.joined(separator: " ") + " }\n"
        case .mermaid:
            out += "%% kpath frames: \(log.title)\n"
            out += "sequenceDiagram\n"
            for (i, h) in log.hosts.enumerated() {
                out += "    participant h\(i) as \(DiagramStyle.mermaidText(h.name))\n"
            }
        }
    }

    mutating func event(_ e: Event, index: Int, into out: inout OutputBuffer) {
        guard case .frame(let packet, _) = e.payload else { return }
        row += 1
        let text = "\(secondsText(e.time)) \(PacketDecoder.tcpdumpLine(log.packets[packet]))"
        var receivers = delivery.receivers(of: e, in: log)
        if let host, e.host != host { receivers = receivers.filter { $0 == host } }
        switch style {
        case .dot:
            let previous = row == 1 ? "" : "_\(row - 1)"
            for h in log.hosts.indices {
                out += "  h\(h)_\(row);\n  h\(h)\(previous) -> h\(h)_\(row) [arrowhead=none, style=dashed, color=gray];\n"
            }
            out += "  { rank=same; " + log.hosts.indices.map { "h\($0)_\(row);" }.joined(separator: " ") + " }\n"
            for r in receivers {
                out += "  h\(e.host)_\(row) -> h\(r)_\(row) [label=\(DiagramStyle.dotQuoted("\(row). \(text)")), constraint=false];\n"
            }
            if receivers.isEmpty {
                out += "  h\(e.host)_\(row) [xlabel=\(DiagramStyle.dotQuoted("\(row). \(text) (no receiver)"))];\n"
            }
        case .mermaid:
            for r in receivers {
                out += "    h\(e.host)->>h\(r): \(DiagramStyle.mermaidText(text))\n"
            }
            if receivers.isEmpty {
                out += "    Note over h\(e.host): \(DiagramStyle.mermaidText(text)) (no receiver)\n"
            }
        }
    }

    func footer(into out: inout OutputBuffer) {
        if style == .dot { out += "}\n" }
    }
}
