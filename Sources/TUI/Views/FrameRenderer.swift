import Scenarios
import Tracing

/// Draws one whole frame of a session onto a screen: title bar, panes,
/// status line, and the help or what-if overlay.
public struct FrameRenderer {
    /// Set for the classroom: the presenter layout with its caption band.
    public var classroom: ClassroomFrame?

    public init(classroom: ClassroomFrame? = nil) { self.classroom = classroom }

    public func draw(_ session: Session, on terminal: Screen) {
        // An open question's choices never reach the screen outside its caption.
        let screen: Screen = classroom.map { $0.hiding.isEmpty ? terminal : HidingScreen(terminal, hiding: $0.hiding) } ?? terminal
        screen.clear()
        let size = screen.size
        guard let layout = classroom == nil ? Layout.make(for: size) : Layout.presenter(for: size) else {
            drawTooSmall(size, on: screen)
            screen.refresh()
            return
        }
        let log = session.log
        if let tree = layout.pinned[.tree] { session.pageSize = max(1, tree.height - 1) }
        drawTitle(session, log, Canvas(screen: screen, rect: Rect(row: 0, col: 0, width: size.width, height: 1)))
        for (kind, rect) in layout.pinned { drawPane(kind, session, log, Canvas(screen: screen, rect: rect), detail: false) }
        if let slot = layout.detailSlot {
            let kind = detailKind(session, log, candidates: layout.detailCandidates)
            drawPane(kind, session, log, Canvas(screen: screen, rect: slot), detail: true)
        }
        if let sep = layout.separator {
            for r in 1..<(layout.caption?.row ?? size.height - 1) { screen.put(Glyphs.vline, row: r, col: sep, style: .dim) }
        }
        if let classroom, let rect = layout.caption { classroom.drawCaption(Canvas(screen: terminal, rect: rect)) }
        drawStatus(session, Canvas(screen: screen, rect: Rect(row: size.height - 1, col: 0, width: size.width, height: 1)))
        switch session.overlay {
        case .help(let scroll)?: HelpOverlay(scroll: scroll, table: classroom?.keys ?? KeyTable.bindings).draw(on: screen)
        case .whatIfMenu(let choices, let page)?: WhatIfOverlay(choices: choices, page: page, session: session).draw(on: screen)
        case .lessons(let selected)?:
            if let picker = session.lessonPicker {
                LessonOverlay(picker: picker, selected: selected, current: session.scenarioName).draw(on: screen)
            }
        case nil: break
        }
        screen.refresh()
    }

    /// The pane the detail slot shows: the user's choice, or for `auto` the
    /// kind of the last hook, neighbour change or frame at or before the cursor.
    func detailKind(_ session: Session, _ log: TraceLog, candidates: [PaneKind]) -> PaneKind {
        let chosen: PaneKind? = switch session.detail {
        case .auto: nil
        case .neighbours: .neighbours
        case .netfilter: .netfilter
        case .packet: .packet
        case .wire: .wire
        }
        if let chosen, candidates.contains(chosen) { return chosen }
        let c = session.cursor
        var auto: PaneKind = .neighbours
        if c >= 0 {
            if log[c].kind == .skbData { auto = .packet }
            else {
                let last = [(session.index.hooks.last(atOrBefore: c) ?? -1, PaneKind.netfilter),
                            (session.index.neighbour.last(atOrBefore: c) ?? -1, .neighbours),
                            (session.index.frames.last(atOrBefore: c) ?? -1, .wire)]
                if let best = last.max(by: { $0.0 < $1.0 }), best.0 >= 0 { auto = best.1 }
            }
        }
        return candidates.contains(auto) ? auto : candidates.first ?? .neighbours
    }

