#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why bytes could not be written, already worded for the user.
public struct OutputError: Error, CustomStringConvertible, Equatable {
    public let description: String
    /// The write failed because the reader went away (`kpath trace | head`):
    /// nothing to report, as with any filter whose reader closed early.
    public let brokenPipe: Bool

    init(_ what: String, errno code: Int32) {
        description = "\(what): \(String(cString: strerror(code)))"
        brokenPipe = code == EPIPE
    }

    init(_ message: String) {
        description = message
        brokenPipe = false
    }
}

/// A checked byte sink: remembers the first failed write and ignores the
/// rest, so a writer that cannot throw (the exporters) can stream into it and
/// the caller still learns of the failure before it reports success.
public final class OutputSink {
    let fd: Int32
    let name: String
    public private(set) var failure: OutputError?

    init(fd: Int32, name: String) { self.fd = fd; self.name = name }

    public func write(_ chunk: UnsafeRawBufferPointer) {
        guard failure == nil, var base = chunk.baseAddress else { return }
        var left = chunk.count
        while left > 0 {
            let n = systemWrite(fd, base, left)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                // write(2) returning 0 for a non-empty buffer: treat as full.
                failure = OutputError("cannot write \(name)", errno: n == 0 ? ENOSPC : errno)
                return
            }
            base += n
            left -= n
        }
    }

    public func write(_ text: String) {
        var text = text
        text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    /// Throws the first failure, if any.
    func check() throws(OutputError) {
        if let failure { throw failure }
    }
}

