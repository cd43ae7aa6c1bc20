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

    /// "s", "S" -> "s/S"; what the user reads as the key.
    public var keyLabel: String { keys.map(\.label).joined(separator: " ") }
}

/// The single key table: dispatch, the help screen and the status line all
/// read it, so they cannot drift apart.
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
        b([.char("?"), .char("h")], .help, .always, "Other", "this help", "? help"),
        b([.char("q")], .quit, .always, "Other", "quit (Ctrl-C too)", "q quit"),
    ]

    /// The action for `key`; bindings for search mode win while `searching`.
    public static func action(for key: Key, searching: Bool) -> Action? {
        let live = bindings.filter { $0.keys.contains(key) && ($0.mode == .always || searching) }
        return (live.first { $0.mode == .searching } ?? live.first)?.action
    }

    /// Status-line hints that apply now, in table order.
    public static func hints(searching: Bool) -> [String] {
        if searching {
            return bindings.filter { $0.mode == .searching }.compactMap(\.hint)
        }
        return bindings.filter { $0.mode == .always }.compactMap(\.hint)
    }

    /// The help screen: one line per binding, grouped, from the same table.
    public static func helpLines() -> [(group: String, keys: String, help: String)] {
        bindings.map { ($0.group, $0.keyLabel, $0.help) }
    }

    private static func b(_ keys: [Key], _ action: Action, _ mode: KeyBinding.Mode, _ group: String,
                          _ help: String, _ hint: String?) -> KeyBinding {
        KeyBinding(keys: keys, action: action, mode: mode, group: group, help: help, hint: hint)
    }
}
