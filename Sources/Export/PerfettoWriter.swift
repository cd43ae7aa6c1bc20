import Tracing

/// Chrome Trace Event JSON, which ui.perfetto.dev and chrome://tracing load.
///
/// - A process per host (pid = host index + 1) and a thread per execution
///   context (tid = the context's raw value + 1: 1 process, 2 softirq, 3 timer,
///   4 kworker, 5, 9... further processes), named by metadata events.
/// - Spans are B/E pairs on their context's thread. An exit whose enter was
///   filtered away is left out and spans still open at the end are closed,
///   so every thread's slices nest.
/// - Teaching moments and other described events are instant events ("i")
///   named by the TUI's sentence, with their fields as args.
/// - Each neighbour entry gets a thread (tid 1000 + n) whose slices are its NUD
///   states, and a counter of the state's value, so NUD reads as a timeline.
/// - `ts` is in microseconds with three decimals: virtual nanoseconds, exactly.
struct PerfettoWriter: TraceWriter {
    let log: TraceLog
    private var first = true
    /// By host: whether its process is named yet.
    private var namedProcesses = [Bool](repeating: false, count: 256)
    /// By ``SpanStacks/key(_:)``: whether the context's thread is named yet.
    private var namedThreads: [Bool] = []
    /// By ``SpanStacks/key(_:)``: the open spans (`B` without their `E`).
    private var stacks: [[UInt16]] = []
    /// By `Fn.rawValue`: the function's file as a JSON string.
    private let files: [[UInt8]] = Fn.allCases.map { Array(JSONText.string($0.info.file).utf8) }
    /// Per host and neighbour: its track and the state slice open on it.
    private var neighbours: [NeighTrack: (tid: Int, open: NUDState?)] = [:]
    private var lastTime: UInt64 = 0

    private struct NeighTrack: Hashable { let host: UInt8, key: NeighKey }

    init(log: TraceLog) { self.log = log }

    func header(into out: inout OutputBuffer) {
        out += "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"generator\":\"kpath\",\"scenario\":"
            + JSONText.string(log.scenario) + ",\"seed\":\(log.seed),\"kernel\":\"\(log.kernel)\",\"time\":\"virtual\"},\"traceEvents\":[\n"
    }

    mutating func event(_ e: Event, index: Int, into out: inout OutputBuffer) {
        lastTime = e.time
        let key = SpanStacks.key(e)
        if key >= stacks.count {
            stacks += Array(repeating: [], count: key + 1 - stacks.count)
            namedThreads += Array(repeating: false, count: key + 1 - namedThreads.count)
        }
        // Spans by kind: a recorded trace's functions are outside the catalogue.
        switch e.kind {
        case .enter:
            name(e, into: &out)
            stacks[key].append(e.code)
            span("B", e, &out)
            out += ",\"args\":{"
            if let fn = e.function {
                out += "\"file\":"
                out.append(bytes: files[Int(fn.rawValue)])
                out += ","
            }
            out += "\"index\":"
            out.appendDecimal(UInt64(index))
            if e.skb != 0 {
                out += ",\"skb\":"
                out.appendDecimal(UInt64(e.skb))
            }
            out += "}}"
        case .exit:
            let ret = Int32(bitPattern: e.arg)
            guard stacks[key].last == e.code else { return }
            stacks[key].removeLast()
            span("E", e, &out)
            if ret != Event.voidReturn {
                out += ",\"args\":{\"ret\":"
                out.appendDecimal(Int64(ret))
                out += ",\"returned\":"
                JSONText.append(e.function.flatMap { returnText(ret, of: $0) } ?? String(ret), to: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "}"))
        default:
            if case .indirectCall(let p, let target) = e.payload {
                name(e, into: &out)
                instant("\(p) = \(target.name)", cat: "indirect_call", e, index: index,
                        args: ",\"pointer\":\(JSONText.string("\(p)")),\"target\":\"\(target.name)\"", &out)
                return
            }
            guard !isBookkeeping(e), let text = log.describe(e) else { return }
            name(e, into: &out)
            instant(text, cat: e.isTeachingMoment ? "teaching" : "detail", e, index: index,
                    args: extraArgs(e), &out)
            switch e.payload {
            case .neighCreated(let n, _, let state, _): nud(e, n, state, &out)
            case .nudChange(let n, _, let to, _): nud(e, n, to, &out)
            case .neighFreed(let n, _): nud(e, n, nil, &out)
            default: break
            }
        }
    }

