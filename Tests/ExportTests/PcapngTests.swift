import Export
import Foundation
import Testing
import Tracing

/// The pcapng export, read by Wireshark's own tools: tshark and capinfos
/// (installed by .ci/run).
@Suite struct PcapngTests {
    /// Writes the export to a temporary file and passes its path.
    static func withCapture<T>(_ log: TraceLog, _ format: ExportFormat = .pcapng, _ filter: EventFilter = EventFilter(),
                               _ body: (String) throws -> T) throws -> T {
        let path = Fixture.temporaryPath("trace.\(format.fileExtension)")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(try TraceExport.render(log, format: format, options: Fixture.filter(filter)))
            .write(to: URL(fileURLWithPath: path))
        return try body(path)
    }

    /// epb_flags' direction as tshark prints frame.packet_flags_direction.
    static let inbound = "0x00000001", outbound = "0x00000002"

    static func tshark(_ arguments: [String]) throws -> String {
        let tshark = try #require(Fixture.tool("tshark"), "tshark is not installed; .ci/run installs it")
        let r = try Fixture.run(tshark, arguments)
        try #require(r.status == 0, "tshark \(arguments) failed: \(r.err)")
        return r.out
    }

    /// One tshark run: the fields asked for, a row per packet, and the
    /// severities its expert summary lists ("Errors", "Warns", "Notes", "Chats", "Comments").
    static func analyse(_ path: String, fields: [String] = ["frame.number"]) throws -> (rows: [[String]], severities: Set<String>) {
        let out = try tshark(["-r", path, "-T", "fields", "-E", "separator=|", "-z", "expert"] + fields.flatMap { ["-e", $0] })
        var rows: [[String]] = [], severities = Set<String>()
        for line in out.split(separator: "\n") {
            let word = line.split(separator: " ").first.map(String.init) ?? ""
            if ["Errors", "Warns", "Notes", "Chats", "Comments"].contains(word), line.contains("(") {
                severities.insert(word)
            } else if !line.hasPrefix("=") && !line.hasPrefix(" ") && !line.isEmpty {
                rows.append(line.split(separator: "|", omittingEmptySubsequences: false).map(String.init))
            }
        }
        return (rows, severities)
    }

    static func expertSeverities(_ path: String) throws -> Set<String> { try analyse(path).severities }

    /// (host, ifindex) of every device in the log.
    static func devices(_ log: TraceLog) -> [(host: UInt8, ifindex: UInt32)] {
        log.hosts.indices.flatMap { h in log.hosts[h].devices.indices.dropFirst().map { (UInt8(h), UInt32($0)) } }
    }

    @Test(arguments: Fixture.names)
    func capinfosCountsAnInterfacePerDevice(scenario: String) throws {
        let log = Fixture.log(scenario)
        let capinfos = try #require(Fixture.tool("capinfos"), "capinfos is not installed; .ci/run installs tshark")
        let r = try Self.withCapture(log) { try Fixture.run(capinfos, ["-I", $0]) }
        try #require(r.status == 0, "capinfos failed: \(r.err)")
        #expect(r.out.contains("Number of interfaces in file: \(Self.devices(log).count)\n"), "\(r.out)")
        for (h, d) in Self.devices(log) {
            #expect(r.out.contains("Name = \(log.hosts[Int(h)].name)/\(log.deviceName(host: h, ifindex: d))\n"))
        }
    }

