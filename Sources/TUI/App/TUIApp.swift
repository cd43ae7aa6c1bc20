/// The key loop: read a key, let the session act, draw the frame. The loop
/// knows nothing of ncurses; tests run it on a ``GridScreen`` with scripted keys.
public enum TUIApp {
    /// Runs until the user quits or `interrupted()` turns true.
    /// The first frame says how to reach the first teaching moment; `l`
    /// may switch to another lesson's session.
    public static func run(_ first: Session, on screen: Screen, interrupted: () -> Bool) {
        var session = first
        let renderer = FrameRenderer()
        session.slicesLongRuns = true
        session.greet()
        renderer.draw(session, on: screen)
        while !session.wantsQuit, !interrupted() {
            if session.isRunningToEnd {
                runSlice(session, on: screen)
                renderer.draw(session, on: screen)
                continue
            }
            // nil: the poll interval passed with no key; look at the flags again.
            guard let key = screen.readKey() else { continue }
            session.handle(key)
            if let next = session.nextSession {
                session = next
                session.slicesLongRuns = true
            }
            renderer.draw(session, on: screen)
        }
    }
}

/// One slice of a run to the end, then any key that came meanwhile.
func runSlice(_ session: Session, on screen: Screen) {
    session.continueRunToEnd()
    if let key = screen.pollKey() { session.handle(key) }
}
