/// One key binding: the keys, the action, when it applies, and the words the
/// help screen and the status line show for it.
public struct KeyBinding: Sendable {
    /// When a binding is live. `n`/`N` step over normally and move between
    /// matches after a search, as in less and vim.
    public enum Mode: Sendable { case always, searching }

    public let keys: [Key]
    public let action: Action
    public let mode: Mode
    /// Section of the help screen.
    public let group: String
    /// What the help screen says the keys do.
    public let help: String
    /// Short name for the status line; nil keeps it off the status line.
    public let hint: String?

    /// How the help screen spells the keys, when not one by one ("1-9").
    public var label: String?

    /// "s", "S" -> "s S"; what the user reads as the key.
    public var keyLabel: String { label ?? keys.map(\.label).joined(separator: " ") }
}

/// The key tables, one per mode (the stepper, the demo, the quiz): dispatch,
/// the help screen and the status line all read them, so they cannot drift
/// apart.
public enum KeyTable {
    public static let bindings: [KeyBinding] = [
        b([.char("s"), .right], .stepInto, .always, "Step", "step into: the next event (runs the simulation on)", "s/S step"),
        b([.char("S"), .left], .stepBack, .always, "Step", "step back one event", nil),
        b([.char("n")], .stepOver, .always, "Step", "step over: past the end of this call", "n/N over"),
        b([.char("N")], .stepOverBack, .always, "Step", "step back over: to the start of the previous call", nil),
        b([.char("f")], .finish, .always, "Step", "finish: to the exit of this function (step out)", "f/F out"),
        b([.char("F")], .finishBack, .always, "Step", "back to the entry of this function", nil),
        b([.char("c")], .continueForward, .always, "Step", "continue to the next breakpoint or teaching moment", "c/C cont"),
        b([.char("C")], .continueBack, .always, "Step", "continue backwards to the previous one", nil),

        b([.char("j"), .down], .rowDown, .always, "Move", "next row of the tree (over folded calls)", nil),
        b([.char("k"), .up], .rowUp, .always, "Move", "previous row of the tree", nil),
        b([.pageDown, .char(" ")], .pageDown, .always, "Move", "a page down", nil),
        b([.pageUp], .pageUp, .always, "Move", "a page up", nil),
        b([.home, .char("g")], .first, .always, "Move", "the first event", nil),
        b([.end, .char("G")], .last, .always, "Move", "the last event (runs the simulation to its end)", nil),
        b([.enter], .toggleFold, .always, "Move", "fold or unfold the call under the cursor", "Enter fold"),

        b([.char("b")], .toggleBreakpoint, .always, "Stop", "breakpoint on the function under the cursor", "b break"),
        b([.char("B")], .typeBreakpoint, .always, "Stop", "breakpoint on a function you type", nil),
        b([.char("t")], .toggleTeachingStops, .always, "Stop", "c stops at teaching moments too (on/off)", "t teach"),

        b([.char("/")], .search, .always, "Search", "search function names", "/ find"),
        // Search mode: while a search is active these win over step over.
        b([.char("n")], .searchNext, .searching, "Search", "after /: next match", "n next"),
        b([.char("N")], .searchPrevious, .searching, "Search", "after /: previous match", "N prev"),
        b([.escape], .endSearch, .searching, "Search", "end the search (n/N step over again)", "Esc end search"),

        b([.char("w")], .whatIf, .always, "What if", "change the lesson (a host, a hook entry), re-run to here", "w what-if"),
        b([.char("o")], .switchRun, .always, "What if", "switch between the what-if run and the original", nil),
        b([.char("d")], .jumpToDivergence, .always, "What if", "jump to where the two runs part", nil),
        b([.char("e")], .export, .always, "Other", "export the trace so far (chain or ftrace)", "e export"),
        b([.tab], .nextDetailPane, .always, "Other", "next detail pane: auto, neighbours, netfilter...", "Tab pane"),
        b([.backTab], .previousDetailPane, .always, "Other", "previous detail pane", nil),
        b([.char("l")], .pickLesson, .always, "Other", "pick a lesson: what each one shows, and at which step", "l lessons"),
        b([.char("?"), .char("h")], .help, .always, "Other", "this help", "? help"),
        b([.char("q")], .quit, .always, "Other", "quit (Ctrl-C too)", "q quit"),
    ]

    /// `kpath demo`: autoplay from moment to moment. Space is play/pause
    /// here, and stepping pauses it.
    public static let demo: [KeyBinding] = [
        b([.char(" ")], .playPause, .always, "Play", "play or pause: each teaching moment is held, then the next", "Space play/pause"),
        b([.right, .char("s")], .stepInto, .always, "Play", "step into the next event (pauses)", "→/← step"),
        b([.left, .char("S")], .stepBack, .always, "Play", "step back one event (pauses)", nil),
        b([.char("c")], .continueForward, .always, "Play", "on to the next teaching moment (pauses)", "c/C moment"),
        b([.char("C")], .continueBack, .always, "Play", "back to the previous teaching moment (pauses)", nil),
        b([.tab], .nextDetailPane, .always, "Other", "next detail pane: auto, neighbours, netfilter...", "Tab pane"),
        b([.backTab], .previousDetailPane, .always, "Other", "previous detail pane", nil),
        b([.char("?"), .char("h")], .help, .always, "Other", "this help", "? help"),
        b([.char("q")], .quit, .always, "Other", "quit (Ctrl-C too)", "q quit"),
    ]

    /// `kpath quiz`: answer by number; nothing steps ahead while a question is open.
    public static let quiz: [KeyBinding] = [
        KeyBinding(keys: (1...9).map { .char(Character(String($0))) }, action: .answer, mode: .always, group: "Answer",
                   help: "answer the open question with the choice's number", hint: "1-9 answer", label: "1-9"),
        b([.char(" "), .enter, .right], .nextQuestion, .always, "Answer", "after an answer: on to the next question", "Space next"),
        b([.tab], .nextDetailPane, .always, "Other", "next detail pane (look around; the answer stays hidden)", "Tab pane"),
        b([.backTab], .previousDetailPane, .always, "Other", "previous detail pane", nil),
        b([.char("?"), .char("h")], .help, .always, "Other", "this help", "? help"),
        b([.char("q")], .quit, .always, "Other", "quit (Ctrl-C too)", "q quit"),
    ]

    /// The action for `key` in `table`; bindings for search mode win while `searching`.
    public static func action(for key: Key, in table: [KeyBinding] = bindings, searching: Bool = false) -> Action? {
        let live = table.filter { $0.keys.contains(key) && ($0.mode == .always || searching) }
        return (live.first { $0.mode == .searching } ?? live.first)?.action
    }

    /// Status-line hints that apply now, in table order.
    public static func hints(_ table: [KeyBinding] = bindings, searching: Bool = false) -> [String] {
        if searching {
            return table.filter { $0.mode == .searching }.compactMap(\.hint)
        }
        return table.filter { $0.mode == .always }.compactMap(\.hint)
    }

    /// The help screen: one line per binding, grouped, from the same table.
    public static func helpLines(_ table: [KeyBinding] = bindings) -> [(group: String, keys: String, help: String)] {
        table.map { ($0.group, $0.keyLabel, $0.help) }
    }

    private static func b(_ keys: [Key], _ action: Action, _ mode: KeyBinding.Mode, _ group: String,
                          _ help: String, _ hint: String?) -> KeyBinding {
        KeyBinding(keys: keys, action: action, mode: mode, group: group, help: help, hint: hint, label: nil)
    }
}
