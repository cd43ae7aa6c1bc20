/// The little JSON the writers need, written by hand so field order is
/// fixed and the output is byte-stable for goldens.
enum JSONText {
    /// `s` as a JSON string literal, quotes included.
    static func string(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
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
