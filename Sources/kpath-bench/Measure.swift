#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock seconds taken by `body` (ContinuousClock: monotonic).
func timed<T>(_ body: () throws -> T) rethrows -> (seconds: Double, value: T) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try body()
    return (seconds(start.duration(to: clock.now)), value)
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// The process's resident memory, from /proc/self/status (Linux), with
/// getrusage's ru_maxrss as the fallback for the peak.
enum Memory {
    /// VmRSS in bytes.
    static var resident: Int { status("VmRSS") ?? 0 }

    /// VmHWM (peak resident) in bytes since the last ``resetPeak()``.
    static var peak: Int {
        if let hwm = status("VmHWM") { return hwm }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }

    /// Makes VmHWM start again from the current RSS (writing 5 to
    /// /proc/self/clear_refs, Linux 4.0+). Returns false where that is not
    /// possible: the peak is then the process's peak so far.
    @discardableResult
    static func resetPeak() -> Bool {
        guard let f = fopen("/proc/self/clear_refs", "w") else { return false }
        defer { fclose(f) }
        return fputs("5", f) >= 0
    }

    private static func status(_ field: String) -> Int? {
        guard let f = fopen("/proc/self/status", "r") else { return nil }
        defer { fclose(f) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), f) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard text.hasPrefix(field + ":") else { continue }
            let digits = text.dropFirst(field.count + 1).filter(\.isNumber)
            return Int(digits).map { $0 * 1024 }  // the kernel prints kB
        }
        return nil
    }
}

func mb(_ bytes: Int) -> Double { Double(bytes) / 1_048_576 }
