import CNcurses
import Glibc
import Synchronization

/// Set by the SIGINT/SIGTERM handler; the key loop polls it every 100 ms.
let terminalInterrupted = Atomic<Bool>(false)
nonisolated(unsafe) private var previousILL = sigaction()
nonisolated(unsafe) private var previousTRAP = sigaction()

public enum TerminalError: Error, CustomStringConvertible {
    case notATerminal
    case unusable(String)

    public var description: String {
        switch self {
        case .notATerminal: "not a terminal; use 'kpath trace' for text output"
        case .unusable(let why): "\(why); use 'kpath trace' for text output"
        }
    }
}

/// Owns the terminal while the TUI runs, and gives it back in every case:
/// return, SIGINT, SIGTERM, and (through the crash handler) a Swift trap.
/// The order of the steps matters: handlers before newterm, SIGWINCH reset,
/// then curses; each step below says what goes wrong without it.
public enum Terminal {
    /// True when both stdin and stdout are terminals. Calls no ncurses function.
    public static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    /// Runs `body` with the screen; `interrupted` reports a pending SIGINT, SIGTERM or SIGHUP.
    public static func run(_ body: (Screen, _ interrupted: () -> Bool) -> Void) throws(TerminalError) {
        setlocale(LC_ALL, "")
        guard isInteractive else { throw .notATerminal }
        // Our own handlers, installed before newterm so ncurses leaves them
        // alone (it only installs its own over SIG_DFL): the loop then ends
        // normally and endwin runs.
        signal(SIGINT) { _ in terminalInterrupted.store(true, ordering: .relaxed) }
        signal(SIGTERM) { _ in terminalInterrupted.store(true, ordering: .relaxed) }
        // The terminal went away (its window closed, the tmux server killed):
        // every read would then fail at once and the loop would spin forever.
        signal(SIGHUP) { _ in terminalInterrupted.store(true, ordering: .relaxed) }
        // A parent may hand us these blocked or SIGWINCH ignored (masks and
        // ignores survive exec); ncurses then never sees a resize (it
        // installs its handler only over SIG_DFL).
        signal(SIGWINCH, SIG_DFL)
        var wanted = sigset_t()
        sigemptyset(&wanted)
        for sig in [SIGWINCH, SIGINT, SIGTERM, SIGHUP] { sigaddset(&wanted, sig) }
        sigprocmask(SIG_UNBLOCK, &wanted, nil)
        guard let screenPointer = newterm(nil, nc_stdout(), nc_stdin()) else {
            let term = String(cString: getenv("TERM") ?? strdup("(unset)"))
            throw .unusable("cannot drive terminal type '\(term)'")
        }
        guard nc_has_cursor_addressing() != 0, let window = nc_stdscr() else {
            endwin()
            delscreen(screenPointer)
            throw .unusable("this terminal cannot move the cursor")
        }
        installCrashRestore()
        atexit { if !isendwin() { endwin() } }
        defer {
            endwin()
            delscreen(screenPointer)
        }
        cbreak()
        noecho()
        keypad(window, true)
        curs_set(0)
        set_escdelay(25)
        wtimeout(window, NcursesScreen.pollInterval)
        let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        var useColor = false
        if has_colors() && !noColor {
            start_color()
            useColor = true
        }
        let unicode = String(cString: nc_codeset()) == "UTF-8"
        let screen = NcursesScreen(window: window, useColor: useColor, unicode: unicode)
        body(screen) { terminalInterrupted.load(ordering: .relaxed) }
    }

    /// On a Swift trap, leave curses first so the backtrace lands on a sane
    /// terminal, then let the runtime's handler run.
    private static func installCrashRestore() {
        var sa = sigaction()
        sigemptyset(&sa.sa_mask)
        sa.sa_flags = 0
        sa.__sigaction_handler.sa_handler = { sig in
            endwin()
            if sig == SIGILL { sigaction(SIGILL, &previousILL, nil) } else { sigaction(SIGTRAP, &previousTRAP, nil) }
        }
        sigaction(SIGILL, &sa, &previousILL)
        sigaction(SIGTRAP, &sa, &previousTRAP)
    }
}
