/// Everything a key can ask for. ``KeyTable`` maps keys to these; ``Session``
/// performs them. Named after what the user wants, not after the key.
public enum Action: Hashable, Sendable {
    case stepInto, stepBack
    case stepOver, stepOverBack
    case finish, finishBack
    case continueForward, continueBack
    case rowDown, rowUp, pageDown, pageUp, first, last
    case toggleFold
    case toggleBreakpoint, typeBreakpoint, toggleTeachingStops
    case search, searchNext, searchPrevious, endSearch
    case whatIf, jumpToDivergence, switchRun
    case export
    case nextDetailPane, previousDetailPane
    case help, quit, pickLesson
    /// The demo's autoplay; the quiz's answers.
    case playPause, answer, nextQuestion
}
