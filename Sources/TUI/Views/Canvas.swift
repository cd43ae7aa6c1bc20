/// A rectangle of the screen. Views draw in their own coordinates and the
/// canvas clips to the rectangle, so no view can scribble over another.
public struct Rect: Hashable, Sendable {
    public var row, col, width, height: Int
    public init(row: Int, col: Int, width: Int, height: Int) {
        self.row = row; self.col = col; self.width = width; self.height = height
    }
}

struct Canvas {
    let screen: Screen
    let rect: Rect
    /// Columns at the right of the header row that something else draws on
    /// (the detail slot's "Tab: auto" tag).
    var headerReserve = 0

    var width: Int { rect.width }
    var height: Int { rect.height }

    /// Text at (`row`, `col`), cut with an ellipsis where it would leave the rectangle.
    func text(_ s: String, row: Int, col: Int = 0, style: Style = .plain) {
        guard row >= 0, row < height, col < width else { return }
        screen.put(Canvas.fit(s, width - col), row: rect.row + row, col: rect.col + col, style: style)
    }

    /// Blanks a row in `style` (a cursor bar is a reversed blank row first).
    func fill(row: Int, style: Style) {
        text(String(repeating: " ", count: width), row: row, style: style)
    }

    /// A pane's title rule: `── title ───── right ─`. Both texts lose whole
    /// words (`·`-separated parts first) rather than letters when the pane
    /// is narrow, and stay clear of the last ``headerReserve`` columns.
    func header(_ title: String, right: String = "") {
        fill(row: 0, style: .plain)
        text(String(repeating: Glyphs.hline, count: width), row: 0, style: .dim)
        let room = max(0, width - 1 - headerReserve)
        let words = Canvas.fitWords(title, max(0, room - 3))
        let t = " " + (words.isEmpty ? Canvas.fit(title, max(0, room - 3)) : words) + " "
        text(t, row: 0, col: 1, style: .title)
        let rightRoom = room - t.count - 4
        if !right.isEmpty, rightRoom > 8 {
            let fitted = Canvas.fitWords(right, rightRoom - 2)
            if !fitted.isEmpty {
                let r = " \(fitted) "
                text(r, row: 0, col: room - r.count, style: .dim)
            }
        }
    }

    /// `s` in at most `width` characters, cut only between words: whole
    /// `·`-separated parts go first, then words; an ellipsis marks the cut.
    /// Empty when not even the first word fits.
    static func fitWords(_ s: String, _ width: Int) -> String {
        if s.count <= width { return s }
        for separator in [" · ", " "] {
            var parts = s.split(separator: separator).map(String.init)
            while parts.count > 1 {
                parts.removeLast()
                let cut = parts.joined(separator: separator) + " " + Glyphs.ellipsis
                if cut.count <= width { return cut }
            }
        }
        return ""
    }

    /// A canvas for the rows below the header.
    var body: Canvas {
        Canvas(screen: screen, rect: Rect(row: rect.row + 1, col: rect.col, width: width, height: max(0, height - 1)))
    }

    /// `s` cut to `width` characters, the last one an ellipsis when cut.
    static func fit(_ s: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        guard s.count > width else { return s }
        return String(s.prefix(width - 1)) + Glyphs.ellipsis
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? fit(s, width) : s + String(repeating: " ", count: width - s.count)
    }

    static func padLeft(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }

    /// Words of `s` wrapped to `width`.
    static func wrap(_ s: String, _ width: Int) -> [String] {
        guard width > 4 else { return [s] }
        var lines: [String] = [], line = ""
        for word in s.split(separator: " ") {
            if line.isEmpty { line = String(word) }
            else if line.count + 1 + word.count <= width { line += " " + word }
            else { lines.append(line); line = String(word) }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
