import Tracing

/// Classic libpcap: every frame of a `.frame` event, stamped with virtual
/// time. The nanosecond variant of the format (magic 0xa1b23c4d), because
/// the model's steps are 100 ns apart and microseconds would make distinct
/// moments look simultaneous; tcpdump and Wireshark read it.
///
/// The link type is LINKTYPE_ETHERNET: the model's NICs put Ethernet II
/// frames on the wire, unpadded (as veth does), with real checksums.
struct PcapWriter: TraceWriter {
    let log: TraceLog
    static let magicNanoseconds: UInt32 = 0xa1b2_3c4d
    static let linktypeEthernet: UInt32 = 1
    static let snaplen: UInt32 = 262_144

    func header(into out: inout OutputBuffer) {
        out.appendLittleEndian(Self.magicNanoseconds)
        out.appendLittleEndian(UInt16(2))      // version_major
        out.appendLittleEndian(UInt16(4))      // version_minor
        out.appendLittleEndian(Int32(0))       // thiszone
        out.appendLittleEndian(UInt32(0))      // sigfigs
        out.appendLittleEndian(Self.snaplen)
        out.appendLittleEndian(Self.linktypeEthernet)
    }

    func event(_ e: Event, index: Int, into out: inout OutputBuffer) {
        // Most events are not frames: look at the kind before decoding anything.
        guard e.kind == .frame, case .frame(let packet, _) = e.payload else { return }
        let frame = log.packets[packet]
        let captured = min(frame.count, Int(Self.snaplen))
        out.appendLittleEndian(UInt32(e.time / 1_000_000_000))
        out.appendLittleEndian(UInt32(e.time % 1_000_000_000))
        out.appendLittleEndian(UInt32(captured))
        out.appendLittleEndian(UInt32(frame.count))
        out.append(bytes: frame.prefix(captured))
    }

    func footer(into out: inout OutputBuffer) {}
}
