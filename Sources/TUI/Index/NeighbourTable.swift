import Tracing

/// One neighbour entry as the log has described it so far.
public struct NeighbourEntry: Equatable, Sendable {
    public var host: UInt8
    public var key: NeighKey
    public var state: NUDState
    public var output: Fn?
    public var ops: NeighOpsKind
    /// Length of the cached hardware header (0: hh cache empty).
    public var hhLen = 0
    public var queueLength = 0
    public var probes = 0
}

/// The neighbour tables of every host, folded from neighbour events.
public struct NeighbourTable: Equatable, Sendable {
    public private(set) var entries: [NeighbourEntry] = []

    public init() {}

    /// Applies one event; events that are not about neighbours change nothing.
    public mutating func apply(_ e: Event) {
        switch e.payload {
        case .neighCreated(let key, let ops, let state, let output):
            entries.append(NeighbourEntry(host: e.host, key: key, state: state, output: output, ops: ops))
        case .nudChange(let key, _, let to, _):
            update(e.host, key) { $0.state = to }
        case .outputSwap(let key, _, let to):
            update(e.host, key) { $0.output = to }
        case .neighProbes(let key, let probes):
            update(e.host, key) { $0.probes = Int(probes) }
        case .hhFilled(let key, let hhLen):
            update(e.host, key) { $0.hhLen = Int(hhLen) }
        case .neighFreed(let key, _):
            // neigh_destroy: the entry leaves the table (forced GC, or a timer's release).
            if let i = entries.lastIndex(where: { $0.host == e.host && $0.key == key }) { entries.remove(at: i) }
        case .skbQueued(.arp_queue, let length, let owner), .skbDequeued(.arp_queue, let length, let owner):
            // arp_queue events name the neighbour by its address only.
            if let i = entries.lastIndex(where: { $0.host == e.host && $0.key.ip == owner }) {
                entries[i].queueLength = Int(length)
            }
        default:
            break
        }
    }

    private mutating func update(_ host: UInt8, _ key: NeighKey, _ change: (inout NeighbourEntry) -> Void) {
        if let i = entries.lastIndex(where: { $0.host == host && $0.key == key }) {
            change(&entries[i])
        }
    }
}

/// Snapshots of the neighbour tables every ``stride`` neighbour events, kept
/// while indexing, so the table at any cursor costs at most `stride` applies.
struct NeighbourCheckpoints {
    static let stride = 256
    /// `snapshots[j]`: the tables after `j * stride` neighbour events.
    private var snapshots = [NeighbourTable()]
    private var running = NeighbourTable()
    private var applied = 0

    mutating func note(_ e: Event) {
        running.apply(e)
        applied += 1
        if applied % Self.stride == 0 { snapshots.append(running) }
    }

    /// The tables after the first `n` neighbour events of `index`.
    func table(afterNeighbourEvents n: Int, index: SparseList, log: TraceLog) -> NeighbourTable {
        let j = min(n / Self.stride, snapshots.count - 1)
        var table = snapshots[j]
        var k = j * Self.stride
        while k < n { table.apply(log[index[k]]); k += 1 }
        return table
    }
}

/// What changed about one neighbour during the current task: shown as
/// before → after in the neighbour pane.
public struct NeighbourChange: Equatable, Sendable {
    public var state: (from: NUDState, to: NUDState)?
    public var output: (from: Fn, to: Fn)?
    public var created = false

    public static func == (a: Self, b: Self) -> Bool {
        a.state?.from == b.state?.from && a.state?.to == b.state?.to
            && a.output?.from == b.output?.from && a.output?.to == b.output?.to && a.created == b.created
    }
}

extension TraceIndex {
    /// The neighbour tables as they stand after event `cursor`.
    public func neighbourTable(at cursor: Int, in log: TraceLog) -> NeighbourTable {
        neighbourCheckpoints.table(afterNeighbourEvents: neighbour.count(atOrBefore: cursor),
                                   index: neighbour, log: log)
    }

    /// Changes made by the task that holds `cursor`, up to the cursor, keyed by
    /// host and neighbour. A task is short (one syscall or softirq), so this
    /// walks only a handful of events.
    public func neighbourChanges(at cursor: Int, in log: TraceLog) -> [NeighbourID: NeighbourChange] {
        guard cursor >= 0 else { return [:] }
        var changes: [NeighbourID: NeighbourChange] = [:]
        for i in neighbour.items(in: taskStart(of: cursor)...cursor) {
            let e = log[Int(i)]
            switch e.payload {
            case .neighCreated(let key, _, _, _):
                changes[NeighbourID(host: e.host, key: key), default: NeighbourChange()].created = true
            case .nudChange(let key, let from, let to, _):
                let id = NeighbourID(host: e.host, key: key)
                changes[id, default: NeighbourChange()].state = (changes[id]?.state?.from ?? from, to)
            case .outputSwap(let key, let from, let to):
                let id = NeighbourID(host: e.host, key: key)
                changes[id, default: NeighbourChange()].output = (changes[id]?.output?.from ?? from, to)
            default:
                break
            }
        }
        return changes
    }
}

public struct NeighbourID: Hashable, Sendable {
    public var host: UInt8
    public var key: NeighKey
}
