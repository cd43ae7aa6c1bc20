/// The little JSON the writers need, written by hand so field order is
/// fixed and the output is byte-stable for goldens.
enum JSONText {
    /// `s` as a JSON string literal, quotes included.
    static func string(_ s: String) -> String {
        var out = OutputBuffer(capacity: s.utf8.count + 2)
        append(s, to: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Writes `s` as a JSON string literal, quotes included: `"`, `\` and the
    /// control characters escaped, everything else as it is.
    static func append(_ s: String, to out: inout OutputBuffer) {
        var s = s
        out.append(UInt8(ascii: "\""))
        s.withUTF8 { utf8 in
            var clean = 0  // bytes since the last escape, copied in one go
            for (i, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(bytes: UnsafeBufferPointer(rebasing: utf8[clean ..< i]))
                clean = i + 1
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
                case UInt8(ascii: "\n"): out.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): out.append(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): out.append(UInt8(ascii: "t"))
                default:
                    out += byte < 0x10 ? "u000" : "u00"
                    out.appendHex(UInt64(byte))
                }
            }
            out.append(bytes: UnsafeBufferPointer(rebasing: utf8[clean...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Nanoseconds as microseconds with three decimals, written straight into `out`.
    static func appendMicros(_ ns: UInt64, to out: inout OutputBuffer) {
        out.appendDecimal(ns / 1000)
        out.append(UInt8(ascii: "."))
        out.appendDecimal(ns % 1000, digits: 3)
    }

    /// Bytes as lowercase hex, two digits each.
    static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Nanoseconds as microseconds with three decimals: Chrome's `ts` unit, exact.
    static func micros(_ ns: UInt64) -> String {
        let rem = String(ns % 1000)
        return "\(ns / 1000).\(String(repeating: "0", count: 3 - rem.count))\(rem)"
    }
}
