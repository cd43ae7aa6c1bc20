import Tracing

/// The filters trace tools have, applied once for every format.
///
/// Every writer reads the log through ``FilteredEvents``, so `--host 1
/// --depth 3` means the same thing in ftrace text, in Perfetto and in pcap.
public struct EventFilter: Sendable, Equatable {
    /// Only this host's events (an index into ``TraceLog/hosts``). With
    /// ``framesOfReceivers``, frames the host received count as its own too.
    public var host: UInt8?
    /// Only spans at depth < `maxDepth`, and moments inside them (depth <= `maxDepth`).
    public var maxDepth: Int?
    /// Only the subtrees of these functions (none: no such filter): each one's
    /// enter, its exit, and all between in the same host and context. Depths
    /// are then counted from the outermost, as ftrace's set_graph_function
    /// does: it is at depth 0, and `maxDepth` counts from it.
    public var functions: Set<Fn>
    /// Only these execution contexts (none: every one), by kind: `process`
    /// covers every task of a host.
    public var contexts: Set<ExecutionContext.Kind>
    /// Leave out these functions' enters and exits but keep what they call,
    /// one level shallower, as uftrace's `--hide` (`-H`) does.
    public var hidden: Set<Fn>
    /// With `host`: only the frames that device (an ifindex of that host)
    /// sent or received; the other events are left to the other rules. For
    /// one-device captures (classic pcap).
    public var device: UInt32?
    /// Only events at or after this virtual time (ns).
    public var from: UInt64?
    /// Only events at or before this virtual time (ns). A span entered inside
    /// the window keeps its exit, so spans stay balanced; one entered before
    /// `from` loses its exit too.
    public var to: UInt64?
    /// Only enter and exit events.
    public var spansOnly = false
    /// For frame-centred formats (pcap, sequence diagrams): `host` also keeps
    /// the frames that reached that host over the wire (see ``FrameDelivery``).
    public var framesOfReceivers = false

    public init(host: UInt8? = nil, device: UInt32? = nil, maxDepth: Int? = nil, functions: Set<Fn> = [],
                contexts: Set<ExecutionContext.Kind> = [], hidden: Set<Fn> = [],
                from: UInt64? = nil, to: UInt64? = nil, spansOnly: Bool = false) {
        self.host = host; self.device = device; self.maxDepth = maxDepth; self.functions = functions
        self.contexts = contexts; self.hidden = hidden
        self.from = from; self.to = to; self.spansOnly = spansOnly
    }

    /// True when nothing is filtered out.
    public var isEmpty: Bool {
        host == nil && device == nil && maxDepth == nil && functions.isEmpty && contexts.isEmpty && hidden.isEmpty
            && from == nil && to == nil && !spansOnly
    }

    /// The functions a name or glob names (`neigh_*`, `ip_?cv`, `[a-c]*`),
    /// as uftrace's filters take them; an error names a pattern that matches none.
    public static func functions(matching pattern: String) throws -> Set<Fn> {
        let found = Set(Fn.allCases.filter { Glob.matches(pattern, $0.name) })
        guard !found.isEmpty else {
            throw ExportError("no simulated function matches '\(pattern)'; 'kpath explain NAME' knows them")
        }
        return found
    }

    /// Resolves a device name of a host against a log, for the command line.
    public static func device(named name: String, host: UInt8, in log: TraceLog) throws -> UInt32 {
        let devices = log.hosts[Int(host)].devices
        guard let i = devices.indices.dropFirst().first(where: { devices[$0] == name }) else {
            throw ExportError("unknown device '\(name)' on \(log.hosts[Int(host)].name); its devices are "
                              + devices.dropFirst().joined(separator: ", "))
        }
        return UInt32(i)
    }

    /// Resolves a host name against a log, for the command line.
    public static func host(named name: String, in log: TraceLog) throws -> UInt8 {
        guard let i = log.hosts.firstIndex(where: { $0.name == name }) else {
            throw ExportError("unknown host '\(name)'; the hosts of \(log.scenario) are "
                              + log.hosts.map(\.name).joined(separator: ", "))
        }
        return UInt8(i)
    }
}

/// The log as one filter sees it: a sequence of (index, event), computed as
/// it is iterated. Memory: one small stack per host and context.
public struct FilteredEvents: Sequence {
    public let log: TraceLog
    public let filter: EventFilter
    let delivery: FrameDelivery?

