import Tracing

/// The caption of a teaching moment: the teacher's narration for the
/// innermost function on the stack that has one, or else the catalogue's
/// explanation of the function the moment happens in.
public struct Narrator: Sendable {
    /// Narration lines keyed by function name (a scenario file's `narration`).
    public let narration: [String: String]

    public init(narration: [String: String]) { self.narration = narration }

    public struct Caption: Equatable, Sendable {
        /// What just happened (the moment's one-line description), if a moment.
        public var headline: String
        /// The narration or the catalogue text.
        public var text: String
    }

    func caption(at cursor: Int, _ index: TraceIndex, _ log: TraceLog) -> Caption {
        guard cursor >= 0 else { return Caption(headline: "", text: "") }
        let e = log[cursor]
        let headline = e.kind == .enter || e.kind == .exit ? "" : EventText.describe(e, in: log)
        // Walk out from the innermost call until a function has narration.
        var frame = index.frame(of: cursor, in: log)
        var innermost: Fn?
        while let f = frame, let fn = log[f].function {
            if innermost == nil { innermost = fn }
            if let text = narration[fn.name] { return Caption(headline: headline, text: text) }
            frame = index.parent(of: f)
        }
        return Caption(headline: headline, text: innermost.map { "\($0.name)(): " + $0.info.summary } ?? "")
    }
}
