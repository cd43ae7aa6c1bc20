import Scenarios
import Testing
import Tracing

/// Sysctl values are checked as the kernel's proc handlers check them: a
/// value outside the handler's range is an error that names the range and
/// points at the value; any value inside it loads and runs.
@Suite struct SysctlRangeTests {
    static func scenario(_ name: String, _ value: String) -> String {
        """
        name: t
        summary: sysctl ranges
        hosts:
          - name: client
            devices:
              - name: eth0
                mac: 02:00:00:00:00:01
                addresses: [10.0.0.1/24]
            sysctl:
              \(name): \(value)
          - name: server
            devices:
              - name: eth0
                mac: 02:00:00:00:00:02
                addresses: [10.0.0.2/24]
            listen: [80]
        timeline:
          - at: 0s
            connect: {from: client, to: 10.0.0.2:80}
          - at: 1s
            connect: {from: client, to: 10.0.0.3:80}
        until: 3s
        """
    }

    static let names = [
        "net.ipv4.ip_forward", "net.ipv4.conf.all.forwarding", "net.ipv4.ip_default_ttl",
        "net.ipv4.conf.all.arp_ignore", "net.ipv4.tcp_syn_retries", "net.ipv4.tcp_timestamps", "net.ipv4.tcp_sack",
        "net.ipv4.tcp_window_scaling", "net.ipv4.neigh.default.gc_thresh1", "net.ipv4.neigh.default.gc_thresh2",
        "net.ipv4.neigh.default.gc_thresh3", "net.ipv4.neigh.default.gc_interval",
    ] + ["mcast_solicit", "ucast_solicit", "app_solicit", "mcast_resolicit", "retrans_time", "retrans_time_ms",
         "base_reachable_time", "base_reachable_time_ms", "delay_first_probe_time", "gc_stale_time", "locktime",
         "unres_qlen_bytes", "unres_qlen"].flatMap { ["net.ipv4.neigh.eth0.\($0)", "net.ipv4.neigh.default.\($0)"] }

    /// The value that used to trap: 4294968 s does not fit an int of jiffies.
    @Test func baseReachableTimeBeyondTheJiffiesRangeIsRefusedAtTheValue() throws {
        let text = Self.scenario("net.ipv4.neigh.eth0.base_reachable_time", "4294968")
        let error = try #require(throws: ScenarioError.self) { try ScenarioFile.parse(text, file: "t.yaml") }
        #expect(error.description == "t.yaml:10:48: net.ipv4.neigh.eth0.base_reachable_time must be in "
            + "-2147483...2147483 (proc_dointvec_jiffies), not 4294968")
    }

    @Test func aValueWiderThanAnIntIsRefusedWithTheIntRange() throws {
        let text = Self.scenario("net.ipv4.tcp_sack", "2147483648")
        let error = try #require(throws: ScenarioError.self) { try ScenarioFile.parse(text, file: "t.yaml") }
        #expect(error.message.contains("must be in -2147483648...2147483647"), "\(error)")
        #expect(error.column == 26)
    }

    /// No value of any parameter crashes the loader or the run: each
    /// either loads and runs, or is refused with the handler's range.
    @Test(arguments: names)
    func everyValueLoadsOrIsRefusedWithItsRange(name: String) throws {
        for value in [Int(Int32.min), -2147484, -1, 0, 1, 7, 1027505, 2147484, 4294968, Int(Int32.max)] {
            do {
                let spec = try ScenarioFile.parse(Self.scenario(name, String(value)), file: "t.yaml")
                let run = Scenario(spec: spec).makeRun()
                run.runToEnd()
            } catch let error as ScenarioError {
                #expect(error.message.contains("must be in ") && error.message.contains("(proc_dointvec"), "\(error)")
                #expect(error.line == 10 && error.column == 7 + name.count + 2, "\(error)")
            }
        }
    }

    /// retrans_time (without _ms) is in USER_HZ ticks, 1/100 s, as
    /// proc_dointvec_userhz_jiffies reads it: 150 is 1.5 s between probes.
    @Test func retransTimeIsInHundredthsOfASecond() throws {
        let spec = try ScenarioFile.parse(Self.scenario("net.ipv4.neigh.eth0.retrans_time", "150"), file: "t.yaml")
        let run = Scenario(spec: spec).makeRun()
        run.runToEnd()
        let requests = run.log.events.compactMap { e -> UInt64? in
            guard case .frame(let p, _) = e.payload else { return nil }
            let f = Array(run.log.packets[p])
            return f[12] == 0x08 && f[13] == 0x06 && f[21] == 1 && f[41] == 3 ? e.time : nil
        }
        #expect(requests.count == 2)
        #expect(zip(requests.dropFirst(), requests).allSatisfy { (1_499_000_000...1_501_000_000).contains($0 - $1) }, "\(requests)")
    }
}
