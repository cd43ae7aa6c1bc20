import Scenarios
import Testing
import Tracing

/// Small facts of net/core/neighbour.c that a lesson's timing rests on.
@Suite struct NeighbourStateTests {
    /// A client on 10.0.0.0/24 with `extra` lines under its host entry, the
    /// timeline given, and a peer at 10.0.0.2..N answering on port 80.
    static func run(client extra: String, timeline: String, until: String) throws -> Run {
        let yaml = """
            name: neighbour-state
            summary: neighbour state
            hosts:
              - name: client
                devices:
                  - name: eth0
                    mac: 02:00:00:00:00:01
                    addresses: [10.0.0.1/24]
            \(extra)
              - name: peer
                devices:
                  - name: eth0
                    mac: 02:00:00:00:00:02
                    addresses: [10.0.0.2/24, 10.0.0.3/24, 10.0.0.4/24, 10.0.0.5/24]
                listen: [80]
            timeline:
            \(timeline)
            until: \(until)
            """
        let run = Scenario(spec: try ScenarioFile.parse(yaml, file: "neighbour-state.yaml")).makeRun()
        run.runToEnd()
        return run
    }

    /// neigh_alloc sets `used` as well as `updated`: an entry nobody sends
    /// through is not "recently used" when its reachable time runs out, so
    /// neigh_timer_handler lets it go quietly STALE instead of DELAY → PROBE.
    @Test func anUnusedReachableEntryGoesQuietlyStale() throws {
        let run = try Self.run(client: """
                neighbours:
                  - 10.0.0.9 lladdr 02:00:00:00:00:09 dev eth0 nud reachable
            """, timeline: """
              - at: 0s
                connect: {from: peer, to: 10.0.0.1:22}
            """, until: "60s")
        let nine = IPv4.parse("10.0.0.9")!
        let states = run.log.events.compactMap { e -> NUDState? in
            if case .nudChange(let n, _, let to, _) = e.payload, n.ip == nine { to } else { nil }
        }
        #expect(states == [.NUD_REACHABLE, .NUD_STALE])
    }

    /// neigh_table_init sets last_flush to now: past gc_thresh2, forced GC
    /// runs once five seconds have passed since boot, not only after the
    /// jiffies counter has wrapped (five minutes).
    @Test func forcedGCRunsPastGcThresh2FiveSecondsAfterBoot() throws {
        let run = try Self.run(client: """
                sysctl:
                  net.ipv4.neigh.default.gc_thresh2: 2
                  net.ipv4.neigh.default.gc_thresh3: 100
            """, timeline: (2...5).map { """
              - at: 6s
                connect: {from: client, to: 10.0.0.\($0):80}
            """ }.joined(separator: "\n"), until: "7s")
        let gcs = run.log.events.filter { if case .enter(.neigh_forced_gc, _) = $0.payload { true } else { false } }
        #expect(!gcs.isEmpty)
        #expect(gcs.allSatisfy { $0.time >= 6_000_000_000 })
    }
}
