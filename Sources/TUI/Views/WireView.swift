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
        let timeW = 9, left = timeW + 4, right = body.width - 3
        guard seen > 0 else {
            let none = session.source.isFinished && frames.count == 0
            body.text(none ? "no frames: nothing crossed the wire in this run" : "no frame on the wire yet",
                      row: 0, col: 1, style: .dim)
            return
        }
        let shown = max(0, body.height - 1)
        let first = max(0, seen - shown)
        let macs = learnMACs(upTo: seen)
        // (event, sender, receiver) of each frame on screen.
        let rows: [(Int, Int, Int)] = (first..<seen).map { k in
            let i = frames[k], e = log[i]
            return (i, Int(e.host), destination(bytes(of: e), from: Int(e.host), macs: macs, hostCount: hosts.count))
        }
        // A column per host when the names fit side by side; else only the
        // hosts these frames connect; else a list.
        let widest = hosts.map(\.count).max() ?? 1
        func fits(_ n: Int) -> Bool { n >= 2 && (right - left) / (n - 1) >= max(widest, 12) + 1 }
        var columns = Array(hosts.indices)
        if !fits(columns.count) { columns = Array(Set(rows.flatMap { [$0.1, $0.2] })).sorted() }
        guard fits(columns.count) || columns.count < 2 else { return drawList(body, rows, hosts: hosts) }
        if columns.count < 2 { columns = [columns.first ?? 0, (columns.first ?? 0) == 0 ? 1 : 0].sorted() }
        let span = max(1, right - left)
        var x: [Int: Int] = [:]
        for (k, h) in columns.enumerated() { x[h] = left + span * k / (columns.count - 1) }
        for h in columns {
            let name = hosts[h]
            body.text(name, row: 0, col: min(max(0, x[h]! - name.count / 2), body.width - name.count), style: .bold)
        }
        body.text("time", row: 0, col: 1, style: .dim)
        for (r, (i, from, to)) in rows.enumerated() {
            let e = log[i]
            let isCursor = i == cursor
            let label = PacketDecoder.summary(bytes(of: e))
            let style = isCursor ? Style.cursor.bolded
                : label.hasPrefix("ARP") ? Style(color: .yellow) : Style(color: .cyan)
            body.text(secondsText(e.time), row: 1 + r, col: 0, style: isCursor ? .cursor : .dim)
            for h in columns { body.text(Glyphs.vline, row: 1 + r, col: x[h]!, style: .dim) }
            drawArrow(body, row: 1 + r, from: x[from]!, to: x[to]!, label: label, style: style)
        }
    }

    private func bytes(of frame: Event) -> ArraySlice<UInt8> {
        if case .frame(let p, _) = frame.payload { return log.packets[p] }
        return []
    }

    /// Too many hosts for a ladder: one line per frame, `time  from → to  label`.
    private func drawList(_ body: Canvas, _ rows: [(Int, Int, Int)], hosts: [String]) {
        body.text("time       from \(Glyphs.arrow) to", row: 0, col: 1, style: .dim)
        for (r, (i, from, to)) in rows.enumerated() {
            let e = log[i]
            let style = i == session.cursor ? Style.cursor.bolded : .plain
            body.text(secondsText(e.time), row: 1 + r, col: 0, style: i == session.cursor ? .cursor : .dim)
            body.text("\(hosts[from]) \(Glyphs.arrow) \(hosts[to])  " + PacketDecoder.summary(bytes(of: e)),
                      row: 1 + r, col: 11, style: style)
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