    public init(_ log: TraceLog, filter: EventFilter) {
        self.log = log; self.filter = filter
        delivery = filter.host != nil && (filter.framesOfReceivers || filter.device != nil) ? FrameDelivery(log) : nil
    }

    public func makeIterator() -> Iterator { Iterator(self) }

    public struct Iterator: IteratorProtocol {
        private let events: EventStore
        private let filter: EventFilter
        private let delivery: FrameDelivery?
        private let log: TraceLog
        private var i = 0
        /// Per host and context: how many open spans of `filter.functions`,
        /// and the depth of the outermost, which becomes depth 0.
        private var inside: [Int: (open: Int, base: UInt8)] = [:]
        /// Per host and context: how many hidden spans are open (inside the function filter).
        private var hiddenOpen: [Int: UInt8] = [:]
        /// Per host and context: for each open span, whether its enter was kept by the time window.
        private var kept: [Int: [Bool]] = [:]
        private let plain: Bool

        init(_ f: FilteredEvents) {
            events = f.log.events; filter = f.filter; delivery = f.delivery; log = f.log
            plain = f.filter.isEmpty
        }

        public mutating func next() -> (index: Int, event: Event)? {
            while i < events.count {
                let index = i
                var e = events[i]
                i += 1
                if plain || admit(&e) { return (index, e) }
            }
            return nil
        }

        private static func key(_ e: Event) -> Int { Int(e.host) << 8 | Int(e.context.rawValue) }

        /// Every rule in turn; the stateful ones (function, time) update
        /// their stacks whether or not a stateless rule rejected the event.
        private mutating func admit(_ e: inout Event) -> Bool {
            var ok = true
            if !filter.functions.isEmpty { ok = insideFunction(&e) && ok }
            if !filter.hidden.isEmpty { ok = unhidden(&e, inside: ok) && ok }
            if !filter.contexts.isEmpty { ok = ok && filter.contexts.contains(e.context.kind) }
            if filter.from != nil || filter.to != nil { ok = inWindow(e) && ok }
            if let host = filter.host, e.host != host {
                ok = ok && e.kind == .frame && delivery?.reached(host, frame: e, in: log) == true
            }
            if let device = filter.device, let host = filter.host, e.kind == .frame {
                ok = ok && (e.host == host && UInt32(e.aux) == device
                    || delivery?.deliveries(of: e, in: log).contains(.init(host: host, ifindex: Int(device))) == true)
            }
            if let max = filter.maxDepth {
                let spans = e.kind == .enter || e.kind == .exit
                ok = ok && (spans ? Int(e.depth) < max : Int(e.depth) <= max)
            }
            if filter.spansOnly { ok = ok && (e.kind == .enter || e.kind == .exit) }
            return ok
        }

        private mutating func insideFunction(_ e: inout Event) -> Bool {
            let k = Self.key(e)
            var state = inside[k] ?? (0, 0)
            defer { if state.open > 0 || e.kind == .exit { inside[k] = state } }
            let ours = e.function.map(filter.functions.contains) ?? false
            switch e.kind {
            case .enter where ours:
                if state.open == 0 { state.base = e.depth }
                state.open += 1
            case .exit where ours && state.open > 0:
                state.open -= 1
            default:
                guard state.open > 0 else { return false }
            }
            e.depth &-= state.base
            return true
        }

        /// Drops a hidden function's enter and exit and lifts what runs
        /// inside it one level per hidden span open. `inside`: the event
        /// passed the function filter (a hidden span outside it is already
        /// not counted in the depths).
        private mutating func unhidden(_ e: inout Event, inside: Bool) -> Bool {
            let k = Self.key(e)
            let open = hiddenOpen[k] ?? 0
            let hidden = (e.kind == .enter || e.kind == .exit) && e.function.map(filter.hidden.contains) == true
            switch e.kind {
            case .enter where hidden:
                if inside { hiddenOpen[k] = open + 1 }
                return false
            case .exit where hidden:
                if inside && open > 0 { hiddenOpen[k] = open - 1 }
                return false
            default:
                e.depth &-= open
                return true
            }
        }

        private mutating func inWindow(_ e: Event) -> Bool {
            let within = e.time >= (filter.from ?? 0) && e.time <= (filter.to ?? .max)
            let k = Self.key(e)
            switch e.kind {
            case .enter:
                kept[k, default: []].append(within)
                return within
            case .exit:
                // An exit follows its enter, wherever the window ends.
                return kept[k]?.popLast() ?? within
            default:
                return within
            }
        }
    }
}
