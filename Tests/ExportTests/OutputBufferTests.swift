@testable import Export
import Tracing
import Testing

/// The number formatting the text writers do by hand, held against Swift's own.
@Suite struct OutputBufferTests {
    static let values: [UInt64] = [0, 1, 9, 10, 99, 100, 999, 1000, 12_345, 999_999, 1_000_000, 10_000_001,
                                   123_456_789_012, 9_999_999_999_999_999_999, .max]

    private func text(_ write: (inout OutputBuffer) -> Void) -> String {
        var out = OutputBuffer()
        write(&out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    @Test func decimalsMatchSwift() {
        for v in Self.values {
            #expect(text { $0.appendDecimal(v) } == String(v))
            #expect(OutputBuffer.decimalDigits(v) == String(v).count)
            let padded = String(repeating: "0", count: max(0, 6 - String(v).count)) + String(v)
            #expect(text { $0.appendDecimal(v, digits: 6) } == padded)
        }
        for v: Int64 in [0, -1, -4095, 42, .min, .max] {
            #expect(text { $0.appendDecimal(v) } == String(v))
        }
    }

    @Test func hexMatchesSwift() {
        for v in Self.values + [0xf, 0x10, 0xdead_beef, 0x8000_0000] {
            #expect(text { $0.appendHex(v) } == String(v, radix: 16))
        }
    }

    @Test func longWritesGrowTheBuffer() {
        let long = String(repeating: "kpath ", count: 40_000)
        #expect(text { $0 += long; $0.appendDecimal(7) } == long + "7")
    }

    @Test func jsonStringsEscapeAsBefore() {
        #expect(JSONText.string("a\"b\\c\nd\re\tf\u{1}g\u{1f}→") == "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001f→\"")
        #expect(JSONText.string("") == "\"\"")
    }
}

/// ftrace's TIME and DURATION columns at sizes the goldens do not reach.
@Suite struct FtraceColumnTests {
    /// The columns as the String-based writer spelt them before it wrote bytes.
    private func reference(time ns: UInt64, duration d: UInt64) -> String {
        let us = ns / 1000, frac = String(us % 1_000_000)
        let t = "\(us / 1_000_000).\(String(repeating: "0", count: 6 - frac.count))\(frac)"
        let mark: Character = switch d {
        case 1_000_000_001...: "$"
        case 100_000_001...: "@"
        case 10_000_001...: "*"
        case 1_000_001...: "#"
        case 100_001...: "!"
        case 10_001...: "+"
        default: " "
        }
        var s = String(d / 1000)
        if s.count < 7 {
            let rem = String(d % 1000)
            s += "." + (String(repeating: "0", count: 3 - rem.count) + rem).prefix(7 - s.count)
        }
        let usecs = s + " us " + String(repeating: " ", count: max(0, 8 - s.count))
        return String(repeating: " ", count: max(0, 12 - t.count)) + t + " |   0)   connect-0    | \(mark) " + usecs
            + "|  tcp_connect();"
    }

    @Test func timesAndDurationsMatchTheReference() throws {
        var log = TraceLog(scenario: "columns", seed: 1, hosts: [HostInfo(name: "h", devices: [])])
        let durations: [UInt64] = [0, 7, 999, 1000, 10_001, 100_001, 1_234_567, 12_345_678, 999_999_999,
                                   1_000_000_001, 12_345_678_901, 99_999_999_999_999]
        var t: UInt64 = 0
        var expected: [String] = []
        for d in durations {
            log.append(Event(time: t, kind: .enter, host: 0, context: .process, depth: 0, code: Fn.tcp_connect.rawValue))
            log.append(Event(time: t + d, kind: .exit, host: 0, context: .process, depth: 0, code: Fn.tcp_connect.rawValue,
                             arg: UInt32(bitPattern: Event.voidReturn)))
            expected.append(reference(time: t + d, duration: d))
            t = t * 7 + d + 123_456_789
        }
        let lines = try TraceExport.renderText(log, format: .ftrace).split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.count == durations.count)
        for (line, want) in zip(lines, expected) { #expect(String(line) == want) }
    }
}
