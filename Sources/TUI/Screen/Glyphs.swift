/// The non-ASCII characters kpath draws, and their ASCII stand-ins.
///
/// Views (and the catalogue's explain lines) always write Unicode; a screen
/// whose locale is not UTF-8 passes its text through ``asciiOnly(_:)``. One
/// table in one place, so no view has to know which mode it is in.
public enum Glyphs {
    public static let hline = "─", vline = "│", arrow = "→", leftArrow = "←"
    public static let ellipsis = "…", bullet = "•", star = "★", marker = "▶"

    private static let table: [Character: String] = [
        "─": "-", "│": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+",
        "┬": "+", "┴": "+", "┼": "+", "→": "->", "←": "<-", "↔": "<>", "…": "...",
        "•": "*", "★": "*", "▶": ">", "◀": "<", "►": ">", "◄": "<", "◆": "#", "✚": "+",
        "⚑": "!", "✗": "x", "✓": "v", "⏲": "@", "·": ".", "≤": "<=", "≥": ">=", "×": "x",
        "▸": ">", "▾": "v", "↳": "`-", "⇢": ">", "≠": "!=", "↑": "^", "↓": "v", "●": "o", "▏": "_",
    ]

    /// `text` with every non-ASCII character replaced by its stand-in (or `?`).
    public static func asciiOnly(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            if ch.isASCII { out.append(ch) } else { out += table[ch] ?? "?" }
        }
        return out
    }
}
