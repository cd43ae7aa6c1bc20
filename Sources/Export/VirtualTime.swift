/// Virtual-time values for `--from` and `--to`.
///
/// A number with a unit — `ns`, `us` (or `µs`), `ms`, `s` — or a bare number
/// in seconds, the unit of ftrace's TIME column, so a time copied from an
/// ftrace export (`0.000206`) means what it says there.
public enum VirtualTime {
    /// Nanoseconds since the start of the run, or nil if `text` is not a time.
    public static func parse(_ text: String) -> UInt64? {
        let units: [(String, Double)] = [("ns", 1), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9)]
        let t = text.trimmingCharacters(in: " ")
        var number = Substring(t), scale = 1e9
        for (suffix, s) in units where t.hasSuffix(suffix) {
            number = t.dropLast(suffix.count); scale = s
            break
        }
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              number.filter({ $0 == "." }).count <= 1, let value = Double(number), value.isFinite
        else { return nil }
        let ns = (value * scale).rounded()
        return ns < 1.8e19 ? UInt64(ns) : nil
    }

    /// Seconds with nine decimals: exact, and readable back by ``parse(_:)``.
    public static func format(_ ns: UInt64) -> String {
        let frac = String(ns % 1_000_000_000)
        return "\(ns / 1_000_000_000).\(String(repeating: "0", count: 9 - frac.count))\(frac)"
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
