import Tracing

/// The notation of the seed call chain (Tests/KernelTests/Fixtures/seed-call-chain.txt): one `--> fn() # kernel/file` line per call,
/// indented by depth, calls through pointers written as the kernel writes
/// them (`--> n->output() # kernel/net/core/neighbour.c ( .output =
/// neigh_connected_output )`), teaching moments as `//` lines, and a `#`
/// line whenever another host or context takes over.
struct ChainWriter: TraceWriter {
    let log: TraceLog
    private var stacks = SpanStacks()
    private var lastTask = -1
    /// Lines still to print at the first call of their function (hand-outs).
    private var narration: [Fn: String]

    init(log: TraceLog, narration: [Fn: String] = [:]) { self.log = log; self.narration = narration }

    func header(into out: inout OutputBuffer) {
        if let recording = log.recording {
            out += "# kpath chain: read from \(recording.source) (\(recording.layout))\n"
        } else {
            out += "# kpath chain: \(log.title)\n"
            out += "# hosts: " + log.hosts.map(\.name).joined(separator: ", ") + "\n"
        }
    }

    mutating func event(_ e: Event, index: Int, into out: inout OutputBuffer) {
        let key = SpanStacks.key(e)
        if key != lastTask {
            lastTask = key
            out += "\n# \(log.hostName(e)) \(log.contextName(e)) t=\(secondsText(e.time))\n"
        }
        let indent = 2 * Int(e.depth)
        // Spans by kind: a recorded trace's functions are outside the catalogue.
        switch e.kind {
        case .enter:
            out.append(repeating: UInt8(ascii: " "), count: indent)
            if e.depth != 0 { out += "--> " }
            out.append(function: e.code, of: log)
            out += "()"
            // A recorded trace's functions outside the catalogue have no file here.
            if let fn = e.function {
                out += " # "
                out.append(path: fn)
            }
            out.append(UInt8(ascii: "\n"))
            if let fn = e.function, let text = narration.removeValue(forKey: fn) {
                // A narration written as a YAML block keeps its lines, each one a comment.
                for (k, line) in narrationLines(text).enumerated() {
                    out.append(repeating: UInt8(ascii: " "), count: indent + 2)
                    out += (k == 0 ? "// » " : "//   ") + line + "\n"
                }
            }
            stacks.push(e)
        case .exit:
            let ret = Int32(bitPattern: e.arg)
            _ = stacks.pop(e)
            let errno = e.function?.returnsErrno ?? true
            if ret != Event.voidReturn && ((ret < 0 && errno) || e.depth == 0) {
                out.append(repeating: UInt8(ascii: " "), count: indent)
                let text = e.function.flatMap { returnText(ret, of: $0) } ?? (Errno.name(ret) ?? String(ret))
                out += "// \(log.functionName(code: e.code)) returned \(text)\n"
            }
        default:
            if case .indirectCall(let p, let target) = e.payload {
                out.append(repeating: UInt8(ascii: " "), count: indent)
                out += "--> " + p.description
                if let caller = stacks.top(e) {
                    out += " # "
                    out.append(path: caller)
                }
                out += " ( ." + p.member + " = "
                out.append(name: target)
                out += " )\n"
            } else if !isBookkeeping(e), let text = log.describe(e) {
                out.append(repeating: UInt8(ascii: " "), count: indent)
                out += "// " + text + "\n"
            }
        }
    }

    func footer(into out: inout OutputBuffer) {}
}