    mutating func footer(into out: inout OutputBuffer) {
        let ts = JSONText.micros(lastTime)
        for key in stacks.indices {
            for code in stacks[key].reversed() {
                emit("{\"ph\":\"E\",\"name\":\(JSONText.string(log.functionName(code: code))),\"cat\":\"function\",\"ts\":\(ts),\"pid\":\((key >> 8) + 1),\"tid\":\((key & 0xff) + 1),\"args\":{\"unfinished\":true}}", &out)
            }
        }
        for (track, value) in neighbours.sorted(by: { ($0.key.host, $0.value.tid) < ($1.key.host, $1.value.tid) }) {
            if let state = value.open {
                emit("{\"ph\":\"E\",\"name\":\"\(state)\",\"cat\":\"nud\",\"ts\":\(ts),\"pid\":\(Int(track.host) + 1),\"tid\":\(value.tid)}", &out)
            }
        }
        out += "\n]}\n"
    }

    private mutating func emit(_ json: String, _ out: inout OutputBuffer) {
        separate(&out)
        out += json
    }

    /// The `,` and newline between two trace events.
    private mutating func separate(_ out: inout OutputBuffer) {
        if !first { out += ",\n" }
        first = false
    }

    /// `{"ph":"B","name":"fn","cat":"function","ts":…,"pid":…,"tid":…`, left open for args.
    private mutating func span(_ ph: Unicode.Scalar, _ e: Event, _ out: inout OutputBuffer) {
        separate(&out)
        out += "{\"ph\":\""
        out.append(UInt8(ascii: ph))
        out += "\",\"name\":"
        if let fn = e.function {
            out.append(UInt8(ascii: "\""))
            out.append(name: fn)
            out.append(UInt8(ascii: "\""))
        } else {
            JSONText.append(log.functionName(code: e.code), to: &out)
        }
        out += ",\"cat\":\"function\""
        track(e, &out)
    }

    /// `,"ts":…,"pid":…,"tid":…` for the event's host and context.
    private func track(_ e: Event, _ out: inout OutputBuffer) {
        out += ",\"ts\":"
        JSONText.appendMicros(e.time, to: &out)
        out += ",\"pid\":"
        out.appendDecimal(UInt64(e.host) + 1)
        out += ",\"tid\":"
        out.appendDecimal(UInt64(e.context.rawValue) + 1)
    }

    /// Metadata the first time a track is used: process and thread names.
    private mutating func name(_ e: Event, into out: inout OutputBuffer) {
        let key = SpanStacks.key(e)
        guard !namedThreads[key] else { return }
        namedThreads[key] = true
        let pid = Int(e.host) + 1, tid = Int(e.context.rawValue) + 1
        if !namedProcesses[Int(e.host)] {
            namedProcesses[Int(e.host)] = true
            let hostName = JSONText.string(log.hostName(e))
            emit("{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":\(pid),\"tid\":0,\"args\":{\"name\":\(hostName)}}", &out)
            emit("{\"ph\":\"M\",\"name\":\"process_sort_index\",\"pid\":\(pid),\"tid\":0,\"args\":{\"sort_index\":\(pid)}}", &out)
        }
        emit("{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":\(pid),\"tid\":\(tid),\"args\":{\"name\":\(JSONText.string(log.contextName(e)))}}", &out)
        emit("{\"ph\":\"M\",\"name\":\"thread_sort_index\",\"pid\":\(pid),\"tid\":\(tid),\"args\":{\"sort_index\":\(tid)}}", &out)
    }

