import Export
import Testing
import Tracing

/// Output reaches the sink in bounded chunks as it is made: the writers
/// never hold a whole export. (Memory and speed are measured by kpath-bench.)
@Suite struct StreamingTests {
    /// The cold connect repeated until the log is long, with times shifted forward.
    static let long: TraceLog = {
        var log = TraceLog(scenario: "long", seed: 1, hosts: Fixture.cold.hosts)
        var packets: [UInt32: UInt32] = [:]
        var shift: UInt64 = 0
        while log.count < 200_000 {
            for var e in Fixture.cold.events {
                if e.kind == .frame || e.kind == .skbData {
                    if packets[e.arg] == nil { packets[e.arg] = log.storePacket(Fixture.cold.packets[e.arg]) }
                    e.arg = packets[e.arg]!
                }
                e.time += shift
                log.append(e)
            }
            shift += 10_000_000_000
        }
        return log
    }()

    @Test(arguments: ExportFormat.allCases)
    func everyFormatWritesInBoundedChunks(format: ExportFormat) throws {
        var calls = 0, total = 0, largest = 0
        try TraceExport.write(Self.long, format: format) { chunk in
            calls += 1; total += chunk.count; largest = max(largest, chunk.count)
        }
        #expect(largest <= OutputBuffer.chunkSize + 16_384, "\(format): a chunk of \(largest) bytes")
        if total > 4 * OutputBuffer.chunkSize { #expect(calls >= total / (OutputBuffer.chunkSize + 16_384)) }
        #expect(total > 0)
    }

    @Test func chunksOfTextEndOnCharacterBoundaries() throws {
        var text = ""
        try TraceExport.writeText(Self.long.prefix(20_000), format: .chain) { text += $0 }
        let whole = try TraceExport.renderText(Self.long.prefix(20_000), format: .chain)
        #expect(text == whole)
        #expect(text.contains("→"))
    }
}
