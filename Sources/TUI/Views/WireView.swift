import Tracing

/// A ladder diagram of the frames that crossed the wire up to the cursor:
/// one column per host, one arrow per frame, virtual time on the left.
struct WireView {
    let session: Session
    let log: TraceLog

    func draw(_ canvas: Canvas) {
        let cursor = session.cursor
        let frames = session.index.frames
        let seen = cursor >= 0 ? frames.count(atOrBefore: cursor) : 0
        canvas.header(PaneKind.wire.title, right: "\(seen) frame\(seen == 1 ? "" : "s")")
        let body = canvas.body
        let hosts = log.hosts.map(\.name)
        guard hosts.count >= 2, body.height >= 2 else {
            body.text("the wire needs two hosts", row: 0, col: 1, style: .dim)
            return
        }
        // Host columns spread over the width after the time column.
        let timeW = 9, left = timeW + 4, right = body.width - 3
        let span = max(1, right - left)
        let x = hosts.indices.map { left + span * $0 / (hosts.count - 1) }
        for (h, name) in hosts.enumerated() {
            let col = min(max(0, x[h] - name.count / 2), body.width - name.count)
            body.text(name, row: 0, col: col, style: .bold)
        }
        body.text("time", row: 0, col: 1, style: .dim)
        guard seen > 0 else {
            body.text("no frame on the wire yet", row: 1, col: left, style: .dim)
            return
        }
        let shown = max(0, body.height - 1)
        let first = max(0, seen - shown)
        let macs = learnMACs(upTo: seen)
        for k in first..<seen {
            let i = frames[k]
            let row = 1 + k - first
            let e = log[i]
            guard case .frame(let p, _) = e.payload else { continue }
            let bytes = log.packets[p]
            let from = Int(e.host)
            let to = destination(bytes, from: from, macs: macs, hostCount: hosts.count)
            let isCursor = i == cursor
            let label = PacketDecoder.summary(bytes)
            let style = isCursor ? Style.cursor.bolded
                : label.hasPrefix("ARP") ? Style(color: .yellow) : Style(color: .cyan)
            body.text(secondsText(e.time), row: row, col: 0, style: isCursor ? .cursor : .dim)
            for h in hosts.indices { body.text(Glyphs.vline, row: row, col: x[h], style: .dim) }
            drawArrow(body, row: row, from: x[from], to: x[to], label: label, style: style)
        }
    }

    /// `──label──▶` between two host columns, pointing the frame's way.
    private func drawArrow(_ c: Canvas, row: Int, from: Int, to: Int, label: String, style: Style) {
        let lo = min(from, to) + 1, hi = max(from, to) - 1
        let width = hi - lo + 1
        guard width >= 3 else { return }
        var line = Array(repeating: Character(Glyphs.hline), count: width)
        if to > from { line[width - 1] = "▶" } else { line[0] = "◀" }
        let text = Array(" " + Canvas.fit(label, width - 6) + " ")
        let start = (width - text.count) / 2
        for (k, ch) in text.enumerated() where start + k > 0 && start + k < width - 1 { line[start + k] = ch }
        c.text(String(line), row: row, col: lo, style: style)
    }

    /// Which host owns each source MAC, from the frames each host sent.
    private func learnMACs(upTo seen: Int) -> [ArraySlice<UInt8>: Int] {
        var macs: [ArraySlice<UInt8>: Int] = [:]
        let frames = session.index.frames
        for k in max(0, seen - 256)..<seen {
            let e = log[frames[k]]
            if case .frame(let p, _) = e.payload, log.packets[p].count >= 14 {
                let b = log.packets[p]
                macs[b[b.startIndex + 6..<b.startIndex + 12]] = Int(e.host)
            }
        }
        return macs
    }

    /// The receiving host: by destination MAC when known, else (broadcast or
    /// unknown) the next host over.
    private func destination(_ b: ArraySlice<UInt8>, from: Int, macs: [ArraySlice<UInt8>: Int], hostCount: Int) -> Int {
        if b.count >= 14, let h = macs[b[b.startIndex..<b.startIndex + 6]], h != from { return h }
        return from == 0 ? 1 : 0
    }
}
