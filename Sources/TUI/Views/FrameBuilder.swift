import Tracing

/// Frames of a finished log without a terminal: what the benchmark measures
/// and what tests compare.
///
/// `init` indexes the log once (O(n)); after that each ``frame(cursor:width:height:)``
/// costs what is visible: the tree's rows, bisections into the index, and at
/// most ``NeighbourCheckpoints/stride`` events folded for the neighbour table.
public final class FrameBuilder {
    public let session: Session

    public init(log: TraceLog) {
        session = Session(source: FixedTrace(log), scenarioName: log.scenario)
    }

    /// The frame at `cursor` (clamped to the log) as lines of text.
    public func frame(cursor: Int, width: Int, height: Int) -> [String] {
        grid(cursor: cursor, width: width, height: height).lines
    }

    /// The frame at `cursor` with its styles, for tests that look at colour.
    public func grid(cursor: Int, width: Int, height: Int) -> GridScreen {
        if session.index.count > 0 {
            session.cursor = min(max(0, cursor), session.index.count - 1)
            session.folds = []
        }
        let screen = GridScreen(width: width, height: height)
        FrameRenderer().draw(session, on: screen)
        return screen
    }
}

/// One frame of `log` at `cursor`, as lines. Indexes the log first (O(n));
/// to draw many frames of one log, keep a ``FrameBuilder``.
public func renderFrame(log: TraceLog, cursor: Int, width: Int, height: Int) -> [String] {
    FrameBuilder(log: log).frame(cursor: cursor, width: width, height: height)
}
