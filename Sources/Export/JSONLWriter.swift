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
    /// By `ExecutionContext.rawValue`: the context's name as a JSON string
    /// (a recorded trace's: the task's `comm-pid`).
    private let contextNames: [[UInt8]]

    init(log: TraceLog) {
        self.log = log
        contextNames = ExecutionContext.allCases.map { c in
            let task = log.recording?.tasks[Int(c.rawValue)] ?? ""
            return Array(JSONText.string(task.isEmpty ? c.name : task).utf8)
        }
        written = Array(repeating: false, count: log.packets.count)
    }

    func header(into out: inout OutputBuffer) {
        let hosts = log.hosts.map { h in
            "{\"name\":\(JSONText.string(h.name)),\"devices\":[" + h.devices.map(JSONText.string).joined(separator: ",")
                + "],\"links\":[" + h.links.map(JSONText.string).joined(separator: ",") + "]}"
        }.joined(separator: ",")
        // A recorded trace's tasks, by context: `ctx` names only the context's kind.
        let recording = log.recording.map { r in
            ",\"recording\":{\"source\":\(JSONText.string(r.source)),\"layout\":\(JSONText.string(r.layout)),\"tasks\":{"
                + r.tasks.enumerated().filter { !$0.element.isEmpty }.map { "\"\($0.offset)\":\(JSONText.string($0.element))" }
                    .joined(separator: ",") + "}}"
        } ?? ""
        out += "{\"\(JSONLSchema.magic)\":\(JSONLSchema.version),\"scenario\":\(JSONText.string(log.scenario)),"
            + "\"seed\":\(log.seed),\"kernel\":\"\(log.kernel)\",\"hosts\":[\(hosts)]\(recording)}\n"
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
        // Spans by kind: a recorded trace's functions are outside the catalogue.
        switch e.kind == .enter || e.kind == .exit ? .unknown(e) : e.payload {
        case .unknown where e.kind == .enter, .branch:
            function(e.code, &out)
        case .unknown where e.kind == .exit:
            function(e.code, &out)
            let ret = Int32(bitPattern: e.arg)
            if ret != Event.voidReturn {
                out += ",\"ret\":"
                out.appendDecimal(Int64(ret))
            }
        case .indirectCall(let p, let target):
            function(target.rawValue, &out)
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
    private func function(_ code: UInt16, _ out: inout OutputBuffer) {
        out += ",\"fn\":"
        JSONText.append(log.functionName(code: code), to: &out)
    }

    func footer(into out: inout OutputBuffer) {}
}
