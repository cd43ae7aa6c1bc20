import Testing
@testable import TUI
import Tracing

@Suite struct ScreenTests {
    @Test func gridClipsAtTheRightEdge() {
        let g = GridScreen(width: 5, height: 2)
        g.put("abcdefgh", row: 1, col: 2, style: .bold)
        g.put("zz", row: 5, col: 0, style: .plain)      // off screen: ignored
        #expect(g.lines == ["", "  abc"])
        #expect(g.styles[1][2] == .bold)
    }

    @Test func asciiModeReplacesEveryNonASCIICharacter() {
        let s = Glyphs.asciiOnly("nud_state = NONE → n->output(): … ─│★▶")
        #expect(s == "nud_state = NONE -> n->output(): ... -|*>")
        #expect(s.utf8.allSatisfy { $0 < 0x80 })
        let g = GridScreen(width: 20, height: 1, ascii: true)
        g.put("a → b", row: 0, col: 0, style: .plain)
        #expect(g.lines == ["a -> b"])
    }

    @Test func layoutNeedsEightyByTwentyFour() {
        #expect(Layout.make(for: Size(width: 79, height: 24)) == nil)
        #expect(Layout.make(for: Size(width: 80, height: 23)) == nil)
        let small = Layout.make(for: Size(width: 80, height: 24))!
        #expect(small.pinned.keys.sorted { $0.rawValue < $1.rawValue } == [.explain, .tree])
        #expect(small.detailCandidates == [.neighbours, .netfilter, .packet, .wire])
        let big = Layout.make(for: Size(width: 200, height: 60))!
        #expect(Set(big.pinned.keys) == Set(PaneKind.allCases))
        #expect(big.detailSlot == nil)
    }

    @Test func layoutRectanglesStayOnScreenAndDoNotOverlap() {
        for (w, h) in [(80, 24), (100, 30), (129, 40), (130, 24), (160, 50), (250, 80)] {
            let l = Layout.make(for: Size(width: w, height: h))!
            let rects = Array(l.pinned.values) + (l.detailSlot.map { [$0] } ?? [])
            var covered = Set<Int>()
            for r in rects {
                #expect(r.row >= 1 && r.row + r.height <= h - 1 && r.col + r.width <= w && r.height >= 4, "\(w)x\(h) \(r)")
                for y in r.row..<(r.row + r.height) {
                    for x in r.col..<(r.col + r.width) { #expect(covered.insert(y * w + x).inserted) }
                }
            }
        }
    }

    @Test func tooSmallScreenSaysWhatItNeedsAndRecovers() {
        let session = Session(source: FixedTrace(MiniConnect.log()), scenarioName: "mini")
        let g = GridScreen(width: 60, height: 20)
        FrameRenderer().draw(session, on: g)
        #expect(g.text.contains("terminal too small (need 80x24, have 60x20)"))
        g.resize(width: 80, height: 24)
        FrameRenderer().draw(session, on: g)
        #expect(!g.text.contains("too small"))
        #expect(g.lines[0].contains("kpath · mini · step 1/"))
    }

    @Test func theLoopQuitsOnQAndDrawsAfterEveryKey() {
        let session = Session(source: FixedTrace(MiniConnect.log()), scenarioName: "mini")
        let g = GridScreen(width: 100, height: 30, keys: [.char("s"), .char("s"), .char("q"), .char("s")])
        TUIApp.run(session, on: g) { g.pendingKeys.isEmpty }
        #expect(session.cursor == 2)
        #expect(g.pendingKeys == [.char("s")])       // nothing read after q
        #expect(g.refreshCount == 4)
    }
}
