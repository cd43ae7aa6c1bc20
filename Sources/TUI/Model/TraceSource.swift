import Tracing

/// Where the TUI's events come from: a live run that grows when asked, or a
/// finished log. `Scenarios.Run` is one (see ScenarioSource.swift).
///
/// The TUI reads ``log`` afresh after each ``step()`` and never keeps a copy
/// across one: a kept copy would make the run's next append copy the array.
public protocol TraceSource: AnyObject {
    var log: TraceLog { get }
    var isFinished: Bool { get }
    /// Runs the next task of the simulation; false when there was none.
    @discardableResult func step() -> Bool
}

/// A log that is already complete: for tests, the benchmark and replays.
public final class FixedTrace: TraceSource {
    public let log: TraceLog
    public init(_ log: TraceLog) { self.log = log }
    public var isFinished: Bool { true }
    public func step() -> Bool { false }
}
