import Foundation
import Kernel
import Tracing

/// A lesson: a checked scenario file plus the what-if edits a student made.
/// Running it builds a fresh World, so the same scenario (and seed) always
/// gives the same log.
public struct Scenario: Sendable {
    public var spec: ScenarioSpec
    /// Scenario edits applied before the run (the TUI's what-ifs).
    public var whatIfs: [WhatIf] = []

    public init(spec: ScenarioSpec) { self.spec = spec }

    public var name: String { spec.name }
    public var summary: String { spec.summary }

    /// The built-in lessons: Sources/Scenarios/Lessons/*.yaml, shipped as
    /// package resources and read with the same loader as a teacher's file.
    public static let builtIn: [Scenario] = {
        guard let dir = Bundle.module.url(forResource: "Lessons", withExtension: nil),
              let files = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        let order = ["cold-connect", "warm-connect", "hh-cache", "gateway", "router-forward", "snat-masquerade",
                     "netfilter-drop", "unreachable-neighbour", "stale-reprobe", "arp-queue-overflow", "loopback",
                     "neigh-table-overflow", "lab-cold-connect", "lab-warm-connect", "lab-unreachable", "lab-nft-drop",
                     "lab-legacy-drop"]
        return files.filter { $0.hasSuffix(".yaml") }.sorted().compactMap { file -> Scenario? in
            // A built-in lesson that does not load is a bug the tests catch.
            (try? ScenarioFile.load(path: dir.appendingPathComponent(file).path)).map(Scenario.init(spec:))
        }.sorted { (order.firstIndex(of: $0.name) ?? order.count) < (order.firstIndex(of: $1.name) ?? order.count) }
    }()

    public static func named(_ name: String) -> Scenario? { builtIn.first { $0.name == name } }
    public static var defaultScenario: Scenario { named("cold-connect")! }

    /// A teacher's scenario file. Throws a located ``ScenarioError``.
    public static func load(path: String) throws -> Scenario { Scenario(spec: try ScenarioFile.load(path: path)) }

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

/// A simulation in progress: the TUI advances it as the cursor moves.
public final class Run {
    public let scenario: Scenario
    let world: World
    /// What each system call of the timeline returned, in the order they
    /// returned: (host, value); connect() gives 0 or -errno.
    public private(set) var syscallResults: [(host: String, result: Int32)] = []

    init(_ scenario: Scenario, recording: Bool) {
        self.scenario = scenario
        world = World(scenario: scenario.name, seed: scenario.spec.seed, kernel: scenario.spec.kernel,
                      recording: recording)
        scenario.spec.build(into: world, whatIfs: scenario.whatIfs) { [unowned self] host, rc in
            syscallResults.append((host, rc))
        }
    }

    /// The log so far. Read it afresh after stepping: holding a copy while
    /// the run appends would make the next append copy the whole log.
    public var log: TraceLog { world.tracer.log }
    public var eventCount: Int { world.tracer.log.count }
    /// Events emitted, recorded or not (for the benchmark's discarding runs).
    public var emitted: Int { world.tracer.emitted }
    public var isFinished: Bool { !world.hasWork && !outlivesHorizon }

    /// A run with what-if edits goes on past the lesson's `until` while a
    /// system call of its timeline has not returned: the change's effects
    /// (ARP retries, NUD_FAILED, SYN retransmissions up to ETIMEDOUT) come
    /// later than the lesson planned for. A bound of ``whatIfSlack`` past
    /// `until` stops a call that would never return.
    private var outlivesHorizon: Bool {
        guard !scenario.whatIfs.isEmpty, syscallResults.count < scenario.spec.timeline.count,
              let next = world.nextTaskTime else { return false }
        return next <= scenario.spec.until + Self.whatIfSlack
    }

    /// Longer than tcp_syn_retries = 6 takes to give up (127 s).
    public static let whatIfSlack: UInt64 = 300_000_000_000

    /// Runs the next task (a system call, a frame arrival, a timer).
    @discardableResult
    public func step() -> Bool {
        if !world.hasWork, outlivesHorizon, let next = world.nextTaskTime { world.horizon = next }
        return world.runNextTask()
    }

    /// Steps until the log holds at least `n` events or the run is over.
    public func advance(toEventCount n: Int) {
        while world.tracer.log.count < n && step() {}
    }

    public func runToEnd() { while step() {} }
}
