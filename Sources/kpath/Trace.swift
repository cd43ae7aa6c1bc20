import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Export
import Output
import Scenarios
import Tracing

/// The filters every export format takes, as trace tools spell them.
struct FilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only this host's events (pcap: the frames it sent or received).", valueName: "name"),
            completion: .custom(Completion.hosts))
    var host: String?

    @Option(help: ArgumentHelp("With --host: only the frames through this device (pcap, pcapng).", valueName: "name"))
    var device: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Only calls nested less than N deep.", valueName: "n"))
    var depth: String?

    @Option(help: ArgumentHelp("Only the subtrees of this kernel function; repeatable, globs allowed ('neigh_*').",
                               valueName: "name"),
            completion: .custom(Completion.functions))
    var function: [String] = []

    @Option(name: .customLong("ctx"), help: "Only this execution context; repeatable.")
    var contexts: [ContextKind] = []

    @Option(help: ArgumentHelp("Leave out this function's entry and exit but keep what it calls, as uftrace -H; repeatable, globs allowed.",
                               valueName: "name"),
            completion: .custom(Completion.functions))
    var hide: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp("Only events at or after this virtual time.", valueName: "time"))
    var from: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Only events at or before this virtual time.", valueName: "time"))
    var to: String?

    @Flag(help: "Only function entries and exits.")
    var spansOnly = false

    /// The filter these options describe; the host is resolved against `log`.
    func filter(for log: TraceLog) throws -> EventFilter {
        var filter = EventFilter()
        if let depth {
            guard let n = Int(depth), n >= 0 else {
                throw UserError(.usage, "--depth must be a whole number, 0 or more; got '\(depth)'")
            }
            filter.maxDepth = n
        }
        filter.functions = try functions(function, "--function")
        filter.hidden = try functions(hide, "--hide")
        filter.contexts = Set(contexts.map(\.kind))
        filter.from = try time(from, "--from")
        filter.to = try time(to, "--to")
        filter.spansOnly = spansOnly
        if device != nil, host == nil {
            throw UserError(.usage, "--device needs --host: a device is named within its host")
        }
        if let host {
            do {
                filter.host = try EventFilter.host(named: host, in: log)
                if let device, let h = filter.host { filter.device = try EventFilter.device(named: device, host: h, in: log) }
            } catch let error as ExportError {
                throw UserError(.usage, error.description)
            }
        }
        return filter
    }

    /// The functions the names or globs name; an error for one that names none.
    private func functions(_ patterns: [String], _ option: String) throws -> Set<Fn> {
        var found = Set<Fn>()
        for pattern in patterns {
            do {
                found.formUnion(try EventFilter.functions(matching: pattern))
            } catch {
                throw UserError(.usage, "unknown function '\(pattern)' for \(option)"
                                + Suggest.didYouMean(pattern, among: Fn.allCases.map(\.name)))
            }
        }
        return found
    }

    private func time(_ text: String?, _ option: String) throws -> UInt64? {
        guard let text else { return nil }
        guard let ns = VirtualTime.parse(text) else {
            throw UserError(.usage, "\(option) '\(text)' is not a time; write seconds (0.0002) or a number with ns, us, ms or s (150us, 1.5ms)")
        }
        return ns
    }
}

/// An execution context kind, as ftrace's task column names it.
enum ContextKind: String, CaseIterable, ExpressibleByArgument {
    case process, softirq, timer, kworker

    var kind: ExecutionContext.Kind {
        switch self {
        case .process: .process
        case .softirq: .softirq
        case .timer: .timer
        case .kworker: .workqueue
        }
    }
}

/// `kpath trace [SCENARIO] --format FORMAT [filters] [-o FILE]`.
struct Trace: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario and export its trace.",
        discussion: """
            Formats: chain and ftrace (text), jsonl (docs/jsonl.md), pcapng (Wireshark, tshark; \
            an interface per device), pcap (one device: --host H --device D), \
            perfetto (ui.perfetto.dev), dot and mermaid (--graph calls|frames|nud). \
            Filters apply to every format. Times are seconds ("0.0002"), or a number with \
            ns, us, ms or s ("150us", "1.5ms"). docs/export.md has the details.
            """)

    @OptionGroup var scenario: ScenarioArgument

    @Option(name: .shortAndLong, help: "Output format.")
    var format = ExportFormat.chain

    @Option(name: .shortAndLong,
            help: ArgumentHelp("Write to FILE instead of standard output ('-'). A regular file is replaced atomically; a device, FIFO or socket is written in place.",
                               valueName: "file"),
            completion: .file())
    var output: String?

    @Option(help: "For dot and mermaid: which diagram.")
    var graph: GraphKind?

    @OptionGroup var filters: FilterOptions

    @Flag(help: "For chain and ftrace: the lesson's narration as comments, for a hand-out.")
    var annotate = false

    @Flag(help: "For a recorded trace: stop at the first line that is not a trace line.")
    var strict = false

    func validate() throws {
        if graph != nil, format != .dot, format != .mermaid {
            throw ValidationError("--graph applies to the dot and mermaid formats, not \(format.rawValue)")
        }
        if annotate, format != .chain, format != .ftrace {
            throw ValidationError("--annotate applies to the chain and ftrace formats, not \(format.rawValue)")
        }
        if filters.device != nil, format != .pcap, format != .pcapng {
            throw ValidationError("--device applies to the pcap and pcapng formats, not \(format.rawValue)")
        }
        let toTerminal = output == nil || output == "-" || output == "/dev/stdout"
        if format.isBinary, toTerminal, isatty(1) != 0 {
            throw ValidationError("\(format.rawValue) is binary; write it with -o FILE or pipe it (kpath trace --format \(format.rawValue) | tcpdump -r -)")
        }
    }

    func run() throws {
        var options = ExportOptions()
        if let graph { options.graph = graph }
        let log: TraceLog
        if let path = scenario.scenario, RecordedInput.isTrace(path) {
            guard !annotate else { throw UserError(.usage, "--annotate needs a lesson's narration; a recorded trace has none") }
            log = try RecordedInput.read(path, strict: strict)
            guard !format.isBinary || log.recording == nil else {
                throw UserError(.input, "pcap needs the packets' bytes, which a function_graph trace does not record")
            }
        } else {
            let lesson = try scenario.resolve()
            if annotate {
                options.narration = Dictionary(uniqueKeysWithValues: lesson.spec.narration.compactMap { name, text in
                    Fn(name: name).map { ($0, text) }
                })
            }
            log = lesson.log()
        }
        options.filter = try filters.filter(for: log)
        do {
            try OutputFile.write(to: output ?? "-") { sink in
                try TraceExport.write(log, format: format, options: options, to: { sink.write($0) })
            }
        } catch let error as ExportError {
            // The options do not fit this log (--from after --to, ...).
            throw UserError(.usage, error.description)
        }
    }
}
