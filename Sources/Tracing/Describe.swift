/// One-line descriptions of events, shared by every text view so that the
/// screen and the exports say the same thing in the same words.

/// Virtual time as ftrace prints it: seconds with microseconds ("0.000105").
public func secondsText(_ ns: UInt64) -> String {
    let us = ns / 1000
    let frac = String(us % 1_000_000)
    return "\(us / 1_000_000).\(String(repeating: "0", count: 6 - frac.count))\(frac)"
}

/// A return value as a kernel reader thinks of it: `0`, `1`, `-EHOSTUNREACH`
/// (errno names where the function returns errnos); nil for void.
public func returnText(_ ret: Int32, of fn: Fn) -> String? {
    if ret == Event.voidReturn { return nil }
    return fn.returnsErrno ? Errno.name(ret) ?? String(ret) : String(ret)
}

extension TraceLog {
    /// The device name for an ifindex on the event's host.
    public func deviceName(host: UInt8, ifindex: UInt32) -> String {
        let devs = Int(host) < hosts.count ? hosts[Int(host)].devices : []
        return Int(ifindex) < devs.count && !devs[Int(ifindex)].isEmpty ? devs[Int(ifindex)] : "if\(ifindex)"
    }

    /// A sentence for a teaching moment or other non-span event; nil for spans.
    public func describe(_ e: Event) -> String? {
        switch e.payload {
        case .enter, .exit, .indirectCall:
            return nil
        case .branch(_, let b):
            return "because " + b.explanation
        case .hookVerdict(let hook, let owner, let priority, let verdict, let decided):
            let who = switch decided {
            case .policy: "policy"
            case .rule(let n): "rule \(n)"
            case .natBinding: "conntrack (the connection's NAT binding)"
            }
            return "\(hook) \(owner) priority \(priority): \(verdict) by \(who)"
        case .hookResult(let hook, let result):
            return "\(hook) result \(result)" + (result == 1 ? ": the okfn runs" : ": the okfn does not run")
        case .neighCreated(let n, let ops, let state, let output):
            return "neighbour \(IPv4.string(n.ip)) dev \(deviceName(host: e.host, ifindex: n.ifindex)) created: \(state), ops \(ops), output \(output.name)"
        case .nudChange(let n, let from, let to, let cause):
            return "neighbour \(IPv4.string(n.ip)): nud_state \(from) → \(to) (\(cause.name))"
        case .outputSwap(let n, let from, let to):
            return "neighbour \(IPv4.string(n.ip)): n->output \(from.name) → \(to.name)"
        case .neighProbes(let n, let probes):
            return "neighbour \(IPv4.string(n.ip)): probes = \(probes)"
        case .hhFilled(let n, let len):
            return "neighbour \(IPv4.string(n.ip)): hh cache filled, hh_len = \(len)"
        case .neighFreed(let n, let cause):
            return "neighbour \(IPv4.string(n.ip)) freed (\(cause.name))"
        case .kernelMessage(.neighTableOverflow, _):
            return "kernel: arp_cache: neighbor table overflow!"
        case .kernelMessage(.iptLog, let packet):
            return "kernel: " + LogLine(packets[packet]).text
        case .kernelMessage(.traceComment, let packet):
            return String(decoding: packets[packet], as: UTF8.self)
        case .skbAlloc(let parent, let kind):
            switch kind {
            case .alloc: return "skb#\(e.skb) allocated"
            case .clone: return "skb#\(e.skb) cloned from skb#\(parent)"
            case .rx: return "skb#\(e.skb) built from a received frame"
            }
        case .skbData:
            return nil
        case .skbQueued(let q, let len, _):
            return "skb#\(e.skb) queued on \(q) (length \(len))"
        case .skbDequeued(let q, let len, _):
            return "skb#\(e.skb) dequeued from \(q) (length \(len))"
        case .skbDropped(let reason, _):
            return "skb#\(e.skb) dropped (kpath's reading: \(reason.explanation))"
        case .skbFreed:
            return "skb#\(e.skb) freed"
        case .skbConsumed:
            return "skb#\(e.skb) consumed by the driver"
        case .frame(let packet, let ifindex):
            let lo = deviceName(host: e.host, ifindex: UInt32(ifindex)) == "lo"
            return "frame on \(lo ? "lo" : "the wire"): \(PacketDecoder.tcpdumpLine(packets[packet]))"
        case .timerArmed(let handler, let object, let expires):
            let ms = Int32(bitPattern: expires &- Jiffies.at(e.time))
            return "timer \(handler.name)(\(objectName(handler, object))) armed: expires in \(ms) ms (jiffies \(expires))"
        case .timerFired(let handler, let object):
            return "timer \(handler.name)(\(objectName(handler, object))) fired"
        case .timerCancelled(let handler, let object):
            return "timer \(handler.name)(\(objectName(handler, object))) cancelled"
        case .sockState(let sock, let from, let to):
            return "sock#\(sock): \(from) → \(to)"
        case .wakeup(let sock):
            return "wake up the task waiting on sock#\(sock)"
        case .unknown(let e):
            return "an event this build cannot decode (kind \(e.kind), code \(e.code), aux \(e.aux))"
        }
    }

    private func objectName(_ handler: Fn, _ object: UInt32) -> String {
        handler == .neigh_timer_handler ? IPv4.string(object) : "sock#\(object)"
    }
}

/// The LOG target's line for an IPv4 packet (nf_log_ip_packet's fields).
public struct LogLine {
    public let text: String

    public init<C: Collection>(_ packet: C) where C.Element == UInt8, C.Index == Int {
        let b = Array(packet)
        let be = b.be
        guard b.count >= 20 else { text = "LOG: runt"; return }
        let ihl = Int(b[0] & 0x0f) * 4
        var t = "SRC=\(IPv4.string(be(12, 4))) DST=\(IPv4.string(be(16, 4))) LEN=\(be(2, 2)) TOS=0x\(String(format2: b[1])) TTL=\(b[8]) ID=\(be(4, 2))"
        if be(6, 2) & 0x4000 != 0 { t += " DF" }
        if b[9] == 6, b.count >= ihl + 14 {
            t += " PROTO=TCP SPT=\(be(ihl, 2)) DPT=\(be(ihl + 2, 2)) WINDOW=\(be(ihl + 14, 2))"
            let f = b[ihl + 13]
            for (bit, name) in [(0x10, "ACK"), (0x08, "PSH"), (0x04, "RST"), (0x02, "SYN"), (0x01, "FIN")] where Int(f) & bit != 0 {
                t += " " + name
            }
        } else if b[9] == 1, b.count > ihl + 1 {
            t += " PROTO=ICMP TYPE=\(b[ihl]) CODE=\(b[ihl + 1])"
        }
        text = t
    }
}

extension String {
    /// Two lower-case hex digits.
    init(format2 byte: UInt8) { self = (byte < 16 ? "0" : "") + String(byte, radix: 16) }
}
