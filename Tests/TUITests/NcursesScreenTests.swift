import CNcurses
import Glibc
import Testing
@testable import TUI

/// The real ncurses screen, drawing into an off-screen terminal
/// (newterm on a pseudo-terminal). ncurses is one global state, hence serialized.
@Suite(.serialized) struct NcursesScreenTests {
    init() { setlocale(LC_ALL, "C.UTF-8") }

    @Test func drawsWideTextWithAttributes() throws {
        let out = try #require(fopen("/dev/null", "w")), inp = try #require(fopen("/dev/null", "r"))
        let scr = try #require(newterm("xterm-256color", out, inp))
        defer { endwin(); delscreen(scr); fclose(out); fclose(inp) }
        resizeterm(30, 100)
        let win = try #require(nc_stdscr())
        start_color()
        let screen = NcursesScreen(window: win, useColor: true, unicode: true)
        #expect(screen.size == Size(width: 100, height: 30))
        let session = Session(source: FixedTrace(MiniConnect.log()), scenarioName: "mini")
        session.perform(.last)
        FrameRenderer().draw(session, on: screen)
        var buf = [wchar_t](repeating: 0, count: 101)
        mvwinnwstr(win, 0, 0, &buf, 100)
        let title = String(String.UnicodeScalarView(buf.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }))
        #expect(title.contains("kpath · mini · step"))
        #expect(mvwinch(win, 0, 2) & NC_A_REVERSE != 0)
    }

    @Test func decodesKeys() {
        #expect(NcursesScreen.decode(status: KEY_CODE_YES, wint_t(KEY_UP)) == .up)
        #expect(NcursesScreen.decode(status: KEY_CODE_YES, wint_t(KEY_RESIZE)) == .resize)
        #expect(NcursesScreen.decode(status: OK, wint_t(10)) == .enter)
        #expect(NcursesScreen.decode(status: OK, wint_t(27)) == .escape)
        #expect(NcursesScreen.decode(status: OK, wint_t(0xe9)) == .char("é"))
        #expect(NcursesScreen.decode(status: ERR, 0) == nil)
    }
}
