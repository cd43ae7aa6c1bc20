import Tracing

/// The call structure of the log and where each kind of event sits, built
/// incrementally as the live run appends events.
///
/// Every pane reads this instead of scanning the log, which keeps the cost of
/// a frame proportional to what is on screen, whatever the log's length: per event it
/// stores 8 bytes (matching enter/exit, innermost open call) and, per kind of
/// teaching event, a sorted list searched by bisection.
public struct TraceIndex {
    /// How many events of the log have been indexed.
    public private(set) var count = 0
    /// For an enter: its exit (-1 while open). For an exit: its enter. Else -1.
    private var partner: [Int32] = []
    /// The innermost call open in the event's host and context (-1: none).
    private var parentOf: [Int32] = []
    /// Open enters per (host, context), the index's copy of the tracer's depth.
    private var stacks: [[Int32]] = []

    var branches = SparseList()
    var hooks = SparseList()
    var frames = SparseList()
    /// Events that change the neighbour table: created, NUD, output, probes, hh, freed, arp_queue.
    var neighbour = SparseList()
    var teaching = SparseList()
    /// Enters at depth 0: the start of each task (a syscall, a softirq, a timer).
    var taskStarts = SparseList()
    /// `.skbData` and `.frame` events per skb: where its bytes were last seen.
    var packetsBySkb: [UInt32: SparseList] = [:]
    /// skb_clone: clone -> the skb it shares data with.
    var cloneParent: [UInt32: UInt32] = [:]
    /// Neighbour tables folded up to regular points, so a frame folds at most
    /// ``NeighbourCheckpoints/stride`` events.
    var neighbourCheckpoints = NeighbourCheckpoints()

    public init() {}

    /// Indexes the events of `log` not seen yet. O(new events).
    public mutating func extend(with log: TraceLog) {
        guard log.count > count else { return }
        partner.reserveCapacity(log.count)
        parentOf.reserveCapacity(log.count)
        for i in count..<log.count { add(log[i], at: i, log: log) }
        count = log.count
    }

    private mutating func add(_ e: Event, at i: Int, log: TraceLog) {
        let slot = Int(e.host) * ExecutionContext.allCases.count + Int(e.context.rawValue)
        while stacks.count <= slot { stacks.append([]) }
        partner.append(-1)
        switch e.kind {
        case .enter:
            parentOf.append(stacks[slot].last ?? -1)
            if stacks[slot].isEmpty { taskStarts.append(i) }
            stacks[slot].append(Int32(i))
        case .exit:
            // An exit with no open enter (a log cut mid-call) stays unmatched.
            if let open = stacks[slot].popLast() {
                partner[i] = open
                partner[Int(open)] = Int32(i)
            }
            parentOf.append(stacks[slot].last ?? -1)
        default:
            parentOf.append(stacks[slot].last ?? -1)
        }
        if e.isTeachingMoment { teaching.append(i) }
        switch e.kind {
        case .branch: branches.append(i)
        case .hookVerdict, .hookResult: hooks.append(i)
        case .frame:
            frames.append(i)
            packetsBySkb[e.skb, default: SparseList()].append(i)
        case .skbData: packetsBySkb[e.skb, default: SparseList()].append(i)
        case .skbAlloc:
            if case .skbAlloc(let parent, .clone) = e.payload, parent != 0 { cloneParent[e.skb] = parent }
        case .neighCreated, .nudChange, .outputSwap, .neighProbes, .hhFilled, .neighFreed:
            neighbour.append(i)
        case .skbQueued, .skbDequeued:
            switch e.payload {
            case .skbQueued(.arp_queue, _, _), .skbDequeued(.arp_queue, _, _): neighbour.append(i)
            default: break
            }
        default: break
        }
        if neighbour.count > 0, neighbour[neighbour.count - 1] == i {
            neighbourCheckpoints.note(e)
        }
    }

    // MARK: - Structure

    /// The exit of the call entered at `enter`, if it has returned yet.
    public func exit(of enter: Int) -> Int? {
        let p = Int(partner[enter])
        return p > enter ? p : nil
    }

    /// The enter of the call that returns at `exit`.
    public func enter(of exit: Int) -> Int? {
        let p = Int(partner[exit])
        return p >= 0 && p < exit ? p : nil
    }

    /// The innermost call that is open around event `i` (for an enter or an
    /// exit: the caller).
    public func parent(of i: Int) -> Int? {
        let p = Int(parentOf[i])
        return p >= 0 ? p : nil
    }

    /// The call event `i` belongs to: itself for an enter, its enter for an
    /// exit, the innermost open call otherwise.
    public func frame(of i: Int, in log: TraceLog) -> Int? {
        switch log[i].kind {
        case .enter: return i
        case .exit: return enter(of: i) ?? parent(of: i)
        default: return parent(of: i)
        }
    }

    /// Where the task holding event `i` began (its depth-0 enter).
    func taskStart(of i: Int) -> Int { taskStarts.last(atOrBefore: i) ?? 0 }
}
