import Export
import Foundation
import Testing
import Tracing

/// The pcap export, read by an independent dissector: tcpdump (installed by .ci/run).
@Suite struct PcapTests {
    /// tcpdump -r FILE -vv -nn, one packet per element (its header line and continuation lines).
    static func dissect(_ log: TraceLog, _ options: ExportOptions = ExportOptions()) throws -> [String] {
        let tcpdump = try #require(Fixture.tool("tcpdump"), "tcpdump is not installed; .ci/run installs it")
        let path = Fixture.temporaryPath("trace.pcap")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = try TraceExport.render(log, format: .pcap, options: options)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let r = try Fixture.run(tcpdump, ["-r", path, "-vv", "-nn", "-tt", "-S", "--time-stamp-precision=nano"])
        try #require(r.status == 0, "tcpdump failed: \(r.err)")
        var packets: [String] = []
        for line in r.out.split(separator: "\n") {
            if line.first?.isNumber == true { packets.append(String(line)) } else if !packets.isEmpty { packets[packets.count - 1] += "\n" + line }
        }
        return packets
    }

    @Test(arguments: ["cold-connect", "warm-connect"])
    func tcpdumpFindsEveryChecksumCorrect(scenario: String) throws {
        let log = Fixture.log(scenario)
        let packets = try Self.dissect(log)
        let frames = Fixture.frames(log)
        #expect(packets.count == frames.count)
        #expect(frames.count >= 4)
        for (packet, frame) in zip(packets, frames) {
            let type = UInt16(frame.bytes[12]) << 8 | UInt16(frame.bytes[13])
            guard type == 0x0800 else { continue }
            #expect(Self.checksumVerdicts(packet, tcp: frame.bytes[23] == 6) == .correct, "\(packet)")
        }
    }

    enum Verdict { case correct, badIP, badTCP, unverified }

    /// tcpdump -vv verifies the IPv4 header checksum and says so only when it
    /// is wrong ("bad cksum 1234 (->5678)!"); the TCP one it always reports,
    /// as "cksum 0x1234 (correct)" or "(incorrect -> 0x5678)".
    static func checksumVerdicts(_ packet: String, tcp: Bool) -> Verdict {
        if packet.contains("bad cksum") { return .badIP }
        guard tcp else { return .correct }
        let verdicts = packet.components(separatedBy: "cksum 0x").dropFirst().map { $0.split(separator: " ").dropFirst().first ?? "" }
        if verdicts.contains(where: { $0.hasPrefix("(incorrect") }) { return .badTCP }
        return verdicts.count == 1 && verdicts[0].hasPrefix("(correct)") ? .correct : .unverified
    }

    /// The control: the same check sees a broken checksum, so it can fail.
    @Test func aCorruptedChecksumIsCaught() throws {
        let log = Fixture.cold
        let (syn, bytes) = try #require(Fixture.frames(log).first { $0.bytes[12] == 8 && $0.bytes[13] == 0 })
        for (offset, expected) in [(14 + 10, Verdict.badIP), (14 + 20 + 16, Verdict.badTCP)] {
            var broken = bytes
            broken[offset] ^= 0xff
            var copy = TraceLog(scenario: log.scenario, seed: log.seed, hosts: log.hosts)
            copy.append(Event(time: syn.time, kind: .frame, host: syn.host, context: syn.context, depth: 0,
                              arg: copy.storePacket(broken), skb: syn.skb))
            let packets = try Self.dissect(copy)
            #expect(packets.count == 1)
            #expect(Self.checksumVerdicts(packets[0], tcp: true) == expected, "\(packets)")
        }
    }