    private func drawPane(_ kind: PaneKind, _ session: Session, _ log: TraceLog, _ slot: Canvas, detail: Bool) {
        // Say that this slot is shared, and how to change it.
        let tag = " Tab: \(session.detail == .auto ? "auto" : session.detail.rawValue) "
        var canvas = slot
        if detail { canvas.headerReserve = tag.count + 2 }
        switch kind {
        case .tree: CallTreeView(session: session, log: log).draw(canvas)
        case .explain: ExplainView(session: session, log: log).draw(canvas)
        case .neighbours: NeighbourView(session: session, log: log).draw(canvas)
        case .netfilter: NetfilterView(session: session, log: log).draw(canvas)
        case .packet: PacketView(session: session, log: log).draw(canvas)
        case .wire: WireView(session: session, log: log).draw(canvas)
        }
        if detail {
            canvas.text(tag, row: 0, col: max(0, canvas.width - tag.count - 2), style: .accent)
        }
    }

    private func drawTitle(_ session: Session, _ log: TraceLog, _ c: Canvas) {
        c.fill(row: 0, style: .title.reversed)
        var left = " kpath · \(session.scenarioName)"
        if session.cursor >= 0 {
            let e = log[session.cursor]
            left += " · step \(session.cursor + 1)/\(log.count)\(session.source.isFinished ? "" : "+")"
            left += " · \(secondsText(e.time))s"
        }
        var flags: [String] = []
        if !session.breakpoints.isEmpty {
            flags.append("break: " + session.breakpoints.map(\.name).sorted().joined(separator: ","))
        }
        flags.append(session.stopAtTeaching ? "stops: teaching" : "stops: breakpoints")
        if !session.whatIfs.isEmpty { flags.append("what-if: " + session.whatIfs.map(\.description).joined(separator: "; ")) }
        else if session.alternate != nil { flags.append("lesson as written") }
        if let search = session.search { flags.append("/\(search)") }
        flags.append(session.source.isFinished ? "finished" : "live")
        if let mode = classroom?.mode { flags = [mode] }
        let right = flags.joined(separator: " · ") + " "
        c.text(left, row: 0, style: .title.reversed)
        if c.width - left.count - 2 > 10 {
            let r = Canvas.fit(right, c.width - left.count - 2)
            c.text(r, row: 0, col: c.width - r.count, style: .title.reversed)
        }
    }

    private func drawStatus(_ session: Session, _ c: Canvas) {
        if let p = session.prompt {
            c.text(p.label + p.text + "▏", row: 0, style: .bold)
            return
        }
        if let m = session.message {
            c.text(m, row: 0, style: Style(color: .yellow, bold: true))
            return
        }
        // With two runs, which one is shown comes first.
        var used = 0
        if session.alternate != nil {
            let which = "\(session.runName) run (o: \(session.otherRunName)) "
            c.text(which, row: 0, style: .note.bolded.reversed)
            used = which.count + 1
        }
        // Fill in table order, but always keep room for the last two (help, quit).
        let hints = classroom.map { KeyTable.hints($0.keys) } ?? KeyTable.hints(searching: session.search != nil)
        let tail = hints.suffix(2), reserve = tail.map { $0.count + 2 }.reduce(0, +)
        var shown: [String] = []
        let start = used
        for hint in hints.dropLast(2) where used + hint.count + 2 + reserve <= c.width {
            shown.append(hint); used += hint.count + 2
        }
        var col = start
        for hint in shown + tail {
            let parts = hint.split(separator: " ", maxSplits: 1).map(String.init)
            c.text(parts[0], row: 0, col: col, style: .bold.with(color: .cyan))
            if parts.count > 1 { c.text(parts[1], row: 0, col: col + parts[0].count + 1, style: .dim) }
            col += hint.count + 2
        }
    }

    private func drawTooSmall(_ size: Size, on screen: Screen) {
        let lines = ["terminal too small (need \(Layout.minimum.width)x\(Layout.minimum.height), have \(size.width)x\(size.height))",
                     "make the window bigger, or press q to quit"]
        for (k, line) in lines.enumerated() {
            let text = Canvas.fit(line, size.width)
            screen.put(text, row: max(0, size.height / 2 - 1 + k), col: max(0, (size.width - text.count) / 2),
                       style: k == 0 ? .warning : .plain)
        }
    }
}
