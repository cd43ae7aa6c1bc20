import Tracing

/// The neighbour tables: one row per entry, NUD state coloured, and the
/// changes made by the current task shown as before → after.
struct NeighbourView {
    let session: Session
    let log: TraceLog

    static func color(_ s: NUDState) -> Style {
        switch s {
        case .NUD_INCOMPLETE: Style(color: .yellow, bold: true)
        case .NUD_REACHABLE: Style(color: .green, bold: true)
        case .NUD_STALE, .NUD_DELAY, .NUD_PROBE: Style(color: .cyan, bold: true)
        case .NUD_FAILED: Style(color: .red, bold: true)
        case .NUD_NONE: .dim
        default: Style(color: .blue)
        }
    }

    func draw(_ canvas: Canvas) {
        let cursor = session.cursor
        let table = cursor >= 0 ? session.index.neighbourTable(at: cursor, in: log) : NeighbourTable()
        let changes = cursor >= 0 ? session.index.neighbourChanges(at: cursor, in: log) : [:]
        canvas.header(PaneKind.neighbours.title, right: "\(table.entries.count) entr\(table.entries.count == 1 ? "y" : "ies")")
        let body = canvas.body
        guard !table.entries.isEmpty else {
            body.text("no neighbour entries yet: the first packet to a next hop creates one", row: 0, col: 1, style: .dim)
            return
        }
        let hostW = max(4, min(8, log.hosts.map(\.name.count).max() ?? 4))
        // Narrow (the presenter's half screen): addresses as wide as they are,
        // no dev column, and output names without their shared "neigh_", so
        // that resolve_output and connected_output still tell apart.
        let compact = body.width < hostW + 59
        let addressW = compact ? max(7, table.entries.map { IPv4.string($0.key.ip).count }.max() ?? 7) : 15
        let outputW = compact ? 17 : 23
        func output(_ fn: Fn?) -> String {
            guard let name = fn?.name else { return "?" }
            return compact && name.hasPrefix("neigh_") ? Glyphs.ellipsis + name.dropFirst(6) : name
        }
        body.text(Canvas.pad("host", hostW) + " " + Canvas.pad("address", addressW) + " "
                  + (compact ? "" : Canvas.pad("dev", 5) + " ")
                  + Canvas.pad("state", 10) + " " + Canvas.pad("output", outputW) + " hh queue probes", row: 0, col: 1, style: .dim)
        var r = 1
        // Changed entries first: they are what the student is looking at.
        let ordered = table.entries.filter { changes[NeighbourID(host: $0.host, key: $0.key)] != nil }
            + table.entries.filter { changes[NeighbourID(host: $0.host, key: $0.key)] == nil }
        for entry in ordered {
            guard r < body.height else { break }
            let change = changes[NeighbourID(host: entry.host, key: entry.key)]
            var col = 1
            func cell(_ s: String, _ w: Int, _ style: Style = .plain) {
                body.text(Canvas.pad(s, w), row: r, col: col, style: style); col += w + 1
            }
            cell(log.hosts.indices.contains(Int(entry.host)) ? log.hosts[Int(entry.host)].name : "?", hostW)
            cell(IPv4.string(entry.key.ip), addressW, change == nil ? .plain : .bold)
            if !compact { cell(log.deviceName(host: entry.host, ifindex: entry.key.ifindex), 5) }
            cell(entry.state.shortName, 10, Self.color(entry.state))
            cell(output(entry.output), outputW, change?.output == nil ? .plain : Style(color: .magenta, bold: true))
            cell(entry.hhLen == 0 ? "-" : String(entry.hhLen), 2)
            cell(String(entry.queueLength), 5, entry.queueLength > 0 ? .note.bolded : .plain)
            cell(String(entry.probes), 6)
            r += 1
            let noteCol = compact ? 1 : hostW + 2
            if let s = change?.state, r < body.height {
                body.text("\(Glyphs.star) nud_state ", row: r, col: noteCol, style: .note.bolded)
                let from = s.from.shortName
                body.text(from, row: r, col: noteCol + 12, style: Self.color(s.from))
                body.text(" \(Glyphs.arrow) ", row: r, col: noteCol + 12 + from.count, style: .note.bolded)
                body.text(s.to.shortName, row: r, col: noteCol + 15 + from.count, style: Self.color(s.to).reversed)
                r += 1
            }
            if let o = change?.output, r < body.height {
                body.text("\(Glyphs.star) n->output \(output(o.from)) \(Glyphs.arrow) \(output(o.to))", row: r, col: noteCol,
                          style: Style(color: .magenta, bold: true))
                r += 1
            }
        }
    }
}
