import Tracing

/// Everything one simulation run owns: the virtual clock and its task queue,
/// the hosts (network namespaces), the wire between them, the seeded random
/// generator and the tracer.
///
/// Time is virtual and moves only when the next task runs, as in swift-nio's
/// EmbeddedEventLoop; tasks due at the same instant run in the order they were
/// scheduled, so a run is deterministic by construction.
public final class World {
    public let tracer: Tracer
    public private(set) var hosts: [Net] = []
    public private(set) var wires: [Wire] = []
    /// Virtual nanoseconds since the model booted.
    public private(set) var now: UInt64 = 0
    /// Timers due up to this instant keep the run going; later ones stay pending.
    public var horizon: UInt64 = 0
    /// While set, nothing is recorded: the tracer starts with the first task
    /// due at or after this time (a capture started for a later experiment).
    public var recordFrom: UInt64? {
        didSet { if recordFrom != nil { tracer.pause() } }
    }
    var random: SplitMix64
    var skbCounter: UInt32 = 0
    private var sockCounter: UInt32 = 0
    private var tasks = TaskQueue()

    /// Modelled cost of entering, and of leaving, a simulated function: a
    /// leaf takes 0.1 us. The real path's cost is not what kpath teaches; a
    /// fixed cost keeps durations readable and runs deterministic.
    public static let callCost: UInt64 = 50

    /// The kernel modelled: where 4.9 and 6.1 differ, the functions ask.
    public let kernel: KernelVersion

    public init(scenario: String, seed: UInt64, kernel: KernelVersion = .v4_9, recording: Bool = true) {
        self.kernel = kernel
        tracer = Tracer(scenario: scenario, seed: seed, kernel: kernel, recording: recording)
        random = SplitMix64(seed: seed)
    }

    // MARK: - Building the topology

    public func addHost(_ name: String) -> Net {
        let id = tracer.addHost(HostInfo(name: name, devices: [""]))
        let net = Net(world: self, id: id, name: name)
        hosts.append(net)
        // Every namespace starts with lo (ifindex 1), as loopback_net_init does.
        let lo = NetDevice.loopback()
        net.addDevice(lo)
        net.addAddress(IPv4_LOOPBACK, prefixLen: 8, dev: lo)
        net.startNeighbourGC()
        return net
    }

    public func host(_ name: String) -> Net? { hosts.first { $0.name == name } }

    public func addWire(name: String = "lan", delay: UInt64) -> Wire {
        let wire = Wire(world: self, name: name, delay: delay)
        wires.append(wire)
        return wire
    }

    /// A number for a new socket, as an inode number would name it.
    func nextSockID() -> UInt32 {
        sockCounter += 1
        return sockCounter
    }

    // MARK: - Time

    /// jiffies at HZ = 1000, starting from INITIAL_JIFFIES as the kernel does
    /// (it wraps five minutes after boot).
    public var jiffies: UInt32 { Jiffies.at(now) }
    public static let HZ = Jiffies.HZ
    public static let nsPerJiffy = Jiffies.nsPerJiffy

    func advance(by ns: UInt64) { now &+= ns }

    /// Schedules `work` on `net` in `context` at virtual time `at`.
    /// Timers (`isTimer`) only keep a run alive up to ``horizon``.
    func schedule(at: UInt64, on net: Net, _ context: ExecutionContext, isTimer: Bool = false,
                  _ work: @escaping () -> Void) {
        tasks.push(Task(time: max(at, now), net: net, context: context, isTimer: isTimer, work: work))
    }

    /// True while a task remains that the run should still execute.
    public var hasWork: Bool {
        guard let next = tasks.nextTime else { return false }
        return tasks.hasForeground || next <= horizon
    }

    /// When the next queued task is due, whether or not the run will run it.
    public var nextTaskTime: UInt64? { tasks.nextTime }

    /// Runs the next task; returns false if there is nothing left to run.
    @discardableResult
    public func runNextTask() -> Bool {
        guard hasWork, let task = tasks.pop() else { return false }
        now = max(now, task.time)
        if let from = recordFrom, now >= from {
            recordFrom = nil
            tracer.resume()
        }
        task.net.context = task.context
        task.work()
        return true
    }

    public func runToEnd() { while runNextTask() {} }
}

/// A unit of work on a host: a system call, a frame arriving, a timer expiring.
struct Task {
    let time: UInt64
    /// unowned(unsafe): the World owns its hosts for its whole life, and a
    /// counted reference here costs a refcount round trip per queue move.
    unowned(unsafe) let net: Net
    let context: ExecutionContext
    let isTimer: Bool
    let work: () -> Void
}

/// Tasks ordered by time, then by the order they were scheduled: a binary
/// heap. The keys live apart from the tasks so that sifting compares plain
/// integers and never copies (and reference-counts) a task.
struct TaskQueue {
    private var keys: [(time: UInt64, sequence: UInt64)] = []
    private var tasks: [Task] = []
    private var sequence: UInt64 = 0
    private(set) var foregroundCount = 0

    var hasForeground: Bool { foregroundCount > 0 }
    /// When the next task is due.
    var nextTime: UInt64? { keys.first?.time }

    mutating func push(_ task: Task) {
        sequence += 1
        if !task.isTimer { foregroundCount += 1 }
        // Timers of one tick run after other work due then, and last armed
        // first: the 4.9 timer wheel adds to the head of a bucket's list
        // (enqueue_timer) and expires from the head (expire_timers).
        keys.append((task.time, task.isTimer ? UInt64.max - sequence : sequence))
        tasks.append(task)
        var i = keys.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard keys[i] < keys[parent] else { break }
            swap(i, parent)
            i = parent
        }
    }

    mutating func pop() -> Task? {
        guard !keys.isEmpty else { return nil }
        swap(0, keys.count - 1)
        keys.removeLast()
        let top = tasks.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < keys.count, keys[l] < keys[m] { m = l }
            if r < keys.count, keys[r] < keys[m] { m = r }
            if m == i { break }
            swap(i, m)
            i = m
        }
        if !top.isTimer { foregroundCount -= 1 }
        return top
    }

    private mutating func swap(_ i: Int, _ j: Int) {
        keys.swapAt(i, j)
        tasks.swapAt(i, j)
    }
}

/// A small, well-known seeded generator (SplitMix64): the only source of
/// randomness in a run (ISNs, ports, IP ids, reachable_time jitter).
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next32() -> UInt32 { UInt32(truncatingIfNeeded: next() >> 32) }
}