/// Where an export goes, and how it gets there without destroying anything.
///
/// - `-` is standard output; so are `/dev/stdout`, `/dev/fd/N` and
///   `/proc/self/fd/N` (the descriptor itself is written, so a shell's `>>`
///   or a pipe behind it keeps working).
/// - An existing target that is not a regular file (a device, FIFO, socket,
///   or a symlink to one) is opened and written in place, never renamed over:
///   `-o /dev/null` as root must leave /dev/null a device.
/// - A regular file (or a new one) is replaced atomically: a temporary file
///   created with O_EXCL beside the real target (symlinks followed, so the
///   link stays a link), given the target's mode and owner, fsynced, then
///   renamed over it. It is removed on every failure and on SIGINT/SIGTERM;
///   after SIGKILL the old file is intact and only the temporary remains.
public enum OutputFile {
    /// Writes what `body` produces to `path`, then checks that every byte
    /// arrived. The body's own errors propagate after cleanup.
    public static func write<E: Error>(to path: String, _ body: (OutputSink) throws(E) -> Void) throws {
        switch try Target(path) {
        case .descriptor(let fd, let name):
            let sink = OutputSink(fd: fd, name: name)
            try body(sink)
            try sink.check()
        case .inPlace(let resolved):
            let fd = open(resolved, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
            guard fd >= 0 else { throw OutputError("cannot open '\(path)'", errno: errno) }
            let sink = OutputSink(fd: fd, name: "'\(path)'")
            defer { close(fd) }
            try body(sink)
            try sink.check()
        case .replace(let resolved, let existing):
            try replace(resolved, shownAs: path, keeping: existing, body)
        }
    }

    /// What the user meant by `path`, decided before anything is opened.
    enum Target: Equatable {
        /// An already open descriptor: stdout and its aliases.
        case descriptor(Int32, name: String)
        /// Open and write it where it is (devices, FIFOs, sockets, dangling links).
        case inPlace(String)
        /// Replace atomically; `existing` tells whether there is a file to keep the mode of.
        case replace(String, existing: Bool)

        init(_ path: String) throws(OutputError) {
            guard !path.isEmpty else { throw OutputError("the output path is empty") }
            if path == "-" { self = .descriptor(1, name: "standard output"); return }
            if let fd = Target.descriptorAlias(path) { self = .descriptor(fd, name: "'\(path)'"); return }
            var link = stat()
            guard lstat(path, &link) == 0 else {
                guard errno == ENOENT else { throw OutputError("cannot write '\(path)'", errno: errno) }
                self = .replace(path, existing: false)
                return
            }
            var resolved = path
            var info = link
            if link.st_mode & S_IFMT == S_IFLNK {
                // Replace what the link points to, never the link itself.
                guard let real = realpath(path, nil) else {
                    // A dangling link: open(2) creates its target through it.
                    self = .inPlace(path)
                    return
                }
                resolved = String(cString: real)
                free(real)
                if let fd = Target.descriptorAlias(resolved) { self = .descriptor(fd, name: "'\(path)'"); return }
                guard stat(resolved, &info) == 0 else { throw OutputError("cannot write '\(path)'", errno: errno) }
            }
            switch info.st_mode & S_IFMT {
            case S_IFREG: self = .replace(resolved, existing: true)
            case S_IFDIR: throw OutputError("cannot write '\(path)': it is a directory")
            default: self = .inPlace(resolved)
            }
        }

        /// `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`: the
        /// descriptor this process already has open.
        static func descriptorAlias(_ path: String) -> Int32? {
            switch path {
            case "/dev/stdout": return 1
            case "/dev/stderr": return 2
            default: break
            }
            for prefix in ["/dev/fd/", "/proc/self/fd/", "/proc/\(getpid())/fd/"] where path.hasPrefix(prefix) {
                if let fd = Int32(path.dropFirst(prefix.count)), fcntl(fd, F_GETFD) >= 0 { return fd }
            }
            return nil
        }
    }

    private static func replace<E: Error>(_ target: String, shownAs path: String, keeping existing: Bool,
                                          _ body: (OutputSink) throws(E) -> Void) throws {
        var old = stat()
        let hasOld = existing && stat(target, &old) == 0
        let (fd, temporary) = try createTemporary(beside: target, shownAs: path)
        PendingTemporary.set(temporary)
        var cleanup = true
        defer {
            if cleanup {
                close(fd)
                unlink(temporary)
            }
            PendingTemporary.clear()
        }
        if hasOld {
            // A 0600 file stays 0600, and root writing a user's file leaves it the user's.
            fchmod(fd, old.st_mode & 0o7777)
            if getuid() == 0 { _ = fchown(fd, old.st_uid, old.st_gid) }
        }
        let sink = OutputSink(fd: fd, name: "'\(path)'")
        try body(sink)
        try sink.check()
        guard fsync(fd) == 0 else { throw OutputError("cannot write '\(path)'", errno: errno) }
        cleanup = false
        let closed = close(fd)
        guard closed == 0, rename(temporary, target) == 0 else {
            let code = errno
            unlink(temporary)
            throw OutputError("cannot write '\(path)'", errno: code)
        }
        syncDirectory(of: target)
    }

    /// `TARGET.tmp-PID` (or `-PID-N` if that exists), created with O_EXCL so
    /// nothing already there, a planted symlink included, is ever opened.
    private static func createTemporary(beside target: String, shownAs path: String) throws(OutputError) -> (Int32, String) {
        for attempt in 0..<100 {
            let name = target + ".tmp-\(getpid())" + (attempt == 0 ? "" : "-\(attempt)")
            let fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 { return (fd, name) }
            guard errno == EEXIST else { throw OutputError("cannot write '\(path)'", errno: errno) }
        }
        throw OutputError("cannot write '\(path)': too many temporary files beside it")
    }

    /// Makes the rename itself durable; failure here loses nothing already written.
    private static func syncDirectory(of path: String) {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let fd = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}

/// Writes `n` bytes at `p` to `fd`: write(2), under a name that does not
/// clash with `OutputSink.write`.
@inline(__always)
func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, p, n)
    #else
    Darwin.write(fd, p, n)
    #endif
}

extension OutputFile {
    /// Writes a new file `BASE SUFFIX` in `directory`, or `BASE-2 SUFFIX`,
    /// `BASE-3 SUFFIX`… if that exists: O_EXCL, so nothing is ever replaced.
    /// A failed write removes the new file. Returns the path written.
    @discardableResult
    public static func create(in directory: String, base: String, suffix: String,
                              _ body: (OutputSink) -> Void) throws(OutputError) -> String {
        let folder = directory.hasSuffix("/") ? directory : directory + "/"
        for n in 1...1000 {
            let path = folder + base + (n == 1 ? "" : "-\(n)") + suffix
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            guard fd >= 0 else {
                if errno == EEXIST { continue }
                throw OutputError("cannot write '\(path)'", errno: errno)
            }
            let sink = OutputSink(fd: fd, name: "'\(path)'")
            body(sink)
            let failure = sink.failure ?? (close(fd) == 0 ? nil : OutputError("cannot write '\(path)'", errno: errno))
            if let failure {
                if sink.failure != nil { close(fd) }
                unlink(path)
                throw failure
            }
            return path
        }
        throw OutputError("cannot write \(base)\(suffix) in '\(directory)': a thousand exports of it exist")
    }
}
