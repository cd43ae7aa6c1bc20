import Scenarios
import Testing
import Tracing

/// Netfilter as the kernel wires it: hooks exist only for loaded tables,
/// and every table's hook walks its rules in ipt_do_table.
@Suite struct NetfilterTests {
    static func run(clientTables: String) throws -> TraceLog {
        let yaml = """
            name: tables
            summary: tables
            hosts:
              - name: client
                devices:
                  - name: eth0
                    mac: 02:00:00:00:00:01
                    addresses: [10.0.0.1/24]
                tables: \(clientTables)
              - name: server
                devices:
                  - name: eth0
                    mac: 02:00:00:00:00:02
                    addresses: [10.0.0.2/24]
                listen: [80]
            timeline:
              - at: 0s
                connect: {from: client, to: 10.0.0.2:80}
            """
        return Scenario(spec: try ScenarioFile.parse(yaml, file: "tables.yaml")).log()
    }

    static func verdictOwners(_ log: TraceLog, host: String) -> Set<HookOwner> {
        let h = log.host(host)
        return Set(log.events.compactMap { e in
            if case .hookVerdict(_, let owner, _, _, _) = e.payload, e.host == h { owner } else { nil }
        })
    }

    /// A fresh host has loaded no table: nf_hook → nf_hook_thresh returns 1
    /// at once at every hook point, as the seed shows.
    @Test func aHostWithNoTablesPassesEveryHookAtOnce() {
        let log = builtInLog("cold-connect")
        #expect(!log.calls.contains("nf_hook_slow"))
        #expect(Self.verdictOwners(log, host: "client").isEmpty)
        let thresh = log.events.filter { if case .enter(.nf_hook_thresh, _) = $0.payload { true } else { false } }
        let noHooks = log.events.filter { if case .branch(.nf_hook_thresh, .nfNoHooks) = $0.payload { true } else { false } }
        #expect(!thresh.isEmpty && noHooks.count == thresh.count)
    }

    @Test func onlyTheTablesAHostHasRegisterHooks() throws {
        let log = try Self.run(clientTables: "[iptable_mangle]")
        #expect(Self.verdictOwners(log, host: "client") == [.iptable_mangle])
        #expect(Self.verdictOwners(log, host: "server").isEmpty)
    }

    /// iptable_filter_hook → ipt_do_table → the targets (log_tg), and
    /// arptable_filter_hook → arpt_do_table.
    @Test func theRuleWalkIsIptDoTableBetweenTheHookAndItsTargets() throws {
        let calls = builtInLog("netfilter-drop").calls
        let hooks = calls.indices.filter { calls[$0] == "iptable_filter_hook" }
        #expect(!hooks.isEmpty)
        #expect(hooks.allSatisfy { calls[$0 + 1] == "ipt_do_table" })
        #expect(calls.indices.filter { calls[$0] == "log_tg" }.allSatisfy { calls[$0 - 1] == "ipt_do_table" })
        let arp = try Self.run(clientTables: "[arptable_filter]").calls
        let arpHooks = arp.indices.filter { arp[$0] == "arptable_filter_hook" }
        #expect(!arpHooks.isEmpty && arpHooks.allSatisfy { arp[$0 + 1] == "arpt_do_table" })
    }

    @Test func anUnknownTableModuleIsAnErrorThatListsTheKnownOnes() throws {
        let error = try #require(throws: ScenarioError.self) { try Self.run(clientTables: "[iptable_flter]") }
        #expect(error.message.contains("unknown table module 'iptable_flter'") && error.message.contains("iptable_filter"))
        #expect((error.line, error.column) == (9, 14), "\(error)")
    }
}
