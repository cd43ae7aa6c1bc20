#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's lines, one at a time, in one reused buffer: reading a trace of
/// any length holds one line of it in memory.
final class LineReader {
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0

    /// - Throws: ``RecordedTraceError`` naming the file when it cannot be opened.
    init(path: String) throws {
        guard let f = fopen(path, "r") else {
            let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
            throw RecordedTraceError(file: path, line: nil, message: reason)
        }
        file = f
    }

    deinit {
        free(buffer)
        fclose(file)
    }

    /// The next line's bytes without its newline, valid until the next call; nil at the end.
    func next() -> UnsafeBufferPointer<UInt8>? {
        let n = getline(&buffer, &capacity, file)
        if n < 0 { return nil }
        var length = n
        while length > 0, buffer![length - 1] == 0x0a || buffer![length - 1] == 0x0d { length -= 1 }
        return UnsafeBufferPointer(start: UnsafeRawPointer(buffer!).assumingMemoryBound(to: UInt8.self), count: length)
    }

    /// The remaining lines as strings, for readers that take a sequence.
    var strings: AnySequence<String> {
        AnySequence { AnyIterator { self.next().map { String(decoding: $0, as: UTF8.self) } } }
    }
}

/// A recorded trace that cannot be read: `FILE:LINE: what was expected`.
public struct RecordedTraceError: Error, CustomStringConvertible, Equatable {
    public let file: String
    /// 1-based; nil when the file as a whole is at fault.
    public let line: Int?
    public let message: String
    public init(file: String, line: Int?, message: String) {
        self.file = file; self.line = line; self.message = message
    }
    public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}
