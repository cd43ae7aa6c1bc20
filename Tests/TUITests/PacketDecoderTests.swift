import Scenarios
import Testing
@testable import TUI
import Tracing

/// The packet pane reads the ICMP error a failed resolution sends back.
@Suite struct PacketDecoderTests {
    @Test func theHostUnreachableErrorIsDecodedWithWhatItQuotes() throws {
        let log = Scenario.named("unreachable-neighbour")!.log()
        let send = try #require(log.events.firstIndex { $0.payload == .enter(.icmp_send, arg: 3 << 8 | 1) })
        // The snapshot icmp_send takes of the message it built.
        let data = try #require(log.events[send...].first { $0.kind == .skbData })
        guard case .skbData(let packet) = data.payload else { return }
        let layers = PacketDecoder.layers(log.packets[packet])
        #expect(layers.map(\.name) == ["IPv4", "ICMP"])
        #expect(layers[1].lines[0] == "host unreachable  (type 3 code 1)")
        #expect(layers[1].lines[1].hasPrefix("quotes: TCP 10.0.0.1:") && layers[1].lines[1].hasSuffix(" → 10.0.0.2:80"))
        #expect(PacketDecoder.summary(log.packets[packet]) == "ICMP host unreachable")
    }
}
