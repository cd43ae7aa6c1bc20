/// A screen that is a grid of characters and styles: the backend for tests
/// (views are tested without a terminal) and for ``FrameBuilder``, which hands frames to the benchmark.
public final class GridScreen: Screen {
    public private(set) var size: Size
    public private(set) var cells: [[Character]]
    public private(set) var styles: [[Style]]
    /// Keys that ``readKey()`` hands out, in order; nil once they run out.
    public var pendingKeys: [Key]
    /// When true, text is drawn as ``Glyphs/asciiOnly(_:)`` would send it to
    /// a terminal without a UTF-8 locale.
    public let ascii: Bool
    public private(set) var refreshCount = 0

    public init(width: Int, height: Int, keys: [Key] = [], ascii: Bool = false) {
        size = Size(width: width, height: height)
        cells = Array(repeating: Array(repeating: " ", count: width), count: height)
        styles = Array(repeating: Array(repeating: .plain, count: width), count: height)
        pendingKeys = keys
        self.ascii = ascii
    }

    /// Changes the size as a terminal resize would; the caller then sees ``Key/resize``.
    public func resize(width: Int, height: Int) {
        size = Size(width: width, height: height)
        clear()
    }

    public func clear() {
        cells = Array(repeating: Array(repeating: " ", count: size.width), count: size.height)
        styles = Array(repeating: Array(repeating: .plain, count: size.width), count: size.height)
    }

    public func put(_ text: String, row: Int, col: Int, style: Style) {
        guard row >= 0, row < size.height else { return }
        var c = col
        for ch in ascii ? Glyphs.asciiOnly(text) : text {
            if c >= size.width { break }
            if c >= 0 { cells[row][c] = ch; styles[row][c] = style }
            c += 1
        }
    }

    public func refresh() { refreshCount += 1 }

    public func readKey() -> Key? {
        pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    public func pollKey() -> Key? { readKey() }

    /// The grid as lines, trailing blanks trimmed: what a test compares.
    public var lines: [String] {
        cells.map { row in
            var s = String(row)
            while s.last == " " { s.removeLast() }
            return s
        }
    }

    /// The whole grid as one string, for failure messages.
    public var text: String { lines.joined(separator: "\n") }

    /// The style of the first cell of `needle` on `row`, if it is there.
    public func style(of needle: String, row: Int) -> Style? {
        guard let r = String(cells[row]).range(of: needle) else { return nil }
        let col = String(cells[row]).distance(from: String(cells[row]).startIndex, to: r.lowerBound)
        return styles[row][col]
    }

    /// The first row containing `needle`.
    public func row(containing needle: String) -> Int? {
        lines.firstIndex { $0.contains(needle) }
    }
}
