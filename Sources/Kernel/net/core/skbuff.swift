import Tracing

/// struct sk_buff, reduced to what the connect path reads: real bytes with
/// headroom, the header offsets, and the metadata fields the path sets.
///
/// Mirrors include/linux/skbuff.h and net/core/skbuff.c. Simplified away:
/// fragments, shared info, reference counts and the cloned-data sharing (a
/// clone copies its bytes; the log names its parent).
public final class SKB {
    public let id: UInt32
    /// head..end; `data` is the offset of skb->data.
    private(set) var buf: [UInt8]
    private(set) var data: Int
    var network_header = 0
    var transport_header = 0
    var dev: NetDevice?
    var dst: Rtable?
    var sk: Sock?
    var `protocol`: UInt16 = 0
    var pkt_type: PacketType = .PACKET_HOST
    var priority: UInt32 = 0
    /// TCP_SKB_CB(skb): the sequence space the segment covers.
    var seq: UInt32 = 0
    var end_seq: UInt32 = 0
    var tcp_flags: UInt8 = 0
    /// skb->skb_mstamp (jiffies here): when tcp_transmit_skb last sent a
    /// clone of this queued skb.
    var skb_mstamp: UInt32 = 0
    /// The fast clone sent last (sk_buff_fclones' skb2), kept to answer
    /// skb_fclone_busy: is the copy still somewhere in this host?
    var fclone: SKB?
    /// Set by kfree_skb, consume_skb and a driver's consume: the buffer is gone.
    var freed = false

    init(id: UInt32, headroom: Int, payload: [UInt8] = []) {
        self.id = id
        buf = [UInt8](repeating: 0, count: headroom) + payload
        data = headroom
    }

    /// skb->data .. tail: the bytes as they would leave (or arrived).
    var bytes: ArraySlice<UInt8> { buf[data...] }
    var len: Int { buf.count - data }

    /// The memory charged for the skb: SKB_TRUESIZE of its data.
    var truesize: Int { SKB_TRUESIZE(buf.count) }

    /// skb_push: prepends a header in the headroom.
    func push(_ header: [UInt8]) {
        if data < header.count {  // pskb_expand_head
            let grow = header.count - data
            buf.insert(contentsOf: repeatElement(0, count: grow), at: 0)
            data += grow; network_header += grow; transport_header += grow
        }
        data -= header.count
        buf.replaceSubrange(data..<data + header.count, with: header)
    }

    /// skb_pull: consumes a header from the front.
    func pull(_ n: Int) { data += n }

    func reset_network_header() { network_header = data }
    func reset_transport_header() { transport_header = data }

    /// Reads a big-endian field at `offset` from the network header.
    func ip(_ offset: Int, _ size: Int) -> UInt32 { buf.be(network_header + offset, size) }
    func tcp(_ offset: Int, _ size: Int) -> UInt32 { buf.be(transport_header + offset, size) }

    /// Writes bytes in place at an absolute offset (checksum fields).
    func write(_ value: UInt32, at offset: Int, size: Int) { buf.putBE(value, at: offset, size: size) }

    /// The IPv4 header's bytes, from the network header.
    var iph: ArraySlice<UInt8> { buf[network_header..<network_header + Int(buf[network_header] & 0x0f) * 4] }
    /// Transport header to tail.
    var transport: ArraySlice<UInt8> { buf[transport_header...] }

    /// skb_clone, in this model a copy with a new id.
    func clone(id: UInt32) -> SKB {
        let c = SKB(id: id, headroom: 0)
        c.buf = buf; c.data = data
        c.network_header = network_header; c.transport_header = transport_header
        c.dev = dev; c.dst = dst; c.sk = sk; c.protocol = self.protocol; c.pkt_type = pkt_type
        c.priority = priority; c.seq = seq; c.end_seq = end_seq; c.tcp_flags = tcp_flags
        return c
    }
}

/// skb->pkt_type (include/uapi/linux/if_packet.h).
enum PacketType: UInt8 {
    case PACKET_HOST = 0, PACKET_BROADCAST = 1, PACKET_MULTICAST = 2, PACKET_OTHERHOST = 3
}

