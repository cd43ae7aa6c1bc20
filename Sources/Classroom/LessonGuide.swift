import Tracing

/// A teaching moment worth watching, and how to reach it.
public struct Highlight: Equatable, Sendable {
    /// The step as the UI counts it (from 1).
    public let step: Int
    /// How many presses of `c` reach it from the first step.
    public let presses: Int
    public let text: String

    /// "step 57 (c ×5): client: neighbour 10.0.0.2: …"
    public var line: String { "step \(step) (c ×\(presses)): \(text)" }
}

/// What a lesson is about and where it happens, read from its log: the
/// first of each kind of change a student should watch for.
public enum LessonGuide {
    /// The first moment of each kind, the rarest kinds first when there are
    /// more than `limit`: kernel messages, verdicts other than NF_ACCEPT,
    /// packets dropped, output swaps, the hh cache filling, neighbour state
    /// changes, a socket reaching ESTABLISHED or CLOSE. Shown in log order;
    /// each is a teaching moment, so `c` stops at it.
    public static func highlights(in log: TraceLog, limit: Int = 5) -> [Highlight] {
        var found: [(rank: Int, moment: Highlight)] = [], seen: Set<String> = [], presses = 0
        for (i, e) in log.events.enumerated() where e.isTeachingMoment {
            presses += 1
            let kind: (String, Int)?
            switch e.payload {
            case .kernelMessage(let m, _): kind = ("message \(m)", 0)
            case .hookVerdict(_, _, _, let verdict, _) where verdict != .NF_ACCEPT: kind = ("verdict \(verdict)", 1)
            case .skbDropped(let reason, _): kind = ("drop \(reason)", 2)
            case .outputSwap(_, _, let to): kind = ("swap \(to.name)", 3)
            case .hhFilled: kind = ("hh", 4)
            case .nudChange(_, let from, let to, _): kind = ("nud \(from) \(to)", to == .NUD_FAILED ? 1 : 5)
            case .sockState(_, _, let to) where to == .TCP_ESTABLISHED || to == .TCP_CLOSE: kind = ("socket \(to)", 6)
            default: kind = nil
            }
            guard let (key, rank) = kind, seen.insert(key).inserted else { continue }
            found.append((rank, Highlight(step: i + 1, presses: presses, text: describe(e, in: log))))
        }
        let kept = found.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.prefix(limit)
        return kept.sorted { $0.offset < $1.offset }.map(\.element.moment)
    }

    /// Where `c` stops first.
    public static func firstMoment(in log: TraceLog) -> Highlight? {
        guard let i = log.events.firstIndex(where: \.isTeachingMoment) else { return nil }
        return Highlight(step: i + 1, presses: 1, text: describe(log[i], in: log))
    }

    private static func describe(_ e: Event, in log: TraceLog) -> String {
        "\(log.hostName(e)): " + (log.describe(e) ?? "")
    }
}
