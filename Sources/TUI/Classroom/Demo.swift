import Tracing

/// Autoplay for a class: the run advances from teaching moment to teaching
/// moment at a chosen pace, holding each one with its caption. Its keys are
/// ``KeyTable/demo``: Space pauses and resumes, stepping pauses, q quits.
public final class Demo {
    public let session: Session
    let narrator: Narrator
    public private(set) var playing = true
    /// Seconds a moment stays on screen before autoplay moves on.
    public let hold: Double
    private var nextAdvance: Double?

    /// - Parameter speed: 1 holds each moment 3 s; 2 twice as fast.
    public init(session: Session, narration: [String: String], speed: Double) {
        self.session = session
        narrator = Narrator(narration: narration)
        hold = 3.0 / max(0.1, speed)
    }

    public var atEnd: Bool { session.source.isFinished && session.cursor == session.index.count - 1 }

    /// Called at every poll of the key loop; moves on when the hold is over.
    public func tick(now: Double) {
        guard playing else { return }
        guard let due = nextAdvance else { nextAdvance = now + hold; return }
        guard now >= due else { return }
        session.perform(.continueForward)
        session.message = nil
        nextAdvance = now + hold
        if atEnd { playing = false }
    }

    public func handle(_ key: Key, now: Double) {
        // The help screen, once open, takes the next key (to scroll or close).
        if session.overlay != nil { return session.handle(key) }
        session.message = nil
        guard let action = KeyTable.action(for: key, in: KeyTable.demo) else {
            session.message = "\(key.label): not a key in the demo (? shows its keys)"
            return
        }
        switch action {
        case .playPause:
            playing.toggle()
            nextAdvance = playing ? now + hold : nil
            if playing && atEnd { playing = false }
        case .stepInto, .stepBack, .continueForward, .continueBack:
            playing = false
            nextAdvance = nil
            session.perform(action)
        default:
            session.perform(action)
        }
    }

    public var wantsQuit: Bool { session.wantsQuit }

    public var frame: ClassroomFrame {
        let log = session.log
        let caption = narrator.caption(at: session.cursor, session.index, log)
        var lines: [(text: String, style: Style)] = []
        if !caption.headline.isEmpty { lines.append((caption.headline, Style(color: .yellow, bold: true))) }
        lines.append((caption.text, .plain))
        if atEnd { lines.append(("The end of the lesson. q quits; ← and C go back.", .good)) }
        let mode = "demo · " + (playing ? "playing" : "paused") + " · \(String(format1: 3.0 / hold))x"
        return ClassroomFrame(mode: mode, title: "What is happening", lines: lines, keys: KeyTable.demo)
    }
}

extension String {
    /// One decimal place, without Foundation.
    init(format1 v: Double) {
        let tenths = Int((v * 10).rounded())
        self = "\(tenths / 10).\(tenths % 10)"
    }
}

/// The demo's key loop: a key acts at once; with no key, the clock may move
/// autoplay on.
public enum DemoApp {
    public static func run(_ demo: Demo, on screen: Screen, interrupted: () -> Bool, now: () -> Double) {
        var renderer = FrameRenderer(classroom: demo.frame)
        demo.session.slicesLongRuns = true
        renderer.draw(demo.session, on: screen)
        while !demo.wantsQuit, !interrupted() {
            if demo.session.isRunningToEnd {
                runSlice(demo.session, on: screen)
            } else if let key = screen.readKey() {
                demo.handle(key, now: now())
            } else {
                demo.tick(now: now())
            }
            renderer.classroom = demo.frame
            renderer.draw(demo.session, on: screen)
        }
    }
}