    private mutating func instant(_ name: String, cat: String, _ e: Event, index: Int, args: String,
                                  _ out: inout OutputBuffer) {
        separate(&out)
        out += "{\"ph\":\"i\",\"s\":\"t\",\"name\":"
        JSONText.append(name, to: &out)
        out += ",\"cat\":\"" + cat + "\""
        track(e, &out)
        out += ",\"args\":{\"kind\":\"" + JSONLSchema.name(e.kind) + "\",\"index\":"
        out.appendDecimal(UInt64(index))
        if let skb = e.skbID {
            out += ",\"skb\":"
            out.appendDecimal(UInt64(skb))
        }
        out += args + "}}"
    }

    /// The fields of a teaching moment a Perfetto query would want by name.
    private func extraArgs(_ e: Event) -> String {
        switch e.payload {
        case .hookVerdict(let hook, let owner, let priority, let verdict, let decided):
            let by = switch decided {
            case .policy: "\"decided_by\":\"policy\""
            case .rule(let n): "\"decided_by\":\"rule\",\"rule\":\(n)"
            case .natBinding: "\"decided_by\":\"nat_binding\""
            }
            return ",\"hook\":\"\(hook)\",\"table\":\"\(owner.tableName)\",\"priority\":\(priority),\"verdict\":\"\(verdict)\",\(by)"
        case .nudChange(let n, let from, let to, let cause):
            return ",\"neighbour\":\"\(IPv4.string(n.ip))\",\"from\":\"\(from)\",\"to\":\"\(to)\",\"cause\":\"\(cause.name)\""
        case .outputSwap(let n, let from, let to):
            return ",\"neighbour\":\"\(IPv4.string(n.ip))\",\"from\":\"\(from.name)\",\"to\":\"\(to.name)\""
        case .frame(let packet, _):
            return ",\"bytes\":\(log.packets[packet].count),\"summary\":\(JSONText.string(PacketDecoder.tcpdumpLine(log.packets[packet])))"
        case .skbDropped(let reason, _):
            return ",\"kpath_reason\":\"\(reason.explanation)\""
        case .sockState(let sock, let from, let to):
            return ",\"sock\":\(sock),\"from\":\"\(from)\",\"to\":\"\(to)\""
        default:
            return ""
        }
    }

    /// The neighbour's NUD track: end the old state's slice, begin the new
    /// one (none when the entry is freed), and count.
    private mutating func nud(_ e: Event, _ n: NeighKey, _ state: NUDState?, _ out: inout OutputBuffer) {
        let track = NeighTrack(host: e.host, key: n)
        let pid = Int(e.host) + 1, ts = JSONText.micros(e.time)
        var entry = neighbours[track] ?? (tid: 1000 + neighbours.keys.filter { $0.host == e.host }.count, open: nil)
        if neighbours[track] == nil {
            let dev = log.deviceName(host: e.host, ifindex: n.ifindex)
            emit("{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":\(pid),\"tid\":\(entry.tid),\"args\":{\"name\":\"NUD \(IPv4.string(n.ip)) dev \(dev)\"}}", &out)
            emit("{\"ph\":\"M\",\"name\":\"thread_sort_index\",\"pid\":\(pid),\"tid\":\(entry.tid),\"args\":{\"sort_index\":\(entry.tid)}}", &out)
        }
        if let open = entry.open {
            emit("{\"ph\":\"E\",\"name\":\"\(open)\",\"cat\":\"nud\",\"ts\":\(ts),\"pid\":\(pid),\"tid\":\(entry.tid)}", &out)
        }
        if let state {
            emit("{\"ph\":\"B\",\"name\":\"\(state)\",\"cat\":\"nud\",\"ts\":\(ts),\"pid\":\(pid),\"tid\":\(entry.tid)}", &out)
        }
        emit("{\"ph\":\"C\",\"name\":\"NUD \(IPv4.string(n.ip))\",\"ts\":\(ts),\"pid\":\(pid),\"args\":{\"nud_state\":\(state?.rawValue ?? 0)}}", &out)
        entry.open = state
        neighbours[track] = entry
    }
}