    /// Every frame once, on the device that sent it, outbound, with the
    /// driver function that sent it; nothing Wireshark warns about.
    @Test(arguments: Fixture.names)
    func tsharkReadsEveryFrameOnItsSendersInterface(scenario: String) throws {
        let log = Fixture.log(scenario)
        let frames = Fixture.frames(log)
        try Self.withCapture(log) { path in
            let (rows, severities) = try Self.analyse(path, fields: ["frame.interface_name", "frame.packet_flags_direction",
                                                                     "frame.comment", "frame.len"])
            #expect(!severities.contains("Errors") && !severities.contains("Warns"), "\(severities)")
            #expect(rows.count == frames.count)
            for (row, frame) in zip(rows, frames) {
                let e = frame.event
                let sender = log.events.firstIndex(of: e).map { i in
                    log.events[..<i].last { $0.kind == .enter && $0.host == e.host && $0.context == e.context && $0.depth == e.depth - 1 }
                }
                let fn = try #require(sender??.function)
                #expect(row == ["\(log.hosts[Int(e.host)].name)/\(log.deviceName(host: e.host, ifindex: UInt32(e.aux)))",
                                Self.outbound, "\(fn.name) put it on the wire", "\(frame.bytes.count)"])
            }
        }
    }

    /// One device's capture is one link's view: no false retransmissions or
    /// duplicate ACKs, nothing above tshark's "Chat" level (classic pcap for
    /// the lessons with a router: one device's capture needs no interfaces).
    @Test(arguments: Fixture.names)
    func eachDevicesCaptureHasNoExpertNotes(scenario: String) throws {
        let log = Fixture.log(scenario)
        for (h, d) in Self.devices(log) {
            let carried = Fixture.frames(log).contains { $0.event.host == h && UInt32($0.event.aux) == d }
            guard carried else { continue }
            for format in log.hosts.count > 2 ? [ExportFormat.pcapng, .pcap] : [.pcapng] {
                let severities = try Self.withCapture(log, format, EventFilter(host: h, device: d), Self.expertSeverities)
                #expect(severities.isSubset(of: ["Chats", "Comments"]),
                        "\(scenario) \(log.hosts[Int(h)].name)/\(log.deviceName(host: h, ifindex: d)) \(format): \(severities)")
            }
        }
    }

    /// The control: the same check sees what a merged capture of two links
    /// shows, the forwarded SYN as a retransmission.
    @Test func aMergedCaptureOfTwoLinksIsCaught() throws {
        let severities = try Self.withCapture(Fixture.log("router-forward"), .pcap, EventFilter(), Self.expertSeverities)
        #expect(severities.contains("Notes"))
    }

    /// A device's capture holds what it sent, outbound, and the frames its
    /// NIC accepted, inbound.
    @Test(arguments: ["router-forward", "arp-queue-overflow"])
    func aDevicesCaptureIsWhatItSentAndReceived(scenario: String) throws {
        let log = Fixture.log(scenario)
        for (h, d) in Self.devices(log) {
            let sent = Fixture.frames(log).filter { $0.event.host == h && UInt32($0.event.aux) == d }.count
            let directions = try Self.withCapture(log, .pcapng, EventFilter(host: h, device: d)) {
                try Self.analyse($0, fields: ["frame.packet_flags_direction"]).rows.map { $0[0] }
            }
            #expect(directions.filter { $0 == Self.outbound }.count == sent)
            let received = directions.filter { $0 == Self.inbound }.count
            let rx = log.events.filter {
                guard $0.host == h, case .skbAlloc(_, .rx) = $0.payload else { return false }
                return true
            }.count
            // A host with one linked device receives everything on it.
            if log.hosts[Int(h)].links.filter({ !$0.isEmpty }).count == 1, !log.hosts[Int(h)].links[Int(d)].isEmpty {
                #expect(received == rx, "\(log.hosts[Int(h)].name)/\(log.deviceName(host: h, ifindex: d))")
            } else {
                #expect(received <= rx)
            }
        }
    }

    /// A connect to 127.0.0.1 is on lo, as `tcpdump -i lo` shows it.
    @Test func theLoopbackHandshakeIsOnLo() throws {
        let rows = try Self.withCapture(Fixture.log("loopback")) {
            try Self.analyse($0, fields: ["frame.interface_name", "tcp.flags.str"]).rows.map { $0.map { $0.filter { $0 != "\u{00B7}" } } }
        }
        #expect(rows.map { $0.first ?? "" } == ["box/lo", "box/lo", "box/lo"])
        #expect(rows.map { $0.last ?? "" } == ["S", "AS", "A"])
    }

    @Test func aDeviceNeedsItsHostAndMustExist() throws {
        let log = Fixture.cold
        #expect(throws: ExportError.self) { try TraceExport.render(log, format: .pcap, options: Fixture.filter(EventFilter(device: 2))) }
        #expect(throws: ExportError.self) { try TraceExport.render(log, format: .pcap, options: Fixture.filter(EventFilter(host: 0, device: 9))) }
        #expect(throws: ExportError.self) { try EventFilter.device(named: "eth7", host: 0, in: log) }
        #expect(try EventFilter.device(named: "eth0", host: 0, in: log) == 2)
    }
}
