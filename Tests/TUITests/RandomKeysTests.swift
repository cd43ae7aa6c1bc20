import Scenarios
import Testing
@testable import TUI

/// A student pressing anything, in any order, on any lesson: the session
/// never crashes, the cursor stays on an event, and every frame draws.
/// (Export, e, is left out: it writes files; its own test covers it.)
@Suite struct RandomKeysTests {
    static let keys: [Key] = [.char("s"), .char("S"), .char("n"), .char("N"), .char("f"), .char("F"), .char("c"),
                              .char("C"), .char("j"), .char("k"), .up, .down, .left, .right, .pageUp, .pageDown,
                              .home, .end, .enter, .char("b"), .char("t"), .char("w"), .char("1"), .char("2"),
                              .char("0"), .char("d"), .char("/"), .char("n"), .escape, .tab, .backTab, .char("?"),
                              .char("x"), .backspace, .char("c"), .char("g"), .char("G"), .char(" ")]

    @Test(arguments: ["cold-connect", "router-forward", "unreachable-neighbour", "loopback"])
    func anySequenceOfKeysIsSafe(lesson: String) {
        var state: UInt64 = 0x9E37_79B9
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let session = Session.live(Scenario.named(lesson)!)
        let screen = GridScreen(width: 100, height: 30)
        let renderer = FrameRenderer()
        for step in 0..<1500 {
            if step % 300 == 299 { screen.resize(width: [60, 80, 120][next(3)], height: [20, 24, 40][next(3)]) }
            session.handle(Self.keys[next(Self.keys.count)])
            if session.wantsQuit { break }
            renderer.draw(session, on: screen)
            #expect(session.cursor >= 0 && session.cursor < session.log.count)
        }
    }
}
