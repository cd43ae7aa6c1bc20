import Kernel
import Tracing

/// A lesson: a topology, what happens in it over time, and the edits a
/// what-if applies. Running it builds a fresh World, so the same scenario
/// (and seed) always gives the same log.
public struct Scenario: Sendable {
    public let name: String
    /// One line for `kpath scenarios`.
    public let summary: String
    public var spec: ScenarioSpec
    /// Scenario edits applied before the run (the TUI's what-ifs).
    public var whatIfs: [WhatIf] = []

    public init(spec: ScenarioSpec) {
        name = spec.name; summary = spec.summary; self.spec = spec
    }

    public static var builtIn: [Scenario] { BuiltIn.all.map(Scenario.init(spec:)) }
    public static func named(_ name: String) -> Scenario? { builtIn.first { $0.name == name } }
    public static var defaultScenario: Scenario { named("cold-connect")! }

    /// A live, stepwise simulation of this scenario.
    public func makeRun(recording: Bool = true) -> Run { Run(self, recording: recording) }

    /// Runs to the end and returns the log.
    public func log() -> TraceLog {
        let run = makeRun()
        run.runToEnd()
        return run.log
    }

    /// The same scenario with one more edit.
    public func with(_ edit: WhatIf) -> Scenario {
        var s = self
        s.whatIfs.append(edit)
        return s
    }
}

/// A scenario edit a student can try while paused.
public enum WhatIf: Hashable, Sendable, CustomStringConvertible {
    /// The host never answers ARP requests (net.ipv4.conf.all.arp_ignore = 8).
    case peerIgnoresARP(host: String)
    /// The table's entry at that hook returns NF_DROP (a first rule `-j DROP`).
    case hookDrops(host: String, hook: NFHook, owner: HookOwner)

    public var description: String {
        switch self {
        case .peerIgnoresARP(let host): "\(host) ignores ARP (arp_ignore = 8)"
        case .hookDrops(let host, let hook, let owner): "\(host): \(owner) at \(hook) returns NF_DROP"
        }
    }
}

/// A simulation in progress: the TUI advances it as the cursor moves.
public final class Run {
    public let scenario: Scenario
    let world: World
    /// connect() results, in the order the calls returned: (host, value).
    public private(set) var connectResults: [(host: String, result: Int32)] = []

    init(_ scenario: Scenario, recording: Bool) {
        self.scenario = scenario
        world = World(scenario: scenario.name, seed: scenario.spec.seed, recording: recording)
        scenario.spec.build(into: world, whatIfs: scenario.whatIfs) { [unowned self] host, rc in
            connectResults.append((host, rc))
        }
    }

    /// The log so far. Read it afresh after stepping: holding a copy while
    /// the run appends would make the next append copy the whole log.
    public var log: TraceLog { world.tracer.log }
    public var eventCount: Int { world.tracer.log.count }
    /// Events emitted, recorded or not (for the benchmark's discarding runs).
    public var emitted: Int { world.tracer.emitted }
    public var isFinished: Bool { !world.hasWork }

    /// Runs the next task (a system call, a frame arrival, a timer).
    @discardableResult
    public func step() -> Bool { world.runNextTask() }

    /// Steps until the log holds at least `n` events or the run is over.
    public func advance(toEventCount n: Int) {
        while world.tracer.log.count < n && step() {}
    }

    public func runToEnd() { world.runToEnd() }
}
