/// One protocol layer of a packet, decoded for the packet pane.
public struct PacketLayer: Equatable, Sendable {
    public var name: String
    /// One line per field group, already formatted.
    public var lines: [String]
    /// Bytes this layer occupies (header only).
    public var length: Int
}

/// Decodes the bytes the model stores (Ethernet, ARP, IPv4, ICMP, TCP) into layers
/// and one-line summaries. A snapshot may start at any layer (the TCP header
/// before IP is pushed, the IP packet before the link header), so the start
/// is recognised from the bytes.
public enum PacketDecoder {
    public static func layers<C: Collection>(_ bytes: C) -> [PacketLayer] where C.Element == UInt8 {
        let b = Array(bytes)
        var out: [PacketLayer] = []
        var at = 0
        var next = guessStart(b)
        while at < b.count, let kind = next {
            switch kind {
            case .ethernet:
                guard b.count - at >= 14 else { return out }
                let type = u16(b, at + 12)
                out.append(PacketLayer(name: "Ethernet", lines: [
                    "\(mac(b, at + 6)) → \(mac(b, at))\(isBroadcast(b, at) ? " (broadcast)" : "")",
                    "type 0x\(hex(type, 4)) (\(type == 0x0806 ? "ARP" : type == 0x0800 ? "IPv4" : "?"))",
                ], length: 14))
                at += 14
                next = type == 0x0806 ? .arp : type == 0x0800 ? .ipv4 : nil
            case .arp:
                guard b.count - at >= 28 else { return out }
                let op = u16(b, at + 6)
                out.append(PacketLayer(name: "ARP", lines: [
                    op == 1 ? "request: who has \(ip(b, at + 24))? tell \(ip(b, at + 14))"
                        : op == 2 ? "reply: \(ip(b, at + 14)) is at \(mac(b, at + 8))" : arpUnwritten(op),
                    "sender \(mac(b, at + 8)) \(ip(b, at + 14))",
                    "target \(mac(b, at + 18)) \(ip(b, at + 24))",
                ], length: 28))
                at += 28
                next = nil
            case .ipv4:
                guard b.count - at >= 20 else { return out }
                let ihl = Int(b[at] & 0x0f) * 4
                let flags = u16(b, at + 6)
                let proto = b[at + 9]
                out.append(PacketLayer(name: "IPv4", lines: [
                    "\(ip(b, at + 12)) → \(ip(b, at + 16))  proto \(proto == 6 ? "TCP" : proto == 1 ? "ICMP" : String(proto))",
                    "len \(u16(b, at + 2))  id \(u16(b, at + 4))  ttl \(b[at + 8])\(flags & 0x4000 != 0 ? "  DF" : "")  csum 0x\(hex(u16(b, at + 10), 4))",
                ], length: max(20, ihl)))
                at += max(20, ihl)
                next = proto == 6 ? .tcp : proto == 1 ? .icmp : nil
            case .icmp:
                guard b.count - at >= 8 else { return out }
                var lines = [icmpName(b[at], b[at + 1]) + "  (type \(b[at]) code \(b[at + 1]))"]
                // An error quotes the offending packet's IP header and first 8 bytes.
                let q = at + 8
                if b[at] == 3 || b[at] == 11, b.count - q >= 20, b[q] >> 4 == 4 {
                    let qihl = max(20, Int(b[q] & 0x0f) * 4)
                    var quoted = "quotes: \(ip(b, q + 12)) → \(ip(b, q + 16))"
                    if b[q + 9] == 6, b.count - q >= qihl + 4 {
                        quoted = "quotes: TCP \(ip(b, q + 12)):\(u16(b, q + qihl)) → \(ip(b, q + 16)):\(u16(b, q + qihl + 2))"
                    }
                    lines.append(quoted)
                }
                out.append(PacketLayer(name: "ICMP", lines: lines, length: 8))
                at = b.count
                next = nil
            case .tcp:
                guard b.count - at >= 20 else { return out }
                let off = Int(b[at + 12] >> 4) * 4
                var lines = [
                    "port \(u16(b, at)) → \(u16(b, at + 2))  [\(tcpFlags(b[at + 13]).joined(separator: ","))]",
                    "seq \(u32(b, at + 4))  ack \(u32(b, at + 8))  win \(u16(b, at + 14))",
                ]
                let opts = tcpOptions(b, from: at + 20, to: min(b.count, at + off))
                if !opts.isEmpty { lines.append("options: " + opts.joined(separator: ", ")) }
                out.append(PacketLayer(name: "TCP", lines: lines, length: max(20, off)))
                at += max(20, off)
                next = nil
            }
        }
        return out
    }