/// EtherTypes (include/uapi/linux/if_ether.h).
let ETH_P_IP: UInt16 = 0x0800
let ETH_P_ARP: UInt16 = 0x0806
let ETH_HLEN = 14

extension Net {
    /// alloc_skb with the headroom the caller reserves (MAX_TCP_HEADER, LL_RESERVED_SPACE).
    func alloc_skb(headroom: Int, payload: [UInt8] = [], kind: AllocKind = .alloc) -> SKB {
        let skb = SKB(id: world.nextSkbID(), headroom: headroom, payload: payload)
        note(.skbAlloc(skb.id, parent: 0, kind))
        return skb
    }

    func skb_clone(_ skb: SKB) -> SKB {
        let c = skb.clone(id: world.nextSkbID())
        note(.skbAlloc(c.id, parent: skb.id, .clone))
        return c
    }

    /// Frees an skb that was not used as intended: a drop. 4.9 records no
    /// reason (the caller is the reason); `reason` is kpath's label for the
    /// call site, kept in the log for a reader to explain the drop. 6.1's
    /// drop sites call kfree_skb_reason with that reason as an enum
    /// skb_drop_reason (kfree_skb is an inline passing NOT_SPECIFIED there).
    func kfree_skb(_ skb: SKB, _ reason: DropReason, owner: UInt32 = 0) {
        let fn: Fn = kernel == .v6_1 ? .kfree_skb_reason : .kfree_skb
        spanVoid(fn, skb, arg: kernel == .v6_1 ? UInt32(reason.rawValue) : 0) {
            skb.freed = true
            note(.skbDropped(skb.id, reason, owner: owner))
        }
    }

    /// consume_skb: freed after successful use.
    func consume_skb(_ skb: SKB) {
        skb.freed = true
        note(.skbFreed(skb.id))
    }

    /// skb_fclone_busy (include/linux/skbuff.h): the clone of `skb` sent
    /// last has not been freed and still belongs to `sk` (loopback_xmit
    /// orphans it; a packet parked on arp_queue keeps its owner).
    func skb_fclone_busy(_ sk: Sock, _ skb: SKB) -> Bool {
        guard let clone = skb.fclone else { return false }
        return !clone.freed && clone.sk === sk
    }
}

extension World {
    func nextSkbID() -> UInt32 {
        skbCounter &+= 1
        return skbCounter
    }
}

// MARK: - Big-endian byte writers (the reader, `be`, is in Tracing)

extension Array where Element == UInt8 {
    mutating func putBE(_ value: UInt32, at offset: Int, size: Int) {
        for i in 0..<size { self[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * (size - 1 - i))) }
    }

    mutating func appendBE(_ value: UInt32, size: Int) {
        for i in 0..<size { append(UInt8(truncatingIfNeeded: value >> (8 * (size - 1 - i)))) }
    }
}

/// The Internet checksum (RFC 1071): ones'-complement sum of 16-bit words.
func csum_fold<C: Collection>(_ bytes: C, initial: UInt32 = 0) -> UInt16 where C.Element == UInt8 {
    var sum = initial
    var hi = true, word: UInt32 = 0
    for b in bytes {
        if hi { word = UInt32(b) << 8 } else { sum &+= word | UInt32(b) }
        hi.toggle()
    }
    if !hi { sum &+= word }
    while sum >> 16 != 0 { sum = (sum & 0xffff) &+ (sum >> 16) }
    return ~UInt16(sum)
}

/// The TCP/UDP pseudo-header partial sum (csum_tcpudp_nofold).
func csum_tcpudp_nofold(saddr: UInt32, daddr: UInt32, len: Int, proto: UInt8) -> UInt32 {
    (saddr >> 16) &+ (saddr & 0xffff) &+ (daddr >> 16) &+ (daddr & 0xffff) &+ UInt32(proto) &+ UInt32(len)
}

/// SKB_TRUESIZE(X): X bytes of data plus struct sk_buff and
/// skb_shared_info, 256 + 320 bytes on x86_64.
func SKB_TRUESIZE(_ x: Int) -> Int { x + 576 }
