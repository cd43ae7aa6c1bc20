import Tracing

/// The function under the cursor, from the catalogue, and why the code went
/// the way it did: the nearest `.branch` event of the current task.
struct ExplainView {
    let session: Session
    let log: TraceLog

    /// The function the explain pane is about at `cursor`.
    static func function(at cursor: Int, _ session: Session, _ log: TraceLog) -> Fn? {
        guard cursor >= 0 else { return nil }
        switch log[cursor].payload {
        case .indirectCall(_, let target): return target
        case .branch(let fn, _): return fn
        default: return session.index.frame(of: cursor, in: log).flatMap { log[$0].function }
        }
    }

    /// The reason in force at `cursor` and the function that decided it: the
    /// latest branch taken in a call that is still open around the cursor
    /// (a decision inside a call that has returned no longer explains anything).
    static func why(at cursor: Int, _ index: TraceIndex, _ log: TraceLog) -> (text: String, decidedIn: Fn)? {
        guard cursor >= 0 else { return nil }
        var open: Set<Int> = []
        var f = index.frame(of: cursor, in: log)
        while let x = f { open.insert(x); f = index.parent(of: x) }
        let start = index.taskStart(of: cursor)
        var candidate = index.branches.last(atOrBefore: cursor)
        // Bounded: the cost of a frame must not grow with the log.
        for _ in 0..<64 {
            guard let b = candidate, b >= start else { return nil }
            if let p = index.parent(of: b), open.contains(p), case .branch(let fn, let branch) = log[b].payload {
                return (branch.explanation, fn)
            }
            candidate = b > 0 ? index.branches.last(atOrBefore: b - 1) : nil
        }
        return nil
    }

    func draw(_ canvas: Canvas) {
        let cursor = session.cursor
        guard let fn = Self.function(at: cursor, session, log) else {
            canvas.header(PaneKind.explain.title)
            if cursor >= 0 { canvas.body.text(EventText.describe(log[cursor], in: log), row: 0, col: 1) }
            return
        }
        let info = fn.info
        canvas.header("\(fn.name)", right: "\(info.file) · \(info.kind.rawValue)")
        let body = canvas.body
        var lines: [(String, Style)] = []
        let e = log[cursor]
        // On a teaching moment, say what happened first; the catalogue follows.
        if e.kind != .enter, e.kind != .exit, e.kind != .branch {
            lines.append((EventText.describe(e, in: log), Style(color: .yellow, bold: true)))
        }
        // The reason comes first in importance: wrapped to two rows at most.
        let whyLines = Self.why(at: cursor, session.index, log).map { why in
            Canvas.wrap("why: " + why.text + (why.decidedIn == fn ? "" : "  (in \(why.decidedIn.name))"), body.width - 2)
                .prefix(2).map { ($0, Style.note.bolded) }
        } ?? []
        let room = body.height - lines.count - whyLines.count
        let summary = Canvas.wrap(info.summary, body.width - 2)
        lines += summary.prefix(max(0, room)).map { ($0, Style.plain) }
        lines += whyLines
        if lines.count < body.height { lines.append(("versions: " + info.versions, .dim)) }
        for (r, line) in lines.prefix(body.height).enumerated() {
            body.text(line.0, row: r, col: 1, style: line.1)
        }
    }
}