    /// The headers a one-line name needs, read once for both lines below.
    struct Headers {
        var etherType: UInt16?
        var arp: (op: UInt16, sender: String, senderMAC: String, target: String)?
        var ip: (src: String, dst: String, proto: UInt8)?
        var icmp: (type: UInt8, code: UInt8)?
        var tcp: (sport: UInt16, dport: UInt16, seq: UInt32, ack: UInt32, flags: UInt8, win: UInt16)?
        var count = 0
    }

    static func headers(_ b: [UInt8]) -> Headers {
        var h = Headers(count: b.count)
        var at = 0
        var kind = guessStart(b)
        if kind == .ethernet {
            let type = u16(b, 12)
            h.etherType = type
            at = 14
            kind = type == 0x0806 ? .arp : type == 0x0800 ? .ipv4 : nil
        }
        if kind == .arp, b.count - at >= 28 {
            h.arp = (u16(b, at + 6), ip(b, at + 14), mac(b, at + 8), ip(b, at + 24))
        }
        if kind == .ipv4, b.count - at >= 20 {
            let ihl = max(20, Int(b[at] & 0x0f) * 4), proto = b[at + 9]
            h.ip = (ip(b, at + 12), ip(b, at + 16), proto)
            at += ihl
            kind = proto == 6 ? .tcp : proto == 1 ? .icmp : nil
        }
        if kind == .icmp, h.ip != nil, b.count - at >= 2 { h.icmp = (b[at], b[at + 1]) }
        if kind == .tcp, b.count - at >= 20 {
            h.tcp = (u16(b, at), u16(b, at + 2), u32(b, at + 4), u32(b, at + 8), b[at + 13], u16(b, at + 14))
        }
        return h
    }

    /// An ARP body that is neither a request nor a reply: arp_create pushes
    /// the Ethernet header (a snapshot at eth_header) before it writes the body.
    static func arpUnwritten(_ op: UInt16) -> String {
        op == 0 ? "body not written yet (opcode 0)" : "opcode \(op)"
    }

