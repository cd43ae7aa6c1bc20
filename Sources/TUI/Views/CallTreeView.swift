import Tracing

/// The call tree: one row per event, indented by call depth, like ftrace's
/// function_graph. Rows after the cursor (already run, then stepped back
/// over) are dim. Cost: a walk of the visible rows only.
struct CallTreeView {
    let session: Session
    let log: TraceLog

    var index: TraceIndex { session.index }

    func draw(_ canvas: Canvas) {
        let cursor = session.cursor
        let where_ = cursor >= 0 ? "\(log.hostName(log[cursor])) · \(log.contextName(log[cursor]))" : ""
        canvas.header(PaneKind.tree.title, right: where_)
        let body = canvas.body
        guard cursor >= 0 else {
            body.text("no events yet: the run has not started", row: 1, col: 2, style: .dim)
            return
        }
        let rows = visibleRows(around: cursor, height: body.height)
        let hostWidth = min(8, log.hosts.map(\.name.count).max() ?? 4)
        let nesting = Nesting(depths: rows.map { Int(log[$0].depth) }, cursorDepth: Int(log[cursor].depth),
                              room: body.width - hostWidth - 8 - 3)
        if nesting.base > 0 || nesting.step == 1 {
            canvas.header(PaneKind.tree.title + " · depth \(nesting.lowest)–\(nesting.highest)"
                          + (nesting.base > 0 ? ", shifted left by \(nesting.base)" : ""), right: where_)
        }
        var previousPlace: (UInt8, ExecutionContext)?
        for (r, i) in rows.enumerated() {
            let e = log[i]
            // Host and context only where they change: a new task stands out.
            let place = (e.host, e.context)
            let placeText = previousPlace.map { $0 == place } == true ? "" : "\(log.hostName(e)) \(log.contextName(e))"
            previousPlace = place
            drawRow(body, row: r, event: i, place: placeText, placeWidth: hostWidth + 8, nesting: nesting)
        }
    }

    /// How the rows on screen are indented: two columns per level while that
    /// leaves half the width for the text, else one; and when even that does
    /// not fit, shifted so the cursor's neighbourhood does. Within the rows
    /// shown, a child is always exactly one step right of its parent; a dim
    /// guide every fourth level keeps deep levels countable.
    struct Nesting {
        var base = 0, step = 2, levels: Int
        let lowest: Int, highest: Int

        init(depths: [Int], cursorDepth: Int, room: Int) {
            lowest = depths.min() ?? 0
            highest = depths.max() ?? 0
            levels = max(4, room / 2)
            if highest * 2 <= levels { return }
            step = 1
            if highest <= levels { return }
            // Shift: the shallowest rows on screen start at the left edge; if the
            // span is still too wide, keep the cursor two thirds in.
            base = highest - lowest <= levels ? lowest : max(lowest, cursorDepth - levels * 2 / 3)
        }

        /// The indentation of a row at `depth`: guides and spaces.
        func indent(_ depth: Int) -> String {
            let level = min(max(0, depth - base), levels)
            guard step == 1 || base > 0 else { return String(repeating: "  ", count: level) }
            var out = ""
            for k in 0..<level { out += (base + k) % 4 == 3 ? "┆" : " " }
            return out
        }

        /// Whether the row at `depth` could not be placed at its own level.
        func isClamped(_ depth: Int) -> Bool { depth < base || depth - base > levels }
    }

    /// Up to `height` visible rows with the cursor in them, about two thirds down.
    func visibleRows(around cursor: Int, height: Int) -> [Int] {
        guard height > 0 else { return [] }
        var before: [Int] = [], after: [Int] = []
        var i = cursor
        while before.count < height - 1, let p = session.prevVisible(i) { before.append(p); i = p }
        i = cursor
        while session.showsFuture, after.count < height - 1, let n = session.nextVisible(i) { after.append(n); i = n }
        let above = min(before.count, max(height * 2 / 3, height - 1 - after.count))
        return before.prefix(above).reversed() + [cursor] + after.prefix(height - 1 - above)
    }

