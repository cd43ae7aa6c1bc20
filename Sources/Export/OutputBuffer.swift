/// The bytes a writer has produced since the last flush.
///
/// Writers append text or binary here; ``TraceExport`` hands the buffer to
/// the caller's sink whenever it passes ``chunkSize``, so memory stays at one
/// chunk however long the log is. Bytes, not `String`, so pcap stays exact.
public struct OutputBuffer {
    /// About how much a sink receives per call.
    public static let chunkSize = 1 << 16

    public internal(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(Self.chunkSize + 4096) }

    var isFull: Bool { bytes.count >= Self.chunkSize }

    mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func append<C: Collection>(bytes more: C) where C.Element == UInt8 {
        bytes.append(contentsOf: more)
    }

    /// A little-endian unsigned integer (pcap's native order as we write it).
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { bytes.append(contentsOf: $0) }
    }

    static func += (lhs: inout OutputBuffer, rhs: String) { lhs.append(rhs) }

    /// Hands the bytes to `sink` and empties the buffer, keeping its capacity.
    mutating func flush(to sink: (UnsafeRawBufferPointer) -> Void) {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes(sink)
        bytes.removeAll(keepingCapacity: true)
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
