import Tracing

/// Every format `kpath trace --format` writes.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// The call-chain notation of Tests/KernelTests/Fixtures/seed-call-chain.txt.
    case chain
    /// Linux function_graph text (funcgraph-abstime, -proc, -tail, -retval).
    case ftrace
    /// One JSON object per line; docs/jsonl.md is the schema.
    case jsonl
    /// Classic pcap (nanosecond timestamps, LINKTYPE_ETHERNET) of the frames:
    /// for one device (`--host H --device D`), as every frame shares one link type.
    case pcap
    /// pcapng: an interface per host and device, each frame on the device
    /// that sent it, with its direction and the function that sent it.
    case pcapng
    /// Chrome Trace Event JSON, for ui.perfetto.dev and chrome://tracing.
    case perfetto
    /// uftrace report's table: calls, total and self time per function, per host and context.
    case report
    /// Collapsed stacks (self time in ns) for flamegraph.pl and speedscope.
    case folded
    /// Graphviz: a call graph, a frame sequence or the NUD state machine (``GraphKind``).
    case dot
    /// Mermaid: the same three diagrams as `dot`.
    case mermaid

    /// True when the output is not text (a sink must not treat it as UTF-8).
    public var isBinary: Bool { self == .pcap || self == .pcapng }

    /// The usual file name extension.
    public var fileExtension: String {
        switch self {
        case .chain: "chain"
        case .ftrace: "ftrace"
        case .jsonl: "jsonl"
        case .pcap: "pcap"
        case .pcapng: "pcapng"
        case .perfetto: "json"
        case .report: "report"
        case .folded: "folded"
        case .dot: "dot"
        case .mermaid: "mmd"
        }
    }
}

/// Which diagram the `dot` and `mermaid` formats draw.
public enum GraphKind: String, CaseIterable, Sendable {
    /// Caller → callee edges labelled with call counts.
    case calls
    /// A sequence diagram of the frames between hosts.
    case frames
    /// The NUD state machine as this run traversed it.
    case nud
}

/// Everything besides the log and the format that shapes an export.
public struct ExportOptions: Sendable, Equatable {
    public var filter: EventFilter
    /// For `dot` and `mermaid`; the other formats ignore it.
    public var graph: GraphKind
    /// For `chain` and `ftrace` hand-outs: a lesson's narration, printed as a
    /// comment at the first call of each narrated function.
    public var narration: [Fn: String]
    /// For `report`: the order of its rows.
    public var sort: ReportSort

    public init(filter: EventFilter = EventFilter(), graph: GraphKind = .calls, narration: [Fn: String] = [:],
                sort: ReportSort = .total) {
        self.filter = filter; self.graph = graph; self.narration = narration; self.sort = sort
    }
}

/// Why an export cannot start: the options do not fit the log.
public struct ExportError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ message: String) { description = message }
}

/// A narration's lines: a YAML block (`|`, or `>` with blank lines) keeps
/// its line breaks; trailing blank lines go.
func narrationLines(_ text: String) -> [Substring] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    while lines.count > 1, lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
    return lines
}
