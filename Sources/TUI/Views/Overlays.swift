import Scenarios
import Tracing

/// A box in the middle of the screen with a title and lines of text.
struct OverlayBox {
    let title: String
    let lines: [(String, Style)]

    func draw(on screen: Screen) {
        let size = screen.size
        let width = min(size.width - 4, max(title.count + 4, (lines.map(\.0.count).max() ?? 0) + 4))
        let height = min(size.height - 2, lines.count + 2)
        let top = (size.height - height) / 2, left = (size.width - width) / 2
        let c = Canvas(screen: screen, rect: Rect(row: top, col: left, width: width, height: height))
        c.text("┌" + String(repeating: Glyphs.hline, count: width - 2) + "┐", row: 0, style: .title)
        c.text(" \(title) ", row: 0, col: 2, style: .title)
        for r in 1..<(height - 1) {
            c.fill(row: r, style: .plain)
            c.text(Glyphs.vline, row: r, style: .title)
            c.text(Glyphs.vline, row: r, col: width - 1, style: .title)
        }
        c.text("└" + String(repeating: Glyphs.hline, count: width - 2) + "┘", row: height - 1, style: .title)
        let inner = Canvas(screen: screen, rect: Rect(row: top + 1, col: left + 2, width: width - 4, height: height - 2))
        for (r, line) in lines.prefix(height - 2).enumerated() { inner.text(line.0, row: r, style: line.1) }
    }
}

/// The help screen, generated from the mode's key table (so it cannot drift
/// from the keys). On a short terminal it scrolls: j/k, arrows, Space.
struct HelpOverlay {
    let scroll: Int
    let table: [KeyBinding]

    static func lines(_ table: [KeyBinding]) -> [(String, Style)] {
        var lines: [(String, Style)] = []
        var group = ""
        for line in KeyTable.helpLines(table) {
            let label = line.group == group ? "" : line.group
            group = line.group
            lines.append((Canvas.pad(label, 9) + Canvas.pad(line.keys, 14) + line.help, label.isEmpty ? .plain : .plain))
        }
        lines.append(("", .plain))
        lines.append(("Teaching moments (t): netfilter verdicts, NUD changes, output swaps, frames,", .dim))
        lines.append(("skb queued or dropped, socket state changes, timers firing.", .dim))
        return lines
    }

    func draw(on screen: Screen) {
        let all = Self.lines(table)
        let room = max(1, screen.size.height - 4)
        let top = min(scroll, max(0, all.count - room))
        var shown = Array(all[top...].prefix(room))
        if top + room < all.count { shown[shown.count - 1] = ("\u{2193} more: j/Space scrolls, any other key closes", .note) }
        OverlayBox(title: "kpath keys · any key closes", lines: shown).draw(on: screen)
    }
}

/// The what-if menu: why it offers what it offers, then the choices of
/// one page, numbered 1–9; picking one re-runs the lesson with it toggled.
struct WhatIfOverlay {
    let choices: [WhatIfChoice]
    let page: Int
    let session: Session

    func draw(on screen: Screen) {
        let step = session.cursor + 1
        let pages = max(1, (choices.count + Session.whatIfPage - 1) / Session.whatIfPage)
        let width = max(20, screen.size.width - 10)
        var lines: [(String, Style)] = Canvas.wrap(
            "Each choice re-runs the lesson from the start with that change and stops here, at step \(step); "
            + "c and G then go on to the changed run's own end. Offered: every host (it can ignore ARP requests, "
            + "arp_ignore = 8) and every netfilter entry this run passes through (it can return NF_DROP), "
            + "before this step or after it.", width).map { ($0, .dim) }
        let shown = choices.dropFirst(page * Session.whatIfPage).prefix(Session.whatIfPage)
        for (k, choice) in shown.enumerated() {
            let on = session.whatIfs.contains(choice.edit)
            let text = "\(k + 1)  \(on ? "[x]" : "[ ]") \(choice.edit.description)"
            lines.append((text + (choice.note.isEmpty ? "" : "  (\(choice.note))"), on ? .note.bolded : .plain))
        }
        if choices.isEmpty { lines.append(("(nothing to change yet: step further first)", .dim)) }
        if !session.whatIfs.isEmpty { lines.append(("0  remove every what-if (the lesson as written)", .plain)) }
        if pages > 1 { lines.append(("] or PgDn: next page, [ or PgUp: previous (\(choices.count) choices)", .note)) }
        lines.append(("Esc  cancel", .dim))
        let title = "what if… " + (pages > 1 ? "page \(page + 1)/\(pages)" : "")
        OverlayBox(title: title, lines: lines).draw(on: screen)
    }
}
