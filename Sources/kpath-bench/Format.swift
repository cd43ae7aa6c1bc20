#if canImport(Glibc)
import Glibc
#endif

/// `x` with `decimals` digits after the point (no Foundation needed).
func fixed(_ x: Double, _ decimals: Int) -> String {
    guard x.isFinite else { return "n/a" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let n = (abs(x) * scale).rounded()
    let whole = Int(n / scale), frac = Int(n - Double(whole) * scale)
    let sign = x < 0 && n != 0 ? "-" : ""
    guard decimals > 0 else { return sign + grouped(whole) }
    let digits = String(frac)
    return sign + grouped(whole) + "." + String(repeating: "0", count: decimals - digits.count) + digits
}

/// 1234567 → "1,234,567".
func grouped(_ n: Int) -> String {
    let s = String(n.magnitude)
    var out = ""
    for (i, c) in s.enumerated() {
        if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return (n < 0 ? "-" : "") + out
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
    func rightPadded(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        var bytes = Array(string.utf8)
        _ = Glibc.write(2, &bytes, bytes.count)
    }
}
