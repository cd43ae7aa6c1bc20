import Export
import Foundation
import Testing
import Tracing

/// JSON Lines: a documented schema that reads back into the same log.
@Suite struct JSONLTests {
    @Test(arguments: Fixture.names)
    func aRoundTripGivesTheSameLogAndTheSameChainText(scenario: String) throws {
        let log = Fixture.log(scenario)
        let text = try Fixture.text(log, .jsonl)
        let back = try JSONLReader.read(text)
        #expect(back.hosts == log.hosts)
        #expect(back.events == log.events)
        #expect(back.packets == log.packets)
        #expect(back == log)
        #expect(try Fixture.text(back, .chain) == Fixture.text(log, .chain))
        #expect(try Fixture.text(back, .ftrace) == Fixture.text(log, .ftrace))
    }

    @Test func everyLineIsAnObjectWithTheStableFields() throws {
        let lines = try Fixture.text(Fixture.cold, .jsonl).split(separator: "\n")
        let header = try #require(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["kpath_jsonl"] as? Int == 2)
        #expect(header["scenario"] as? String == "cold-connect")
        var events = 0, packets = 0
        for line in lines.dropFirst() {
            let o = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            if o["hex"] != nil { packets += 1; continue }
            events += 1
            for field in ["i", "t", "host", "ctx", "depth", "kind", "code", "aux", "arg", "skb"] {
                #expect(o[field] != nil, "\(field) missing in \(line)")
            }
            if o["kind"] as? String == "enter" { #expect(o["fn"] is String) }
        }
        #expect(events == Fixture.cold.count)
        #expect(packets == Fixture.cold.packets.count)
    }

    @Test func momentsCarryTheTUIsSentence() throws {
        let text = try Fixture.text(Fixture.cold, .jsonl)
        let nud = try #require(text.split(separator: "\n").first { $0.contains("\"kind\":\"nud_change\"") })
        #expect(nud.contains("\"text\":\"neighbour 10.0.0.2: nud_state NUD_NONE → NUD_INCOMPLETE (__neigh_event_send)\""))
    }

    @Test func aFilteredExportReadsBackWithItsPacketsRenumbered() throws {
        let options = Fixture.filter(EventFilter(host: 1))
        let back = try JSONLReader.read(try Fixture.text(Fixture.cold, .jsonl, options))
        #expect(back.count == Fixture.cold.events.filter { $0.host == 1 }.count)
        #expect(back.events.allSatisfy { $0.host == 1 })
        // Every frame still names its own bytes.
        let original = Fixture.frames(Fixture.cold).filter { $0.event.host == 1 }.map(\.bytes)
        #expect(Fixture.frames(back).map(\.bytes) == original)
    }

    @Test func badInputIsReportedWithItsLine() {
        #expect(throws: JSONLReader.Failure.self) { try JSONLReader.read("{\"kind\":\"enter\"}\n") }
        let header = "{\"kpath_jsonl\":2,\"scenario\":\"x\",\"seed\":1,\"hosts\":[]}\n"
        do {
            _ = try JSONLReader.read(header + "{\"kind\":\"teleport\",\"ctx\":\"process\"}\n")
            Issue.record("an unknown kind was accepted")
        } catch let f as JSONLReader.Failure {
            #expect(f.line == 2)
            #expect(f.message.contains("teleport"))
        } catch {
            Issue.record("unexpected \(error)")
        }
        for other in [1, 3] {
            #expect(throws: JSONLReader.Failure.self) {
                try JSONLReader.read("{\"kpath_jsonl\":\(other),\"scenario\":\"x\",\"seed\":1,\"hosts\":[]}\n")
            }
        }
    }

    /// Lines of a real export with one field changed: each is refused at its
    /// line, in the file's name, and nothing downstream sees a guessed code.
    @Test(arguments: [
        ("enter", ",\"fn\":\"tcp_v4_connect\"", ""),                       // a span without its function
        ("nud_change", "\"code\":", "\"code\":65535,\"was\":"),          // an unknown cause
        ("hook_verdict", "\"aux\":", "\"aux\":65535,\"was\":"),          // an unknown owner/verdict
        ("skb_alloc", "\"code\":", "\"code\":9,\"was\":"),               // no such allocation kind
        ("branch", "\"aux\":", "\"aux\":65535,\"was\":"),                // an unknown branch reason
        ("sock_state", "\"skb\":", "\"was\":"),                            // a missing field
    ])
    func aCorruptedFileIsRefusedAtItsLine(kind: String, find: String, replace: String) throws {
        // cold-connect's hosts load no iptables table: the verdicts come from the NAT lesson.
        let log = kind == "hook_verdict" ? Fixture.log("snat-masquerade") : Fixture.cold
        var lines = try Fixture.text(log, .jsonl).split(separator: "\n").map(String.init)
        let at = try #require(lines.firstIndex { $0.contains("\"kind\":\"\(kind)\"") && $0.contains(find) })
        lines[at] = lines[at].replacingOccurrences(of: find, with: replace)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("corrupt-\(kind).jsonl").path
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try JSONLReader.read(file: path)
            Issue.record("\(kind): the corrupted line was accepted")
        } catch let f as JSONLReader.Failure {
            #expect(f.description.hasPrefix("\(path):\(at + 1): "), "\(f)")
        }
    }
}
