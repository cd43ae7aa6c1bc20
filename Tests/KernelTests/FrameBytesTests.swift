import Scenarios
import Testing
import Tracing

/// Every frame on the wire, checked byte by byte without the model's code.
@Suite struct FrameBytesTests {
    static let logs = Scenario.builtIn.map { $0.log() }

    @Test func everyIPv4HeaderAndTCPChecksumIsCorrect() {
        for log in Self.logs {
            for f in log.frames where f.u16(12) == 0x0800 {
                let ihl = Int(f[14] & 0x0f) * 4
                #expect(internetChecksum(Array(f[14..<14 + ihl])) == 0, "IP checksum in \(log.scenario)")
                #expect(f.u16(16) == f.count - 14, "tot_len")
                guard f[23] == 6 else { continue }
                let seg = Array(f[(14 + ihl)...])
                let pseudo = Array(f[26..<34]) + [0, 6, UInt8(seg.count >> 8), UInt8(seg.count & 0xff)]
                #expect(internetChecksum(pseudo + seg) == 0, "TCP checksum in \(log.scenario)")
            }
        }
    }

    @Test func theSYNHasLinuxsDefaultsAndOptions() throws {
        let log = builtInLog("cold-connect")
        let syn = try #require(log.frames.first { $0.u16(12) == 0x0800 && $0[47] == 0x02 })
        #expect(syn.count == 74)
        #expect(Array(syn[0..<6]) == [2, 0, 0, 0, 0, 2] && Array(syn[6..<12]) == [2, 0, 0, 0, 0, 1])
        #expect(syn[14] == 0x45)                       // IPv4, IHL 5
        #expect(syn.u16(20) == 0x4000)                 // DF, offset 0
        #expect(syn[22] == 64 && syn[23] == 6)         // TTL, TCP
        #expect(syn.u32(26) == IPv4.parse("10.0.0.1")! && syn.u32(30) == IPv4.parse("10.0.0.2")!)
        #expect(syn.u16(36) == 80)
        #expect((32768...60999).contains(syn.u16(34)) && syn.u16(34) % 2 == 0)
        #expect(syn[46] >> 4 == 10)                    // data offset: 40 bytes
        #expect(syn.u16(48) == 29200)                  // 4.9's initial window on Ethernet
        #expect(syn.u32(42) == 0)                      // ack_seq
        // MSS 1460 | SACK_PERM, TS (TSecr 0) | NOP, WS 7
        #expect(Array(syn[54..<60]) == [2, 4, 0x05, 0xb4, 4, 2])
        #expect(Array(syn[60..<62]) == [8, 10] && syn.u32(66) == 0)
        #expect(Array(syn[70..<74]) == [1, 3, 3, 7])
    }

    @Test func theHandshakeNumbersFollowEachOther() {
        let f = builtInLog("cold-connect").frames.filter { $0.u16(12) == 0x0800 }
        let (syn, synack, ack) = (f[0], f[1], f[2])
        #expect(synack.u32(42) == syn.u32(38) &+ 1)    // ack = ISN + 1
        #expect(ack.u32(38) == syn.u32(38) &+ 1)
        #expect(ack.u32(42) == synack.u32(38) &+ 1)
        #expect(synack.u16(18) == 0)                   // ip_build_and_send_pkt: id 0 with DF
        #expect(synack.u16(48) == 28960)               // MSS 1448 after timestamps, 20 segments
        #expect(ack.u16(48) == 229)                    // 29200 rounded up to 229 << 7
        #expect(ack.u16(18) == syn.u16(18) &+ 1)       // inet_id advances per packet
        #expect(ack.count == 66)                       // 20 + 12 bytes of NOP, NOP, TS
        // TSecr echoes the peer's TSval.
        #expect(synack.u32(66) == syn.u32(62))
    }

    @Test func arpFieldsSitAtTheirOffsets() {
        let f = builtInLog("cold-connect").frames.filter { $0.u16(12) == 0x0806 }
        #expect(f.count == 2)
        let (req, rep) = (f[0], f[1])
        #expect(req.count == 42)
        #expect(Array(req[0..<6]) == [0xff, 0xff, 0xff, 0xff, 0xff, 0xff])
        #expect(req.u16(14) == 1 && req.u16(16) == 0x0800 && req[18] == 6 && req[19] == 4)
        #expect(req.u16(20) == 1)
        #expect(Array(req[22..<28]) == [2, 0, 0, 0, 0, 1] && req.u32(28) == IPv4.parse("10.0.0.1")!)
        #expect(Array(req[32..<38]) == [0, 0, 0, 0, 0, 0] && req.u32(38) == IPv4.parse("10.0.0.2")!)
        #expect(rep.u16(20) == 2)
        #expect(Array(rep[0..<6]) == [2, 0, 0, 0, 0, 1])
        #expect(Array(rep[22..<28]) == [2, 0, 0, 0, 0, 2] && rep.u32(28) == IPv4.parse("10.0.0.2")!)
        #expect(Array(rep[32..<38]) == [2, 0, 0, 0, 0, 1] && rep.u32(38) == IPv4.parse("10.0.0.1")!)
    }
}
