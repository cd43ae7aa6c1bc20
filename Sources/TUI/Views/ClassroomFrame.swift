/// What the classroom adds to a frame: a caption band (narration, or a
/// question and its answer), its own keys, and a mode in the title.
public struct ClassroomFrame: Sendable {
    public var mode: String
    public var title: String
    /// Lines of the band; the first is the headline. A line keeps its own
    /// line breaks (a YAML block's layout) and wraps within them.
    public var lines: [(text: String, style: Style)]
    /// The mode's key table: the status line's hints and the `?` screen.
    public var keys: [KeyBinding]
    /// Words nothing outside the caption band may show (an open question's choices).
    public var hiding: [String]

    public init(mode: String, title: String, lines: [(text: String, style: Style)], keys: [KeyBinding],
                hiding: [String] = []) {
        self.mode = mode; self.title = title; self.lines = lines; self.keys = keys; self.hiding = hiding
    }

    func drawCaption(_ canvas: Canvas) {
        canvas.header(title)
        let body = canvas.body
        var rows: [(String, Style)] = []
        for line in lines {
            var paragraphs = line.text.split(separator: "\n", omittingEmptySubsequences: false)
            while paragraphs.count > 1, paragraphs.last?.allSatisfy(\.isWhitespace) == true { paragraphs.removeLast() }
            for paragraph in paragraphs {
                // An indented line stays indented, wrapped or not.
                let lead = String(paragraph.prefix { $0 == " " })
                let wrapped = Canvas.wrap(String(paragraph.dropFirst(lead.count)), body.width - 2 - lead.count)
                for part in wrapped.isEmpty ? [""] : wrapped { rows.append((lead + part, line.style)) }
            }
        }
        for (r, row) in rows.prefix(body.height).enumerated() { body.text(row.0, row: r, col: 1, style: row.1) }
    }
}

/// A screen that blanks words as they are drawn: what the quiz puts between
/// the panes and the terminal while a question is open. A word cut short
/// with an ellipsis is blanked too when it begins one of the words.
final class HidingScreen: Screen {
    let base: Screen
    let words: [String]

    init(_ base: Screen, hiding words: [String]) {
        self.base = base
        self.words = words.sorted { $0.count > $1.count }
    }

    var size: Size { base.size }
    func clear() { base.clear() }
    func refresh() { base.refresh() }
    func readKey() -> Key? { base.readKey() }
    func pollKey() -> Key? { base.pollKey() }

    func put(_ text: String, row: Int, col: Int, style: Style) {
        base.put(hide(text), row: row, col: col, style: style)
    }

    func hide(_ text: String) -> String {
        var out = text
        for word in words where out.contains(word) {
            out = out.replacing(word, with: String(repeating: "?", count: word.count))
        }
        guard out.contains(Glyphs.ellipsis) else { return out }
        // "neigh_resol…": the identifier before an ellipsis.
        var chars = Array(out)
        for (i, c) in chars.enumerated() where String(c) == Glyphs.ellipsis {
            var start = i
            while start > 0, chars[start - 1].isLetter || chars[start - 1].isNumber || chars[start - 1] == "_" { start -= 1 }
            let stem = String(chars[start..<i])
            if stem.count >= 3, words.contains(where: { $0.hasPrefix(stem) }) {
                for k in start..<i { chars[k] = "?" }
            }
        }
        return String(chars)
    }
}
