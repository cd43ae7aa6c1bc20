/// The bytes a writer has produced since the last flush.
///
/// Writers append text or binary here; ``TraceExport`` hands the buffer to
/// the caller's sink whenever it passes ``chunkSize``, so memory stays at one
/// chunk however long the log is. Bytes, not `String`, so pcap stays exact.
///
/// The writers run once per event of logs of millions of events, so the
/// buffer is plain memory written through a pointer, and numbers are
/// formatted straight into it: building a `String` per field would cost more
/// than everything else an export does.
public struct OutputBuffer: ~Copyable {
    /// About how much a sink receives per call.
    public static let chunkSize = 1 << 16

    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written since the last flush.
    public private(set) var count = 0

    /// Room for a chunk and the longest line that can cross its end.
    init(capacity: Int = chunkSize + 16_384) {
        self.capacity = max(1, capacity)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    /// A copy of the bytes written since the last flush.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: start, count: count)) }

    var isFull: Bool { count >= Self.chunkSize }

    /// Hands the bytes to `sink` and empties the buffer, keeping its memory.
    mutating func flush(to sink: (UnsafeRawBufferPointer) -> Void) {
        guard count > 0 else { return }
        sink(UnsafeRawBufferPointer(start: start, count: count))
        count = 0
    }

    // MARK: - Appending

    /// Makes room for `n` more bytes and returns where they go; the caller writes all `n`.
    @inline(__always)
    private mutating func claim(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        if count + n > capacity { grow(to: count + n) }
        defer { count += n }
        return start + count
    }

    /// A line longer than the slack past ``chunkSize``: rare, so out of line.
    @inline(never)
    private mutating func grow(to needed: Int) {
        let bigger = max(needed, 2 * capacity)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
        moved.update(from: start, count: count)
        start.deallocate()
        start = moved
        capacity = bigger
    }

    mutating func append(_ byte: UInt8) { claim(1).pointee = byte }

    mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { append(bytes: $0) }
    }

    mutating func append(bytes more: UnsafeBufferPointer<UInt8>) {
        guard let base = more.baseAddress else { return }
        claim(more.count).update(from: base, count: more.count)
    }

    mutating func append(bytes more: [UInt8]) {
        more.withUnsafeBufferPointer { append(bytes: $0) }
    }

    mutating func append(bytes more: ArraySlice<UInt8>) {
        more.withUnsafeBufferPointer { append(bytes: $0) }
    }

    mutating func append(repeating byte: UInt8, count n: Int) {
        guard n > 0 else { return }
        claim(n).update(repeating: byte, count: n)
    }

    static func += (lhs: inout OutputBuffer, rhs: String) { lhs.append(rhs) }

    // MARK: - Numbers

    /// `value` in decimal, zero-padded to at least `digits` digits.
    mutating func appendDecimal(_ value: UInt64, digits: Int = 1) {
        let n = max(digits, Self.decimalDigits(value))
        let p = claim(n)
        var v = value
        for i in stride(from: n - 1, through: 0, by: -1) {
            p[i] = UInt8(truncatingIfNeeded: v % 10) &+ UInt8(ascii: "0")
            v /= 10
        }
    }

    /// `value` in decimal, with a `-` when negative.
    mutating func appendDecimal(_ value: Int64) {
        if value < 0 { append(UInt8(ascii: "-")) }
        appendDecimal(value.magnitude)
    }

    /// `value` in lowercase hexadecimal, without leading zeros.
    mutating func appendHex(_ value: UInt64) {
        let n = value == 0 ? 1 : (67 - value.leadingZeroBitCount) / 4
        let p = claim(n)
        var v = value
        for i in stride(from: n - 1, through: 0, by: -1) {
            let digit = UInt8(truncatingIfNeeded: v & 15)
            p[i] = digit < 10 ? digit &+ UInt8(ascii: "0") : digit &- 10 &+ UInt8(ascii: "a")
            v >>= 4
        }
    }

    /// A little-endian unsigned integer (pcap's native order as we write it).
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        let p = claim(MemoryLayout<T>.size)
        UnsafeMutableRawPointer(p).storeBytes(of: value.littleEndian, as: T.self)
    }

    /// How many digits `value` has in decimal.
    static func decimalDigits(_ value: UInt64) -> Int {
        var n = 1, v = value
        while v >= 10 { v /= 10; n += 1 }
        return n
    }
}

/// One export format's writer: a fold over the filtered events that writes
/// as it goes. Formats that summarise (call graphs, NUD diagrams) keep only
/// their counts and write them in ``footer(into:)``.
protocol TraceWriter {
    mutating func header(into out: inout OutputBuffer)
    mutating func event(_ e: Event, index: Int, into out: inout OutputBuffer)
    mutating func footer(into out: inout OutputBuffer)
}

import Tracing
