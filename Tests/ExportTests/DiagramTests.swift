import Export
import Foundation
import Testing
import Tracing

/// DOT and Mermaid: call graphs with counts, frame sequences, NUD paths.
@Suite struct DiagramTests {
    @Test func callGraphEdgesCarryTheCallCounts() throws {
        let dot = try Fixture.text(Fixture.warm, .dot)
        let graph = CallGraph([Fixture.warm])
        var total = 0
        for line in dot.split(separator: "\n") where line.contains(" -> ") {
            let label = try #require(line.firstMatch(of: /label="(\d+)/)?.1, "\(line)")
            total += Int(label)!
        }
        #expect(total == graph.edges.values.reduce(0, +))
        #expect(dot.contains("\"ip_finish_output2\" -> \"__neigh_create\" [label=\"1\"];"))
        let pointer = try #require(dot.split(separator: "\n").first { $0.contains("\"dst_neigh_output\" -> \"neigh_resolve_output\"") })
        #expect(pointer.hasSuffix(" via n->output()\", style=dashed];"), "a call through n->output is dashed and named")
    }

    @Test func mermaidCallGraphHasTheSameEdges() throws {
        let mmd = try Fixture.text(Fixture.cold, .mermaid)
        #expect(mmd.split(separator: "\n").contains("flowchart LR"))
        let dotEdges = try Fixture.text(Fixture.cold, .dot).split(separator: "\n").filter { $0.contains(" -> ") }.count
        let mmdEdges = mmd.split(separator: "\n").filter { $0.contains("-->|") || $0.contains("-.->|") }.count
        #expect(dotEdges == mmdEdges && dotEdges > 20)
    }

    @Test func theSequenceDiagramHasAnArrowPerFrameAndReceiver() throws {
        let mmd = try Fixture.text(Fixture.cold, .mermaid, Fixture.filter(EventFilter(), graph: .frames))
        let lines = mmd.split(separator: "\n").map(String.init)
        #expect(lines.contains("sequenceDiagram"))
        #expect(lines.contains("    participant h0 as client"))
        let arrows = lines.filter { $0.contains("->>") }
        let arp = try #require(Fixture.frames(Fixture.cold).first).event
        #expect(arrows.first == "    h0->>h1: \(VirtualTime.format(arp.time).dropLast(3)) ARP, Request who-has 10.0.0.2 tell 10.0.0.1")
        #expect(arrows.count == Fixture.frames(Fixture.cold).count)
        #expect(arrows.contains { $0.contains("h1->>h0") && $0.contains("Flags [S.]") })
    }

    @Test func theNUDGraphIsThePathTaken() throws {
        let dot = try Fixture.text(Fixture.cold, .dot, Fixture.filter(EventFilter(), graph: .nud))
        #expect(dot.contains("created -> \"NUD_NONE\""))
        #expect(dot.contains("\"NUD_NONE\" -> \"NUD_INCOMPLETE\" [label=\"__neigh_event_send ×1\"];"))
        #expect(dot.contains("\"NUD_INCOMPLETE\" -> \"NUD_REACHABLE\""))
        let mmd = try Fixture.text(Fixture.cold, .mermaid, Fixture.filter(EventFilter(), graph: .nud))
        #expect(mmd.contains("stateDiagram-v2\n"))
        #expect(mmd.contains("    NUD_NONE --> NUD_INCOMPLETE: __neigh_event_send ×1\n"))
    }

    /// Graphviz must accept every graph (skipped where graphviz is not installed;
    /// .ci/run installs it).
    @Test(.enabled(if: Fixture.tool("dot") != nil), arguments: GraphKind.allCases)
    func graphvizRendersTheDOT(graph: GraphKind) throws {
        let path = Fixture.temporaryPath("\(graph).dot")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Fixture.text(Fixture.warm, .dot, Fixture.filter(EventFilter(), graph: graph))
            .write(toFile: path, atomically: true, encoding: .utf8)
        let r = try Fixture.run(Fixture.tool("dot")!, ["-Tsvg", path])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("<svg"))
        #expect(!r.err.contains("Error") && !r.err.contains("syntax error"), "\(r.err)")
    }
}
