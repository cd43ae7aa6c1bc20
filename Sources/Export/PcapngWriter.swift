import Tracing

/// pcapng (the IETF draft "PCAP Next Generation Dump File Format"): one
/// section, an Interface Description Block per device of the hosts in the
/// capture, named `host/device` (`router/eth1`), and an Enhanced Packet
/// Block per frame, on the interface of the device that put it on the wire,
/// with the outbound direction flag and a comment naming the driver function
/// that did (`simnic_start_xmit`, `loopback_xmit`).
///
/// Each frame appears once: a capture of every host shows it where it was
/// sent, so a frame forwarded by a router is two packets on two interfaces,
/// not a retransmission on one. A `--host` capture adds the frames the host
/// received, inbound on the device that received them; `--device` keeps one
/// interface. Timestamps are nanoseconds (if_tsresol 9), virtual time.
struct PcapngWriter: TraceWriter {
    let log: TraceLog
    private let host: UInt8?
    private let delivery: FrameDelivery?
    /// The interfaces, in block order: (host, ifindex).
    private let interfaces: [FrameDelivery.Delivery]

    static let linktypeEthernet: UInt16 = 1
    static let snaplen: UInt32 = 262_144

    init(log: TraceLog, filter: EventFilter) {
        self.log = log
        host = filter.host
        delivery = filter.host.map { _ in FrameDelivery(log) }
        var interfaces: [FrameDelivery.Delivery] = []
        for (h, info) in log.hosts.enumerated() where filter.host == nil || filter.host == UInt8(h) {
            for d in info.devices.indices.dropFirst() where filter.device == nil || filter.device == UInt32(d) {
                interfaces.append(.init(host: UInt8(h), ifindex: d))
            }
        }
        self.interfaces = interfaces
    }

    func header(into out: inout OutputBuffer) {
        // Section Header Block: byte-order magic, version 1.0, section length unknown.
        var shb = Block(type: 0x0A0D_0D0A)
        shb.append(UInt32(0x1A2B_3C4D))
        shb.append(UInt16(1))
        shb.append(UInt16(0))
        shb.append(Int64(-1))
        shb.option(4, Array("kpath \(log.scenario) (seed \(log.seed), virtual time)".utf8))   // shb_userappl
        shb.write(into: &out)
        for i in interfaces {
            var idb = Block(type: 1)
            idb.append(Self.linktypeEthernet)
            idb.append(UInt16(0))
            idb.append(Self.snaplen)
            idb.option(2, Array("\(log.hosts[Int(i.host)].name)/\(log.deviceName(host: i.host, ifindex: UInt32(i.ifindex)))".utf8))  // if_name
            let links = log.hosts[Int(i.host)].links
            let link = i.ifindex < links.count ? links[i.ifindex] : ""
            if !link.isEmpty { idb.option(3, Array("link \(link)".utf8)) }   // if_description
            idb.option(9, [9])   // if_tsresol: 10^-9 s
            idb.write(into: &out)
        }
    }

    func event(_ e: Event, index: Int, into out: inout OutputBuffer) {
        guard e.kind == .frame, case .frame(let packet, let ifindex) = e.payload else { return }
        let outbound = host == nil || e.host == host
        let device: FrameDelivery.Delivery
        if outbound {
            device = .init(host: e.host, ifindex: Int(ifindex))
        } else {
            guard let d = delivery?.deliveries(of: e, in: log).first(where: { $0.host == host }) else { return }
            device = d
        }
        guard let interface = interfaces.firstIndex(of: device) else { return }
        let frame = log.packets[packet]
        let captured = min(frame.count, Int(Self.snaplen))
        var epb = Block(type: 6)
        epb.append(UInt32(interface))
        epb.append(UInt32(truncatingIfNeeded: e.time >> 32))
        epb.append(UInt32(truncatingIfNeeded: e.time))
        epb.append(UInt32(captured))
        epb.append(UInt32(frame.count))
        epb.bytes += frame.prefix(captured)
        epb.pad()
        // epb_flags: bits 0-1 direction (1 inbound, 2 outbound), bits 2-4 reception type.
        let broadcast = frame.count >= 6 && frame.prefix(6).allSatisfy { $0 == 0xff }
        var flags: UInt32 = outbound ? 2 : 1
        if !outbound { flags |= (broadcast ? 3 : 1) << 2 }
        epb.option(2, withUnsafeBytes(of: flags.littleEndian, Array.init))
        if let fn = Self.transmitter(ofFrameAt: index, in: log) {
            epb.option(1, Array("\(fn.name) put it on the wire".utf8))   // opt_comment
        }
        epb.write(into: &out)
    }

    func footer(into out: inout OutputBuffer) {}

    /// The function the frame event at `index` was emitted in: the innermost
    /// span open in its host and context (the driver's ndo_start_xmit).
    static func transmitter(ofFrameAt index: Int, in log: TraceLog) -> Fn? {
        let frame = log.events[index]
        guard frame.depth > 0 else { return nil }
        var i = index - 1
        while i >= 0 {
            let e = log.events[i]
            if e.kind == .enter, e.host == frame.host, e.context == frame.context, e.depth == frame.depth - 1 {
                return e.function
            }
            i -= 1
        }
        return nil
    }

    /// One block being built: its body, then written with both total lengths.
    private struct Block {
        let type: UInt32
        var bytes: [UInt8] = []
        var hasOptions = false

        init(type: UInt32) { self.type = type }

        mutating func append<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
        }

        mutating func pad() {
            while bytes.count % 4 != 0 { bytes.append(0) }
        }

        /// An option: code, length, value padded to 32 bits.
        mutating func option(_ code: UInt16, _ value: [UInt8]) {
            hasOptions = true
            append(code)
            append(UInt16(value.count))
            bytes += value
            pad()
        }

        func write(into out: inout OutputBuffer) {
            let total = UInt32(12 + bytes.count + (hasOptions ? 4 : 0))
            out.appendLittleEndian(type)
            out.appendLittleEndian(total)
            out.append(bytes: bytes)
            if hasOptions { out.appendLittleEndian(UInt32(0)) }   // opt_endofopt
            out.appendLittleEndian(total)
        }
    }
}
