#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Output without Foundation, as bytes (pcap is binary): stdout, stderr, and
/// files written atomically — a temporary file beside the target, then
/// rename(2), so a failure never leaves half a file.
enum FileOutput {
    static func stdout(_ s: String) { write(1, s) }
    static func stderr(_ s: String) { write(2, s) }

    private static func write(_ fd: Int32, _ s: String) {
        var s = s
        s.withUTF8 { write(fd, UnsafeRawBufferPointer($0)) }
    }

    /// Writes all of `chunk`; false if the descriptor refused it.
    @discardableResult
    static func write(_ fd: Int32, _ chunk: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < chunk.count {
            let n = Glibc.write(fd, chunk.baseAddress! + offset, chunk.count - offset)
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    /// Calls `body` with a sink writing to a temporary file, then renames it
    /// over `path`; on failure the target is untouched.
    static func writeAtomically(to path: String, _ body: ((UnsafeRawBufferPointer) -> Void) throws -> Void) throws {
        let tmp = path + ".tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw UserError("cannot write '\(path)': \(String(cString: strerror(errno)))") }
        var failed = false
        do {
            try body { chunk in if !failed { failed = !write(fd, chunk) } }
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
        if close(fd) != 0 { failed = true }
        guard !failed, rename(tmp, path) == 0 else {
            unlink(tmp)
            throw UserError("cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
    }
}
