import Tracing

/// JSON Lines, schema version 2 (docs/jsonl.md): a header line, then one
/// line per event; a packet's bytes get their own line just before the first
/// event that names it. Every raw field is written, so ``JSONLReader`` gives
/// back the same log; the decoded fields (`fn`, `ret`, `text`...) are for
/// scripts, and `text` is the TUI's sentence for the event.
struct JSONLWriter: TraceWriter {
    let log: TraceLog
    /// Packets already written, by index in the log.
    private var written: [Bool]
    /// By `ExecutionContext.rawValue`: the context's name as a JSON string.
    private let contextNames: [[UInt8]] = ExecutionContext.allCases.map { Array(JSONText.string($0.name).utf8) }

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
        out += "{\"i\":"
        out.appendDecimal(UInt64(index))
        out += ",\"t\":"
        out.appendDecimal(e.time)
        out += ",\"host\":"
        out.appendDecimal(UInt64(e.host))
        out += ",\"ctx\":"
        out.append(bytes: contextNames[Int(e.context.rawValue)])
        out += ",\"depth\":"
        out.appendDecimal(UInt64(e.depth))
        out += ",\"kind\":\"" + JSONLSchema.name(e.kind) + "\",\"code\":"
        out.appendDecimal(UInt64(e.code))
        out += ",\"aux\":"
        out.appendDecimal(UInt64(e.aux))
        out += ",\"arg\":"
        out.appendDecimal(UInt64(e.arg))
        out += ",\"skb\":"
        out.appendDecimal(UInt64(e.skb))
        switch e.payload {
        case .enter(let fn, _), .branch(let fn, _):
            function(fn, &out)
        case .exit(let fn, let ret):
            function(fn, &out)
            if ret != Event.voidReturn {
                out += ",\"ret\":"
                out.appendDecimal(Int64(ret))
            }
        case .indirectCall(let p, let target):
            function(target, &out)
            out += ",\"pointer\":"
            JSONText.append(p.description, to: &out)
        case .frame(let packet, _), .skbData(let packet):
            out += ",\"packet\":"
            out.appendDecimal(UInt64(packet))
        default:
            break
        }
        if let text = log.describe(e) {
            out += ",\"text\":"
            JSONText.append(text, to: &out)
        }
        out += "}\n"
    }

    /// `,"fn":"name"`.
    private func function(_ fn: Fn, _ out: inout OutputBuffer) {
        out += ",\"fn\":\""
        out.append(name: fn)
        out.append(UInt8(ascii: "\""))
    }

    func footer(into out: inout OutputBuffer) {}
}
