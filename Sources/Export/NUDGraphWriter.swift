import Tracing

/// The NUD state machine as this run traversed it: the states neighbour
/// entries were created in, and every transition taken, labelled with the
/// function that made it and how often. Transitions the run did not take
/// are not drawn: this is the path, not the whole of neighbour.c.
struct NUDGraphWriter: TraceWriter {
    let log: TraceLog
    let style: DiagramStyle
    private struct Step: Hashable { let from: NUDState?, to: NUDState, cause: Fn? }
    private var counts: [Step: Int] = [:]
    private var order: [Step] = []

    init(log: TraceLog, style: DiagramStyle) { self.log = log; self.style = style }

    func header(into out: inout OutputBuffer) {}

    mutating func event(_ e: Event, index: Int, into out: inout OutputBuffer) {
        let step: Step
        switch e.payload {
        case .neighCreated(_, _, let state, _): step = Step(from: nil, to: state, cause: nil)
        case .nudChange(_, let from, let to, let cause): step = Step(from: from, to: to, cause: cause)
        default: return
        }
        if counts[step] == nil { order.append(step) }
        counts[step, default: 0] += 1
    }

    func footer(into out: inout OutputBuffer) {
        switch style {
        case .dot:
            out += "// kpath NUD states: \(log.title); the transitions this run took\n"
            out += "digraph nud {\n  rankdir=LR;\n  node [shape=ellipse, fontname=\"monospace\"];\n  edge [fontname=\"monospace\"];\n"
            if order.contains(where: { $0.from == nil }) { out += "  created [shape=point, width=0.15];\n" }
            for step in order {
                let from = step.from.map { DiagramStyle.dotQuoted("\($0)") } ?? "created"
                out += "  \(from) -> \(DiagramStyle.dotQuoted("\(step.to)")) [label=\(DiagramStyle.dotQuoted(label(step)))];\n"
            }
            out += "}\n"
        case .mermaid:
            out += "%% kpath NUD states: \(log.title); the transitions this run took\n"
            out += "stateDiagram-v2\n"
            for step in order {
                let from = step.from.map { "\($0)" } ?? "[*]"
                out += "    \(from) --> \(step.to): \(DiagramStyle.mermaidText(label(step)))\n"
            }
        }
    }

    private func label(_ step: Step) -> String {
        let n = counts[step]!
        return (step.cause.map { "\($0.name) " } ?? "created ") + "×\(n)"
    }
}
