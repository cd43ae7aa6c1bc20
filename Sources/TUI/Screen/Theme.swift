/// Colour themes for a projector: what reads from the back of a room.
/// A theme maps the views' semantic styles; views stay theme-blind.
public enum Theme: String, CaseIterable, Sendable {
    /// High contrast on a dark background: colours bold, nothing dim.
    case dark
    /// For a light background: yellow and cyan (unreadable on white) become
    /// magenta and blue; nothing dim.
    case light
    /// No colour at all: bold, reverse and underline carry the meaning.
    case mono

    public func apply(_ s: Style) -> Style {
        var out = s
        if out.dim { out.dim = false }
        switch self {
        case .dark:
            if out.color != .default { out.bold = true }
        case .light:
            switch out.color {
            case .yellow: out.color = .magenta
            case .cyan: out.color = .blue
            case .white: out.color = .black
            default: break
            }
        case .mono:
            if out.color != .default { out.bold = true; out.color = .default }
        }
        return out
    }
}

/// A screen that draws through another one with a theme applied.
public final class ThemedScreen: Screen {
    let base: Screen
    let theme: Theme

    public init(_ base: Screen, theme: Theme) { self.base = base; self.theme = theme }

    public var size: Size { base.size }
    public func clear() { base.clear() }
    public func put(_ text: String, row: Int, col: Int, style: Style) {
        base.put(text, row: row, col: col, style: theme.apply(style))
    }
    public func refresh() { base.refresh() }
    public func readKey() -> Key? { base.readKey() }
    public func pollKey() -> Key? { base.pollKey() }
}