    /// One line for the wire ladder and the tree: "ARP who-has 10.0.0.2", "SYN".
    public static func summary<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let h = headers(Array(bytes))
        if let a = h.arp {
            return a.op == 1 ? "ARP who-has \(a.target) tell \(a.sender)"
                : a.op == 2 ? "ARP \(a.sender) is-at \(a.senderMAC)" : "ARP " + arpUnwritten(a.op)
        }
        if let i = h.icmp { return "ICMP " + icmpName(i.type, i.code) }
        if let t = h.tcp { return tcpName(t.flags) + " seq \(t.seq)" + (t.flags & 0x10 != 0 ? " ack \(t.ack)" : "") }
        if let ip = h.ip { return "IPv4 \(ip.src) → \(ip.dst)" }
        return "\(h.count) bytes"
    }

    /// One line as tcpdump prints a frame, for the exports: the same
    /// headers as ``summary(_:)`` and the same names for ICMP messages.
    public static func tcpdumpLine<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let h = headers(Array(bytes))
        if let a = h.arp {
            return a.op == 1 ? "ARP, Request who-has \(a.target) tell \(a.sender)" : "ARP, Reply \(a.sender) is-at \(a.senderMAC)"
        }
        if let ip = h.ip, let t = h.tcp {
            let names = [(0x02, "S"), (0x01, "F"), (0x04, "R"), (0x08, "P"), (0x10, ".")]
                .filter { Int(t.flags) & $0.0 != 0 }.map(\.1).joined()
            return "IP \(ip.src).\(t.sport) > \(ip.dst).\(t.dport): Flags [\(names)], seq \(t.seq)"
                + (t.flags & 0x10 != 0 ? ", ack \(t.ack)" : "") + ", win \(t.win)"
        }
        if let ip = h.ip, let i = h.icmp { return "IP \(ip.src) > \(ip.dst): ICMP \(icmpName(i.type, i.code))" }
        if let ip = h.ip { return "IP \(ip.src) > \(ip.dst): proto \(ip.proto)" }
        if let type = h.etherType { return "ethertype 0x\(String(type, radix: 16))" }
        return "runt (\(h.count) bytes)"
    }

    /// `xxd`-like rows: offset, up to `perRow` bytes in hex, then ASCII.
    public static func hexDump(_ bytes: ArraySlice<UInt8>, perRow: Int = 16) -> [String] {
        let b = Array(bytes)
        return stride(from: 0, to: b.count, by: perRow).map { start in
            let row = b[start..<min(b.count, start + perRow)]
            let hexPart = row.map { hex(UInt16($0), 2) }.joined(separator: " ")
            let pad = String(repeating: " ", count: (perRow - row.count) * 3)
            let text = String(row.map { $0 >= 0x20 && $0 < 0x7f ? Character(Unicode.Scalar($0)) : "." })
            return "\(hex(UInt16(start), 4))  \(hexPart)\(pad)  \(text)"
        }
    }

    // MARK: - Helpers

    private enum Start { case ethernet, arp, ipv4, icmp, tcp }

    /// The ICMP messages the connect path meets, by type and code.
    static func icmpName(_ type: UInt8, _ code: UInt8) -> String {
        switch (type, code) {
        case (3, 0): "net unreachable"
        case (3, 1): "host unreachable"
        case (3, 3): "port unreachable"
        case (3, _): "destination unreachable"
        case (11, _): "time exceeded"
        case (0, _): "echo reply"
        case (8, _): "echo request"
        default: "type \(type)"
        }
    }

    private static func guessStart(_ b: [UInt8]) -> Start? {
        if b.count >= 14, [0x0800, 0x0806].contains(u16(b, 12)) { return .ethernet }
        if b.count >= 20, b[0] >> 4 == 4, b[0] & 0x0f >= 5 { return .ipv4 }
        if b.count >= 28, u16(b, 0) == 1, u16(b, 2) == 0x0800 { return .arp }
        if b.count >= 20, b[12] >> 4 >= 5 { return .tcp }
        return nil
    }

    /// The handshake names a student knows, else the flag list.
    static func tcpName(_ flags: UInt8) -> String {
        switch flags & 0x3f {
        case 0x02: "SYN"
        case 0x12: "SYN-ACK"
        case 0x10: "ACK"
        case 0x04, 0x14: "RST"
        default: tcpFlags(flags).joined(separator: ",")
        }
    }

    static func tcpFlags(_ f: UInt8) -> [String] {
        let names = ["FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"]
        return (0..<8).filter { f & (1 << $0) != 0 }.map { names[$0] }
    }

    static func tcpOptions(_ b: [UInt8], from: Int, to: Int) -> [String] {
        var out: [String] = []
        var i = from
        while i < to {
            let kind = b[i]
            if kind == 0 { break }
            if kind == 1 { out.append("NOP"); i += 1; continue }
            guard i + 1 < to else { break }
            let len = Int(b[i + 1])
            guard len >= 2, i + len <= to else { break }
            switch kind {
            case 2 where len == 4: out.append("MSS \(u16(b, i + 2))")
            case 3 where len == 3: out.append("WS \(b[i + 2])")
            case 4: out.append("SACK_PERM")
            case 8 where len == 10: out.append("TS val \(u32(b, i + 2)) ecr \(u32(b, i + 6))")
            default: out.append("opt\(kind)")
            }
            i += len
        }
        return out
    }

    static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b.be(i, 2)) }
    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 { b.be(i, 4) }
    static func ip(_ b: [UInt8], _ i: Int) -> String { IPv4.string(u32(b, i)) }
    static func mac(_ b: [UInt8], _ i: Int) -> String { mac(b[i..<i + 6]) }
    /// "02:00:00:00:00:01".
    public static func mac<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        bytes.map { hex(UInt16($0), 2) }.joined(separator: ":")
    }
    static func isBroadcast(_ b: [UInt8], _ i: Int) -> Bool { b[i..<i + 6].allSatisfy { $0 == 0xff } }
    static func hex(_ v: UInt16, _ width: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
