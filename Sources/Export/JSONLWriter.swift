import Tracing

/// JSON Lines, schema version 1 (docs/jsonl.md): a header line, then one
/// line per event; a packet's bytes get their own line just before the first
/// event that names it. Every raw field is written, so ``JSONLReader`` gives
/// back the same log; the decoded fields (`fn`, `ret`, `text`...) are for
/// scripts, and `text` is the TUI's sentence for the event.
struct JSONLWriter: TraceWriter {
    let log: TraceLog
    /// Packets already written, by index in the log.
    private var written: [Bool]

    init(log: TraceLog) {
        self.log = log
        written = Array(repeating: false, count: log.packets.count)
    }

    func header(into out: inout OutputBuffer) {
        let hosts = log.hosts.map { h in
            "{\"name\":\(JSONText.string(h.name)),\"devices\":[" + h.devices.map(JSONText.string).joined(separator: ",")
                + "],\"links\":[" + h.links.map(JSONText.string).joined(separator: ",") + "]}"
        }.joined(separator: ",")
        out += "{\"\(JSONLSchema.magic)\":\(JSONLSchema.version),\"scenario\":\(JSONText.string(log.scenario)),"
            + "\"seed\":\(log.seed),\"hosts\":[\(hosts)]}\n"
    }

    mutating func event(_ e: Event, index: Int, into out: inout OutputBuffer) {
        if JSONLSchema.carriesPacket(e), Int(e.arg) < written.count, !written[Int(e.arg)] {
            written[Int(e.arg)] = true
            out += "{\"packet\":\(e.arg),\"hex\":\"\(JSONText.hex(log.packets[e.arg]))\"}\n"
        }
        var line = "{\"i\":\(index),\"t\":\(e.time),\"host\":\(e.host),\"ctx\":\(JSONText.string(e.context.name)),"
            + "\"depth\":\(e.depth),\"kind\":\"\(JSONLSchema.name(e.kind))\","
            + "\"code\":\(e.code),\"aux\":\(e.aux),\"arg\":\(e.arg),\"skb\":\(e.skb)"
        switch e.payload {
        case .enter(let fn, _):
            line += ",\"fn\":\"\(fn.name)\""
        case .exit(let fn, let ret):
            line += ",\"fn\":\"\(fn.name)\""
            if ret != Event.voidReturn { line += ",\"ret\":\(ret)" }
        case .indirectCall(let p, let target):
            line += ",\"fn\":\"\(target.name)\",\"pointer\":\(JSONText.string("\(p)"))"
        case .branch(let fn, _, _):
            line += ",\"fn\":\"\(fn.name)\""
        case .frame(let packet), .skbData(let packet):
            line += ",\"packet\":\(packet)"
        default:
            break
        }
        if let text = log.describe(e) { line += ",\"text\":\(JSONText.string(text))" }
        out += line + "}\n"
    }

    func footer(into out: inout OutputBuffer) {}
}
