#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Output without Foundation: stdout, stderr, and files written atomically
/// (a temporary file beside the target, then rename(2)).
enum FileOutput {
    static func stdout(_ s: String) { write(1, s) }
    static func stderr(_ s: String) { write(2, s) }

    private static func write(_ fd: Int32, _ s: String) {
        var s = s
        s.withUTF8 { buf in
            var offset = 0
            while offset < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + offset, buf.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }

    /// Calls `body` with a sink writing to a temporary file, then renames it
    /// over `path`; on failure the target is untouched.
    static func writeAtomically(to path: String, _ body: ((String) -> Void) -> Void) throws {
        let tmp = path + ".tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw UserError("cannot write '\(path)': \(String(cString: strerror(errno)))") }
        var failed = false
        body { s in if !failed { failed = !writeAll(fd, s) } }
        if close(fd) != 0 { failed = true }
        guard !failed, rename(tmp, path) == 0 else {
            unlink(tmp)
            throw UserError("cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
    }

    private static func writeAll(_ fd: Int32, _ s: String) -> Bool {
        var s = s
        return s.withUTF8 { buf in
            var offset = 0
            while offset < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + offset, buf.count - offset)
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
    }
}
