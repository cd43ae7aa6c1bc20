import Foundation
import Testing
import Tracing

/// The seed document (Tests/KernelTests/Fixtures/seed-call-chain.txt) is
/// where kpath started: the built-in lessons must walk every function it
/// names, in its order.
@Suite struct SeedChainTests {
    /// The seed's steps: function names and pointer expressions, one per
    /// `-->` line, with `ip_forward --> dst_output()`'s alternate caller
    /// kept apart (the forwarding path is not part of a connect).
    static func seedSteps() throws -> (steps: [String], alternateCallers: [String]) {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/seed-call-chain.txt")
        let text = try String(contentsOf: url, encoding: .utf8)
        var steps: [String] = [], alternates: [String] = []
        for raw in text.split(separator: "\n") {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("*") { line = String(line.dropFirst()).trimmingCharacters(in: .whitespaces) }
            guard let arrow = line.range(of: "-->") ?? (line.hasSuffix("()") ? line.startIndex..<line.startIndex : nil) else {
                continue
            }
            let before = line[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)
            if !before.isEmpty { alternates.append(before) }
            var step = line[arrow.upperBound...].trimmingCharacters(in: .whitespaces)
            if let hash = step.firstIndex(of: "#") { step = String(step[..<hash]).trimmingCharacters(in: .whitespaces) }
            if step.hasSuffix(";") { step.removeLast() }
            steps.append(normalise(step))
        }
        // "dev_queue_xmit → __dev_queue_xmit" is listed twice in a row; one pass satisfies both.
        var collapsed: [String] = []
        var i = 0
        while i < steps.count {
            if i + 3 < steps.count, steps[i..<i + 2] == steps[i + 2..<i + 4] { i += 2; continue }
            collapsed.append(steps[i])
            i += 1
        }
        return (collapsed, alternates)
    }

    /// `neigh_connect(neigh)` → `neigh_connect`; `tcp_connect()` → `tcp_connect`;
    /// pointer expressions stay as written.
    static func normalise(_ s: String) -> String {
        if PointerExpr.allCases.contains(where: { $0.description == s }) { return s }
        if let paren = s.firstIndex(of: "(") { return String(s[..<paren]) }
        return s
    }

    @Test func theSeedParsesIntoItsSteps() throws {
        let (steps, alternates) = try Self.seedSteps()
        #expect(steps.first == "tcp_connect")
        #expect(steps.last == "dev_queue_xmit")
        #expect(steps.contains("icsk->icsk_af_ops->queue_xmit"))
        #expect(steps.contains("n1->output(n1, skb)"))
        #expect(alternates == ["ip_forward"])
        #expect(steps.count == 35)
    }

    @Test func coldAndWarmConnectWalkEverySeedStepInOrder() throws {
        let (steps, _) = try Self.seedSteps()
        let logs = [builtInLog("cold-connect").seedSteps, builtInLog("warm-connect").seedSteps]
        // Greedy, in order: each step is found after the previous one in the
        // same log; a step missing there must follow the previous step in
        // the other log (the seed lists alternative branches one after another).
        var current = 0, position = [-1, -1], previous: String?
        for step in steps {
            if let p = logs[current][(position[current] + 1)...].firstIndex(of: step) {
                position[current] = p
            } else {
                let other = 1 - current
                let after = previous.flatMap { logs[other].firstIndex(of: $0) } ?? -1
                let p = try #require(logs[other][(after + 1)...].firstIndex(of: step),
                                     "seed step \(step) (after \(previous ?? "start")) is in neither lesson")
                current = other
                position[other] = p
            }
            previous = step
        }
    }

    @Test func everySeedFunctionIsInTheCatalogue() throws {
        for step in try Self.seedSteps().steps where !PointerExpr.allCases.contains(where: { $0.description == step }) {
            #expect(Fn(name: step) != nil, "\(step)")
        }
    }
}

/// The seed's one alternate caller, `ip_forward --> dst_output()`: the
/// router-forward lesson's router calls dst_output from inside ip_forward.
@Suite struct SeedAlternateCallerTests {
    @Test func ipForwardReachesDstOutputOnTheRouter() throws {
        let alternates = try SeedChainTests.seedSteps().alternateCallers
        let log = builtInLog("router-forward")
        for caller in alternates {
            let fn = try #require(Fn(name: caller))
            var inside = 0, reached = false
            for e in log.events {
                switch e.payload {
                case .enter(fn, _): inside += 1
                case .exit(fn, _): inside -= 1
                case .enter(.dst_output, _) where inside > 0: reached = true
                default: break
                }
            }
            #expect(reached, "\(caller) --> dst_output()")
        }
    }
}
