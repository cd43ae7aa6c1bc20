/// What the classroom adds to a frame: a caption band (narration, or a
/// question and its answer), its own key hints, and a mode in the title.
public struct ClassroomFrame: Sendable {
    public var mode: String
    public var title: String
    /// Lines of the band; the first is the headline.
    public var lines: [(text: String, style: Style)]
    /// `"key what"` hints for the status line.
    public var hints: [String]

    public init(mode: String, title: String, lines: [(text: String, style: Style)], hints: [String]) {
        self.mode = mode; self.title = title; self.lines = lines; self.hints = hints
    }

    func drawCaption(_ canvas: Canvas) {
        canvas.header(title)
        let body = canvas.body
        var rows: [(String, Style)] = []
        for line in lines {
            for part in Canvas.wrap(line.text, body.width - 2) { rows.append((part, line.style)) }
        }
        for (r, row) in rows.prefix(body.height).enumerated() { body.text(row.0, row: r, col: 1, style: row.1) }
    }
}
