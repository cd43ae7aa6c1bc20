import Tracing

/// The call graph of a trace: a node per function with its call count, an
/// edge per caller → callee with how often that call happened. A call made
/// through a function pointer (`n->output`) is drawn dashed and named, since
/// those are the calls the kernel can redirect. Only counts are kept while
/// folding, so memory grows with the graph, not with the log.
struct CallGraphWriter: TraceWriter {
    let log: TraceLog
    let style: DiagramStyle
    private struct Edge: Hashable { let caller: UInt16, callee: UInt16, pointer: PointerExpr? }
    private var edgeCounts: [Edge: Int] = [:]
    private var edgeOrder: [Edge] = []
    private var calls: [UInt16: Int] = [:]
    /// Functions by code: the catalogue's or a recorded trace's own.
    private var nodeOrder: [UInt16] = []
    private var entryPoints: Set<UInt16> = []
    private var stacks: [Int: [UInt16]] = [:]
    /// Per host and context: the pointer call just announced, waiting for its callee's enter.
    private var viaPointer: [Int: (PointerExpr, UInt16)] = [:]

    init(log: TraceLog, style: DiagramStyle) { self.log = log; self.style = style }

    func header(into out: inout OutputBuffer) {}

    mutating func event(_ e: Event, index: Int, into out: inout OutputBuffer) {
        let key = SpanStacks.key(e)
        // Spans by kind: a recorded trace's functions are outside the catalogue.
        switch e.kind {
        case .indirectCall:
            if case .indirectCall(let p, let target) = e.payload { viaPointer[key] = (p, target.rawValue) }
        case .enter:
            let fn = e.code
            if calls[fn] == nil { nodeOrder.append(fn) }
            calls[fn, default: 0] += 1
            let pointer = viaPointer.removeValue(forKey: key).flatMap { $0.1 == fn ? $0.0 : nil }
            if let caller = stacks[key]?.last {
                let edge = Edge(caller: caller, callee: fn, pointer: pointer)
                if edgeCounts[edge] == nil { edgeOrder.append(edge) }
                edgeCounts[edge, default: 0] += 1
            } else {
                entryPoints.insert(fn)
            }
            stacks[key, default: []].append(fn)
        case .exit:
            if stacks[key]?.last == e.code { stacks[key]!.removeLast() }
        default:
            break
        }
    }

    func footer(into out: inout OutputBuffer) {
        switch style {
        case .dot: dot(&out)
        case .mermaid: mermaid(&out)
        }
    }

    private func times(_ n: Int) -> String { n == 1 ? "1 call" : "\(n) calls" }

    private func dot(_ out: inout OutputBuffer) {
        out += "// kpath call graph: \(log.title); edge labels are call counts\n"
        out += "digraph calls {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n  edge [fontname=\"monospace\"];\n"
        for fn in nodeOrder {
            let bold = entryPoints.contains(fn) ? ", style=bold" : ""
            out += "  \(DiagramStyle.dotQuoted(log.functionName(code: fn))) [label=\(DiagramStyle.dotQuoted("\(log.functionName(code: fn))\n\(times(calls[fn]!))"))\(bold)];\n"
        }
        for edge in edgeOrder {
            let n = edgeCounts[edge]!
            let attrs = edge.pointer.map { "label=\(DiagramStyle.dotQuoted("\(n) via \($0)")), style=dashed" } ?? "label=\"\(n)\""
            out += "  \(DiagramStyle.dotQuoted(log.functionName(code: edge.caller))) -> \(DiagramStyle.dotQuoted(log.functionName(code: edge.callee))) [\(attrs)];\n"
        }
        out += "}\n"
    }

    private func mermaid(_ out: inout OutputBuffer) {
        out += "%% kpath call graph: \(log.title); edge labels are call counts\n"
        out += "flowchart LR\n"
        for fn in nodeOrder {
            out += "    f\(fn)[\"\(DiagramStyle.mermaidText(log.functionName(code: fn)))<br/>\(times(calls[fn]!))\"]\n"
        }
        for edge in edgeOrder {
            let n = edgeCounts[edge]!
            if let p = edge.pointer {
                out += "    f\(edge.caller) -.->|\"\(n) via \(DiagramStyle.mermaidText("\(p)"))\"| f\(edge.callee)\n"
            } else {
                out += "    f\(edge.caller) -->|\(n)| f\(edge.callee)\n"
            }
        }
        for fn in nodeOrder where entryPoints.contains(fn) {
            out += "    style f\(fn) stroke-width:3px\n"
        }
    }
}