    @Test func arpAndTCPFieldsAreThoseInTheLog() throws {
        let packets = try Self.dissect(Fixture.cold)
        let frames = Fixture.frames(Fixture.cold)
        var arps = 0, tcps = 0
        for (packet, frame) in zip(packets, frames) {
            let b = frame.bytes
            func be(_ o: Int, _ n: Int) -> UInt32 { (0..<n).reduce(0) { $0 << 8 | UInt32(b[o + $1]) } }
            func ip(_ o: Int) -> String { IPv4.string(be(o, 4)) }
            if be(12, 2) == 0x0806 {
                arps += 1
                if be(20, 2) == 1 {
                    #expect(packet.contains("Request who-has \(ip(38)) tell \(ip(28))"), "\(packet)")
                } else {
                    let mac = PacketDecoder.mac(b[22..<28])
                    #expect(packet.contains("Reply \(ip(28)) is-at \(mac)"), "\(packet)")
                }
            } else if be(12, 2) == 0x0800, b[23] == 6 {
                tcps += 1
                let t = 14 + Int(b[14] & 0x0f) * 4
                #expect(packet.contains("\(ip(26)).\(be(t, 2)) > \(ip(30)).\(be(t + 2, 2))"), "\(packet)")
                #expect(packet.contains("seq \(be(t + 4, 4))"), "\(packet)")
                #expect(packet.contains("win \(be(t + 14, 2))"), "\(packet)")
                if b[t + 13] & 0x10 != 0 { #expect(packet.contains("ack \(be(t + 8, 4))"), "\(packet)") }
                if b[t + 13] & 0x02 != 0 { #expect(packet.contains("Flags [S"), "\(packet)") }
            }
        }
        #expect(arps == 2)   // who-has and is-at
        #expect(tcps >= 3)   // SYN, SYN-ACK, ACK
    }

    @Test func timestampsAreVirtualTimeInNanoseconds() throws {
        let packets = try Self.dissect(Fixture.cold)
        let frames = Fixture.frames(Fixture.cold)
        for (packet, frame) in zip(packets, frames) {
            let stamp = String(packet.prefix { $0 != " " })
            #expect(stamp == VirtualTime.format(frame.event.time), "\(packet)")
        }
    }

    /// A host sees what it sent and what its NIC accepted: exactly the frames
    /// that became rx skbs on it in the log.
    @Test(arguments: Fixture.names)
    func aHostsViewIsWhatItSentAndReceived(scenario: String) throws {
        let log = Fixture.log(scenario)
        for (h, _) in log.hosts.enumerated() {
            let options = Fixture.filter(EventFilter(host: UInt8(h)))
            let packets = try Self.dissect(log, options)
            let sent = log.events.filter { $0.kind == .frame && $0.host == h }.count
            let received = log.events.filter {
                guard $0.host == h, case .skbAlloc(_, .rx) = $0.payload else { return false }
                return true
            }.count
            #expect(packets.count == sent + received, "host \(log.hosts[h].name)")
        }
    }

    @Test func filtersSelectFrames() throws {
        let arp = try Self.dissect(Fixture.cold, Fixture.filter(EventFilter(functions: [.arp_solicit])))
        #expect(arp.count == 1)
        #expect(arp.first?.contains("Request who-has 10.0.0.2 tell 10.0.0.1") == true)
        let frames = Fixture.frames(Fixture.cold)
        let cut = frames[1].event.time
        let early = try Self.dissect(Fixture.cold, Fixture.filter(EventFilter(to: cut)))
        #expect(early.count == frames.filter { $0.event.time <= cut }.count)
    }

    @Test func theFileHeaderIsNanosecondEthernetPcap() throws {
        let bytes = try TraceExport.render(Fixture.cold, format: .pcap)
        #expect(Array(bytes.prefix(4)) == [0x4d, 0x3c, 0xb2, 0xa1])
        #expect(bytes[20] == 1 && bytes[21] == 0)   // LINKTYPE_ETHERNET
        let total = 24 + Fixture.frames(Fixture.cold).reduce(0) { $0 + 16 + $1.bytes.count }
        #expect(bytes.count == total)
    }
}
