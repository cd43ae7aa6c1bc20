import CNcurses
import Glibc

/// The terminal, through ncursesw. Created only by ``Terminal``, after it has
/// checked the terminal and installed the handlers that give it back.
final class NcursesScreen: Screen {
    private let window: UnsafeMutablePointer<WINDOW>
    /// False under NO_COLOR or on a terminal without colours: attributes only.
    private let useColor: Bool
    /// False when the locale's codeset is not UTF-8: text goes through ``Glyphs/asciiOnly(_:)``.
    let unicode: Bool

    init(window: UnsafeMutablePointer<WINDOW>, useColor: Bool, unicode: Bool) {
        self.window = window
        self.useColor = useColor
        self.unicode = unicode
        if useColor {
            let background: Int16 = use_default_colors() == OK ? -1 : Int16(COLOR_BLACK)
            for color in Color.allCases where color != .default {
                init_pair(Int16(color.rawValue + 1), Int16(color.rawValue), background)
            }
        }
    }

    var size: Size { Size(width: Int(getmaxx(window)), height: Int(getmaxy(window))) }

    func clear() { werase(window) }

    func put(_ text: String, row: Int, col: Int, style: Style) {
        let size = self.size
        guard row >= 0, row < size.height, col < size.width else { return }
        var s = unicode ? text : Glyphs.asciiOnly(text)
        let room = size.width - max(0, col)
        if s.count > room { s = String(s.prefix(room)) }
        wattr_set(window, attributes(style), pair(style), nil)
        var wide = s.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        wide.append(0)
        // The last cell of the screen: ncurses would scroll; it draws anyway and returns ERR.
        _ = mvwaddnwstr(window, Int32(row), Int32(max(0, col)), wide, Int32(wide.count - 1))
        wattr_set(window, NC_A_NORMAL, 0, nil)
    }

    func refresh() { wrefresh(window) }

    func readKey() -> Key? {
        var ch: wint_t = 0
        let status = wget_wch(window, &ch)
        return Self.decode(status: status, ch)
    }

    /// Milliseconds `readKey` waits before it returns nil, so that the loop
    /// sees a pending SIGINT/SIGTERM within a tenth of a second.
    static let pollInterval: Int32 = 100

    func pollKey() -> Key? {
        wtimeout(window, 0)
        defer { wtimeout(window, Self.pollInterval) }
        return readKey()
    }

    /// `wget_wch`'s answer as a ``Key`` (nil for a timeout or an unknown code).
    static func decode(status: Int32, _ ch: wint_t) -> Key? {
        if status == KEY_CODE_YES {
            switch Int32(ch) {
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_NPAGE: return .pageDown
            case KEY_PPAGE: return .pageUp
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_ENTER: return .enter
            case KEY_BACKSPACE: return .backspace
            case KEY_BTAB: return .backTab
            case KEY_RESIZE: return .resize
            default: return nil
            }
        }
        guard status == OK, let scalar = Unicode.Scalar(UInt32(ch)) else { return nil }
        switch scalar.value {
        case 10, 13: return .enter
        case 27: return .escape
        case 9: return .tab
        case 8, 127: return .backspace
        default: return scalar.value < 32 ? nil : .char(Character(scalar))
        }
    }

    private func attributes(_ s: Style) -> attr_t {
        var a = NC_A_NORMAL
        if s.bold { a |= NC_A_BOLD }
        if s.reverse { a |= NC_A_REVERSE }
        if s.dim { a |= NC_A_DIM }
        if s.underline { a |= NC_A_UNDERLINE }
        return a
    }

    private func pair(_ s: Style) -> Int16 {
        useColor && s.color != .default ? Int16(s.color.rawValue + 1) : 0
    }
}
