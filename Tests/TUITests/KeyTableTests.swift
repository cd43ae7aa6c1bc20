import Testing
@testable import TUI

@Suite struct KeyTableTests {
    @Test func nStepsOverUntilASearchIsActive() {
        #expect(KeyTable.action(for: .char("n"), searching: false) == .stepOver)
        #expect(KeyTable.action(for: .char("N"), searching: false) == .stepOverBack)
        #expect(KeyTable.action(for: .char("n"), searching: true) == .searchNext)
        #expect(KeyTable.action(for: .char("N"), searching: true) == .searchPrevious)
        #expect(KeyTable.action(for: .escape, searching: false) == nil)
    }

    @Test func habitsFromGdbLessAndVimAreBound() {
        let expected: [(Key, Action)] = [
            (.char("s"), .stepInto), (.char("S"), .stepBack), (.char("f"), .finish), (.char("F"), .finishBack),
            (.char("c"), .continueForward), (.char("C"), .continueBack), (.char("j"), .rowDown), (.up, .rowUp),
            (.pageDown, .pageDown), (.home, .first), (.end, .last), (.char("q"), .quit), (.char("?"), .help),
            (.char("/"), .search), (.enter, .toggleFold), (.char("b"), .toggleBreakpoint),
            (.char("B"), .typeBreakpoint), (.char("t"), .toggleTeachingStops), (.char("w"), .whatIf),
            (.char("e"), .export),
        ]
        for (key, action) in expected {
            #expect(KeyTable.action(for: key, searching: false) == action, "\(key.label)")
        }
    }

    @Test func noKeyIsBoundTwiceInOneMode() {
        for mode in [KeyBinding.Mode.always, .searching] {
            let keys = KeyTable.bindings.filter { $0.mode == mode }.flatMap(\.keys)
            #expect(Set(keys).count == keys.count)
        }
    }

    @Test func helpAndStatusComeFromTheTable() {
        let help = KeyTable.helpLines()
        #expect(help.count == KeyTable.bindings.count)
        #expect(help.contains { $0.keys == "n" && $0.help.contains("next match") })
        #expect(KeyTable.hints(searching: false).suffix(2) == ["? help", "q quit"])
        #expect(KeyTable.hints(searching: false).contains("s/S step"))
        #expect(KeyTable.hints(searching: true) == ["n next", "N prev", "Esc end search"])
    }
}
