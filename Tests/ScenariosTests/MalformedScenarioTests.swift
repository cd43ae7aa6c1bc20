import Foundation
import Scenarios
import Testing

/// Every kind of mistake a teacher can make in a scenario file gets a
/// located, specific error — never a crash, never silence.
@Suite struct MalformedScenarioTests {
    /// A valid scenario; each case below breaks one line of it.
    static let valid = """
        name: t
        summary: a test
        hosts:
          - name: client
            devices:
              - name: eth0
                mac: 02:00:00:00:00:01
                addresses: [10.0.0.1/24]
            routes:
              - default via 10.0.0.254
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

    struct Case: CustomStringConvertible, Sendable {
        let name: String, replace: String, with: String, line: Int, column: Int, message: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "yaml syntax", replace: "summary: a test", with: "summary: [a test", line: 3, column: 6, message: "YAML:"),
        Case(name: "unknown top key", replace: "summary: a test", with: "summary: a test\nsumary: typo", line: 3, column: 1,
             message: "unknown key 'sumary' in the scenario"),
        Case(name: "missing required key", replace: "summary: a test\n", with: "", line: 1, column: 1, message: "needs 'summary'"),
        Case(name: "unknown host key", replace: "    listen: [80]", with: "    listen: [80]\n    lisen: [81]", line: 17, column: 5,
             message: "unknown key 'lisen' in a host"),
        Case(name: "unknown device key", replace: "        addresses: [10.0.0.2/24]", with: "        addresses: [10.0.0.2/24]\n        mtu: 9000",
             line: 16, column: 9, message: "unknown key 'mtu' in a device"),
        Case(name: "an unknown key after a scalar", replace: "hosts:\n  - name: client", with: "hosts: client\nx:\n  - name: client", line: 4, column: 1, message: "unknown key 'x'"),
        Case(name: "bad address", replace: "[10.0.0.1/24]", with: "[10.0.0.300/24]", line: 8, column: 21, message: "'10.0.0.300/24' is not ADDRESS/LEN"),
        Case(name: "bad prefix length", replace: "[10.0.0.2/24]", with: "[10.0.0.2/33]", line: 15, column: 21, message: "is not ADDRESS/LEN"),
        Case(name: "bad mac", replace: "02:00:00:00:00:02", with: "02:00:00:00:02", line: 14, column: 14,
             message: "is not a MAC address"),
        Case(name: "multicast mac", replace: "02:00:00:00:00:02", with: "01:00:5e:00:00:02", line: 14, column: 14,
             message: "multicast"),
        Case(name: "duplicate mac", replace: "02:00:00:00:00:02", with: "02:00:00:00:00:01", line: 11, column: 5,
             message: "is already client's"),
        Case(name: "duplicate host", replace: "  - name: server", with: "  - name: client", line: 11, column: 5,
             message: "host 'client' is defined twice"),
        Case(name: "gateway not on-link", replace: "default via 10.0.0.254", with: "default via 10.9.0.254", line: 10, column: 21, message: "is not on a connected network"),
        Case(name: "route word", replace: "default via 10.0.0.254", with: "default gw 10.0.0.254", line: 10, column: 17,
             message: "unknown word 'gw'"),
        Case(name: "unknown sysctl", replace: "    listen: [80]", with: "    listen: [80]\n    sysctl:\n      net.ipv4.tcp_syn_retry: 3",
             line: 18, column: 7, message: "unknown sysctl 'net.ipv4.tcp_syn_retry'"),
        Case(name: "sysctl out of range", replace: "    listen: [80]", with: "    listen: [80]\n    sysctl:\n      net.ipv4.tcp_syn_retries: 300",
             line: 18, column: 33, message: "must be in 1...127"),
        Case(name: "sysctl for a missing device", replace: "    listen: [80]",
             with: "    listen: [80]\n    sysctl:\n      net.ipv4.neigh.eth9.retrans_time_ms: 3", line: 18, column: 7, message: "no device 'eth9'"),
        Case(name: "bad port", replace: "listen: [80]", with: "listen: [70000]", line: 16, column: 14, message: "must be in 1...65535"),
        Case(name: "unknown timeline host", replace: "{from: client,", with: "{from: cliant,", line: 19, column: 21, message: "no host named 'cliant'"),
        Case(name: "bad connect target", replace: "to: 10.0.0.2:80}", with: "to: 10.0.0.2}", line: 19, column: 33, message: "is not ADDRESS:PORT"),
        Case(name: "bad duration", replace: "at: 0s", with: "at: 5 parsecs", line: 18, column: 9, message: "must be a duration"),
        Case(name: "no action", replace: "    connect: {from: client, to: 10.0.0.2:80}", with: "", line: 18, column: 5,
             message: "needs an action"),
        Case(name: "two actions", replace: "    connect: {from: client, to: 10.0.0.2:80}",
             with: "    connect: {from: client, to: 10.0.0.2:80}\n    send: {from: client, bytes: 10}", line: 18, column: 5,
             message: "one action"),
        Case(name: "iptables unknown chain", replace: "    listen: [80]", with: "    listen: [80]\n    iptables:\n      - -t raw -A INPUT -j DROP",
             line: 18, column: 19, message: "table raw has no chain 'INPUT'"),
        Case(name: "iptables option needs -p tcp", replace: "    listen: [80]",
             with: "    listen: [80]\n    iptables:\n      - -A OUTPUT --dport 80 -j DROP", line: 18, column: 19, message: "--dport needs '-p tcp'"),
        Case(name: "iptables target in the wrong chain", replace: "    listen: [80]",
             with: "    listen: [80]\n    iptables:\n      - -A OUTPUT -j MASQUERADE", line: 18, column: 22, message: "MASQUERADE is only valid in the nat table's POSTROUTING"),
        Case(name: "iptables port out of range", replace: "    listen: [80]",
             with: "    listen: [80]\n    iptables:\n      - -A OUTPUT -p tcp --dport 65536 -j DROP", line: 18, column: 34,
             message: "'65536' is not a port number (0...65535)"),
        Case(name: "iptables unknown target", replace: "    listen: [80]", with: "    listen: [80]\n    iptables:\n      - -A OUTPUT -j DORP",
             line: 18, column: 22, message: "unknown target 'DORP'"),
        Case(name: "iptables missing target", replace: "    listen: [80]", with: "    listen: [80]\n    iptables:\n      - -A OUTPUT -p tcp",
             line: 18, column: 9, message: "needs a target"),
        Case(name: "unknown link", replace: "        addresses: [10.0.0.2/24]", with: "        addresses: [10.0.0.2/24]\n        link: wan",
             line: 16, column: 15, message: "no link named 'wan'"),
        Case(name: "device name too long", replace: "      - name: eth0\n        mac: 02:00:00:00:00:02",
             with: "      - name: averyveryverylongname\n        mac: 02:00:00:00:00:02", line: 13, column: 15, message: "IFNAMSIZ"),
        Case(name: "neighbour without lladdr", replace: "    listen: [80]",
             with: "    listen: [80]\n    neighbours:\n      - 10.0.0.1 dev eth0", line: 18, column: 9, message: "'lladdr MAC' is required"),
        Case(name: "narration for an unknown function", replace: "timeline:", with: "narration:\n  neigh_udpate: hello\ntimeline:",
             line: 18, column: 3, message: "no function 'neigh_udpate'"),
        Case(name: "empty file", replace: valid, with: "", line: 1, column: 1, message: "empty"),
        Case(name: "not a mapping", replace: valid, with: "- just\n- a list", line: 1, column: 1, message: "must be a mapping"),
    ]

    @Test(arguments: cases)
    func eachMistakeIsReportedWhereItIs(c: Case) throws {
        #expect(Self.valid.contains(c.replace), "the case must change something")
        let text = Self.valid.replacingOccurrences(of: c.replace, with: c.with)
        let error = try #require(throws: ScenarioError.self) { try ScenarioFile.parse(text, file: "lesson.yaml") }
        #expect(error.file == "lesson.yaml")
        #expect(error.message.contains(c.message), "\(error)")
        #expect((error.line, error.column) == (c.line, c.column), "\(error)")
        #expect(error.description.hasPrefix("lesson.yaml:\(error.line):\(error.column): "))
    }

    @Test func theValidScenarioLoadsAndRuns() throws {
        let spec = try ScenarioFile.parse(Self.valid, file: "lesson.yaml")
        let run = Scenario(spec: spec).makeRun()
        run.runToEnd()
        #expect(run.syscallResults.map(\.result) == [0])
    }
}