    private func drawRow(_ c: Canvas, row: Int, event i: Int, place: String, placeWidth: Int, nesting: Nesting) {
        let e = log[i]
        let isCursor = i == session.cursor, isFuture = i > session.cursor
        var gutter = isCursor ? Glyphs.marker : " "
        if i == session.divergence { gutter += "◆" }
        else if e.kind == .enter, let fn = e.function, session.breakpoints.contains(fn) { gutter += "●" }
        else { gutter += " " }

        let indent = nesting.indent(Int(e.depth))
        var (text, style, file) = describe(i, e)
        if nesting.isClamped(Int(e.depth)) { text = "[\(e.depth)] " + text }
        var base = isFuture ? Style.dim : style
        if isCursor { base = base.reversed.bolded; c.fill(row: row, style: .cursor) }
        c.text(gutter, row: row, style: isCursor ? .cursor : (gutter.hasSuffix("●") ? .warning : .accent))
        c.text(Canvas.pad(place, placeWidth), row: row, col: 2, style: isCursor ? .cursor : .dim)
        let col = 2 + placeWidth + 1
        c.text(indent, row: row, col: col, style: .dim)
        c.text(text, row: row, col: col + indent.count, style: base)
        // The kernel file at the right edge, when it fits beside the text.
        if let file, c.width - col - indent.count - text.count >= file.count + 3 {
            c.text(file, row: row, col: c.width - file.count - 1, style: isCursor ? .cursor : .dim.with(color: .blue))
        }
    }

    /// The row's words, their style, and the kernel file for call rows.
    private func describe(_ i: Int, _ e: Event) -> (String, Style, String?) {
        // A recorded trace's function outside the catalogue: its own name, no file.
        if e.function == nil, e.kind == .enter || e.kind == .exit {
            let name = log.functionName(code: e.code)
            return e.kind == .enter ? ("\(name)() {", .bold, nil) : ("}  \(name)", .plain, nil)
        }
        switch e.payload {
        case .enter(let fn, _):
            let exit = index.exit(of: i).flatMap { $0 <= session.cursor ? $0 : nil }
            var text = "\(fn.name)() {"
            if session.folds.contains(i) {
                text += " \(Glyphs.ellipsis) }"
                if let exit, case .exit(_, let ret) = log[exit].payload, let value = EventText.returnValue(ret, of: fn) {
                    text += " = \(value)"
                }
            }
            if let verdicts = hookSummary(i, fn) { text += "  " + verdicts }
            return (text, .bold, fn.info.file)
        case .exit(let fn, let ret):
            guard let value = EventText.returnValue(ret, of: fn) else { return ("}  \(fn.name)", .plain, nil) }
            let failed = ret < 0 && fn.returnsErrno
            return ("} = \(value)  \(fn.name)", failed ? .warning : .plain, nil)
        case .indirectCall(let expr, let target):
            return ("\(expr) \(Glyphs.arrow) \(target.name)", .accent, nil)
        case .branch:
            return (EventText.describe(e, in: log), .note, nil)
        case .hookVerdict(_, _, _, let verdict, _):
            return (EventText.describe(e, in: log), verdict == .NF_ACCEPT ? .good : .warning, nil)
        case .hookResult(_, let result):
            return (EventText.describe(e, in: log), result == 1 ? .good : .warning, nil)
        case .skbDropped:
            return (EventText.describe(e, in: log), .warning, nil)
        case .frame:
            return (EventText.describe(e, in: log), Style(color: .cyan, bold: true), nil)
        default:
            return (EventText.describe(e, in: log), e.isTeachingMoment ? Style(color: .yellow, bold: true) : .dim, nil)
        }
    }

    /// "⚑ NF_INET_LOCAL_OUT: filter ACCEPT → 1" on an nf_hook call, for the
    /// verdicts it has produced so far.
    private func hookSummary(_ enter: Int, _ fn: Fn) -> String? {
        guard [.nf_hook, .NF_HOOK, .NF_HOOK_COND].contains(fn) else { return nil }
        let end = min(index.exit(of: enter) ?? session.cursor, session.cursor)
        guard end > enter else { return nil }
        var hook: NFHook?, parts: [String] = [], result: String?
        for h in index.hooks.items(in: enter...end) {
            switch log[Int(h)].payload {
            case .hookVerdict(let k, let owner, _, let verdict, _):
                hook = k
                parts.append("\(owner.tableName) \(String(verdict.description.dropFirst(3)))")
            case .hookResult(let k, let r):
                hook = k
                result = String(r)
            default: break
            }
        }
        guard let hook else { return nil }
        return "⚑ \(hook): " + (parts.isEmpty ? "no entries" : parts.joined(separator: ", "))
            + (result.map { " \(Glyphs.arrow) \($0)" } ?? "")
    }
}
