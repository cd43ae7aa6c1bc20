import Scenarios
import Tracing

/// Reading facts out of a log, for tests: what a student would look for.
extension TraceLog {
    var payloads: [Payload] { events.map(\.payload) }

    /// Function names in the order they were entered.
    var calls: [String] { events.compactMap { if case .enter(let fn, _) = $0.payload { fn.name } else { nil } } }

    var frames: [[UInt8]] {
        events.compactMap { if case .frame(let p, _) = $0.payload { Array(packets[p]) } else { nil } }
    }

    func host(_ name: String) -> UInt8 { UInt8(hosts.firstIndex { $0.name == name }!) }

    /// The sequence "calls" where an indirect call is written as its pointer
    /// expression followed by the target (the seed's notation).
    var seedSteps: [String] {
        events.compactMap {
            switch $0.payload {
            case .enter(let fn, _): fn.name
            case .indirectCall(let p, _): p.description
            default: nil
            }
        }
    }
}

func builtInLog(_ name: String) -> TraceLog { Scenario.named(name)!.log() }

/// Big-endian reads, written here again on purpose: the tests check the
/// model's bytes without the model's code.
extension Array where Element == UInt8 {
    func u16(_ o: Int) -> Int { Int(self[o]) << 8 | Int(self[o + 1]) }
    func u32(_ o: Int) -> UInt32 { UInt32(self[o]) << 24 | UInt32(self[o + 1]) << 16 | UInt32(self[o + 2]) << 8 | UInt32(self[o + 3]) }
}

/// RFC 1071, independently of the kernel model's csum_fold.
func internetChecksum(_ words: [UInt8]) -> UInt16 {
    var sum: UInt32 = 0
    var i = 0
    while i + 1 < words.count { sum += UInt32(words[i]) << 8 | UInt32(words[i + 1]); i += 2 }
    if i < words.count { sum += UInt32(words[i]) << 8 }
    while sum > 0xffff { sum = (sum & 0xffff) + (sum >> 16) }
    return ~UInt16(sum)
}

extension TraceLog {
    /// Every TCP segment's bytes as the skb held them when snapshotted
    /// (frames on a wire and packets that never leave the host, as on lo),
    /// from the TCP header on.
    var tcpSegmentSnapshots: [[UInt8]] {
        events.compactMap { e -> [UInt8]? in
            guard case .skbData(let p) = e.payload else { return nil }
            let b = Array(packets[p])
            let ip = b.count > 14 && b.u16(12) == 0x0800 ? 14 : 0
            guard b.count >= ip + 40, b[ip] >> 4 == 4, b[ip + 9] == 6 else { return nil }
            return Array(b[(ip + Int(b[ip] & 0x0f) * 4)...])
        }
    }
}

/// The MSS option of a TCP header, if it carries one.
func tcpMSS(_ tcp: [UInt8]) -> Int? {
    var i = 20
    while i < min(Int(tcp[12] >> 4) * 4, tcp.count) {
        switch tcp[i] {
        case 0: return nil
        case 1: i += 1
        case 2: return tcp.u16(i + 2)
        default: i += max(Int(tcp[i + 1]), 2)
        }
    }
    return nil
}
