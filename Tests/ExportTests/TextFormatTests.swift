import Export
import Scenarios
import Testing
import Tracing

/// The text formats read as their models do: the seed's notation, ftrace's columns.
@Suite struct TextFormatTests {
    static let log = Scenario.defaultScenario.log()

    @Test func chainWritesIndirectCallsAsTheSeedDoes() throws {
        let chain = try TraceExport.renderText(Self.log, format: .chain)
        let lines = chain.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains("--> icsk->icsk_af_ops->queue_xmit # kernel/net/ipv4/tcp_output.c ( .queue_xmit = ip_queue_xmit )"))
        #expect(lines.contains("--> ip_queue_xmit() # kernel/net/ipv4/ip_output.c"))
        #expect(lines.contains("--> skb_dst(skb)->output(net, sk, skb) # kernel/include/net/dst.h ( .output = ip_output )"))
        #expect(lines.contains("--> n->output() # kernel/include/net/dst.h ( .output = neigh_resolve_output )"))
        #expect(lines.contains("--> neigh->ops->solicit # kernel/net/core/neighbour.c ( .solicit = arp_solicit )"))
        #expect(lines.contains("--> n1->output(n1, skb) # kernel/net/core/neighbour.c ( .output = neigh_connected_output )"))
        #expect(lines.contains("// __inet_stream_connect returned 0"))
    }

    @Test func ftraceLinesHaveTheFunctionGraphColumns() throws {
        let text = try TraceExport.renderText(Self.log, format: .ftrace)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "# tracer: function_graph")
        let body = lines.filter { !$0.hasPrefix("#") && $0.contains("|") && !$0.contains("=>") }
        #expect(body.count > 500)
        var depth = 0
        for line in body {
            let cols = line.split(separator: "|", maxSplits: 3, omittingEmptySubsequences: false)
            try #require(cols.count == 4, "\(line)")
            #expect(cols[0].count == 13)                       // "%5lu.%06lu " right-aligned
            #expect(cols[1].count == 21 && cols[1].hasSuffix(" "))  // "  " + " 0) " + 14 + " "
            #expect(cols[2].count == 15)                       // mark, duration, padding
            let call = cols[3].dropFirst(2)
            if call.hasSuffix("{") { depth += 1 }
            if call.trimmingCharacters(in: .whitespaces).hasPrefix("}") { depth -= 1 }
            #expect(depth >= 0)
        }
        // Only the connect() that is still open at the end may be unbalanced: none here.
        #expect(depth == 0)
        #expect(body.contains { $0.contains("|   0.100 us    |") && $0.hasSuffix("();") }, "a leaf takes 0.1 us")
        #expect(body.contains { $0.contains("} /* ip_local_out = 0x0 */") })
        // verif_pid is per CPU: a block only where one CPU changes task.
        #expect(text.contains(" ------------------------------------------\n 0)   connect-0    =>   softirq-0   \n"))
        #expect(!text.contains(" 1)   connect-0    =>"))
    }

    @Test func durationsUseFtracesOverheadMarks() throws {
        let text = try TraceExport.renderText(Self.log, format: .ftrace)
        // The connect() span lasts ~0.42 ms: "!" (over 100 us).
        #expect(text.split(separator: "\n").contains { $0.contains("| ! ") && $0.hasSuffix("} /* __inet_stream_connect = 0x0 */") })
    }
}
