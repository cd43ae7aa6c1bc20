/// The narrow surface every view draws through, so that views are tested
/// on a grid in memory and only one type talks to ncurses.
///
/// Two implementations: ``NcursesScreen`` for the terminal and ``GridScreen``
/// for tests. Views never see ncurses; they put styled text at a row and a
/// column, and the screen decides how that reaches the terminal.
public protocol Screen: AnyObject {
    /// Current size in cells. Read it again after a ``Key/resize``.
    var size: Size { get }
    /// Blanks the whole screen (the next ``refresh()`` shows it).
    func clear()
    /// Puts `text` at `row`, `col`. Each `Character` takes one cell; text
    /// past the right edge is cut by the screen.
    func put(_ text: String, row: Int, col: Int, style: Style)
    /// Shows what was put since the last refresh.
    func refresh()
    /// The next key, or nil when none arrived within the screen's poll
    /// interval (so the caller can check signal flags).
    func readKey() -> Key?
    /// The next key if one is already waiting; never waits.
    func pollKey() -> Key?
}

public struct Size: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
    public var description: String { "\(width)x\(height)" }
}

/// The colours every terminal with colour has: the eight ANSI ones.
public enum Color: Int, Sendable, CaseIterable {
    case `default` = -1, black, red, green, yellow, blue, magenta, cyan, white
}

/// How a run of text looks. Screens without colour (or with NO_COLOR) drop
/// ``color`` and keep the attributes, so a style must still read without it.
public struct Style: Hashable, Sendable {
    public var color: Color
    public var bold: Bool
    public var reverse: Bool
    public var dim: Bool
    public var underline: Bool

    public init(color: Color = .default, bold: Bool = false, reverse: Bool = false,
                dim: Bool = false, underline: Bool = false) {
        self.color = color; self.bold = bold; self.reverse = reverse; self.dim = dim
        self.underline = underline
    }

    public static let plain = Style()
    public static let dim = Style(dim: true)
    public static let bold = Style(bold: true)
    /// Pane titles and the top bar.
    public static let title = Style(color: .cyan, bold: true)
    /// The cursor row.
    public static let cursor = Style(reverse: true)
    public static let warning = Style(color: .red, bold: true)
    public static let good = Style(color: .green)
    public static let note = Style(color: .yellow)
    public static let accent = Style(color: .magenta)
    public static let file = Style(color: .blue)

    public func with(color: Color) -> Style { var s = self; s.color = color; return s }
    public var reversed: Style { var s = self; s.reverse = true; return s }
    public var bolded: Style { var s = self; s.bold = true; return s }
}
