import Tracing

/// The skb under the cursor: its latest bytes (an `.skbData` snapshot or the
/// frame as sent) decoded by layer, then a hex dump.
struct PacketView {
    let session: Session
    let log: TraceLog

    struct Bytes {
        var skb: UInt32
        /// The skb whose snapshot is shown: `skb` itself or what it was cloned from.
        var source: UInt32
        var event: Int
        var bytes: ArraySlice<UInt8>
    }

    /// The skb the cursor is about: the event's own, or its enclosing call's.
    static func skb(at cursor: Int, _ index: TraceIndex, _ log: TraceLog) -> UInt32? {
        guard cursor >= 0 else { return nil }
        if let s = log[cursor].skbID { return s }
        var p = index.parent(of: cursor)
        while let q = p {
            if let s = log[q].skbID { return s }
            p = index.parent(of: q)
        }
        return nil
    }

    static func bytes(at cursor: Int, _ index: TraceIndex, _ log: TraceLog) -> Bytes? {
        guard var s = skb(at: cursor, index, log) else { return nil }
        let skb = s
        // A clone shares its data; before it has a snapshot of its own, show the original's.
        for _ in 0..<8 {
            if let i = index.packetsBySkb[s]?.last(atOrBefore: cursor) {
                switch log[i].payload {
                case .skbData(let p), .frame(let p, _): return Bytes(skb: skb, source: s, event: i, bytes: log.packets[p])
                default: return nil
                }
            }
            guard let parent = index.cloneParent[s] else { break }
            s = parent
        }
        return nil
    }

    func draw(_ canvas: Canvas) {
        let cursor = session.cursor
        guard let b = Self.bytes(at: cursor, session.index, log) else {
            let skb = Self.skb(at: cursor, session.index, log)
            canvas.header(PaneKind.packet.title + (skb.map { " · skb#\($0)" } ?? ""))
            canvas.body.text(skb == nil ? "no skb at this step" : "skb#\(skb!) has no bytes yet", row: 0, col: 1, style: .dim)
            return
        }
        let origin = b.source == b.skb ? "" : " (data of skb#\(b.source))"
        let seen = log[b.event].kind == .frame ? "as sent on the wire" : "as of step \(b.event + 1)"
        canvas.header("\(PaneKind.packet.title) · skb#\(b.skb)\(origin) · \(b.bytes.count) bytes", right: seen)
        let body = canvas.body
        var r = 0
        let layers = PacketDecoder.layers(b.bytes)
        for layer in layers {
            // Each layer on one row when it fits, else one row per field group.
            let oneRow = layer.lines.joined(separator: "  ")
            let rows = 11 + oneRow.count <= body.width ? [oneRow] : layer.lines
            for (k, line) in rows.enumerated() where r < body.height {
                if k == 0 { body.text(layer.name, row: r, col: 1, style: Style(color: .cyan, bold: true)) }
                body.text(line, row: r, col: 11)
                r += 1
            }
        }
        let perRow = body.width >= 76 ? 16 : 8
        for line in PacketDecoder.hexDump(b.bytes, perRow: perRow) where r < body.height {
            body.text(line, row: r, col: 1, style: .dim)
            r += 1
        }
    }
}
