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

    /// Why the call at `cursor` went the way it did, and the function that
    /// decided: the call's own latest decision up to the cursor, or else the
    /// caller's decision that led straight to this call (only a pointer call
    /// between them). A decision of any other call explains something else.
    static func why(at cursor: Int, _ index: TraceIndex, _ log: TraceLog) -> (text: String, decidedIn: Fn)? {
        guard cursor >= 0, let frame = index.frame(of: cursor, in: log) else { return nil }
        var candidate = index.branches.last(atOrBefore: cursor)
        // Bounded: the cost of a frame must not grow with the log.
        for _ in 0..<64 {
            guard let b = candidate, b > frame else { break }
            if index.parent(of: b) == frame, case .branch(let fn, let branch) = log[b].payload {
                return (branch.explanation, fn)
            }
            candidate = index.branches.last(atOrBefore: b - 1)
        }
        var k = frame - 1
        while k >= 0, log[k].kind == .indirectCall { k -= 1 }
        if k >= 0, index.parent(of: k) == index.parent(of: frame), case .branch(let fn, let branch) = log[k].payload {
            return (branch.explanation, fn)
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
