/// The key loop: read a key, let the session act, draw the frame. The loop
/// knows nothing of ncurses; tests run it on a ``GridScreen`` with scripted keys.
public enum TUIApp {
    /// Runs until the user quits or `interrupted()` turns true.
    public static func run(_ session: Session, on screen: Screen, interrupted: () -> Bool) {
        let renderer = FrameRenderer()
        renderer.draw(session, on: screen)
        while !session.wantsQuit, !interrupted() {
            // nil: the poll interval passed with no key; look at the flags again.
            guard let key = screen.readKey() else { continue }
            session.handle(key)
            renderer.draw(session, on: screen)
        }
    }
}
