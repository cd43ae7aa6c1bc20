import Foundation
import Output
import Testing

/// `-o` never destroys anything: each kind of target, made in a fresh folder.
@Suite struct OutputFileTests {
    let folder: String = {
        let path = NSTemporaryDirectory() + "kpath-output-\(getpid())-\(UUID().uuidString.prefix(8))"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    private func write(_ text: String, to path: String) throws {
        try OutputFile.write(to: path) { $0.write(text) }
    }

    private func kind(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    private func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Files beside `name` that look like our temporaries.
    private func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tmp-") }
    }

    @Test func aNewFileIsCreatedWithNothingLeftBeside() throws {
        let path = folder + "/new.txt"
        try write("hello\n", to: path)
        #expect(contents(path) == "hello\n")
        #expect(try leftovers().isEmpty)
    }

    @Test func aRegularFileIsReplacedAndKeepsItsMode() throws {
        let path = folder + "/secret.txt"
        try write("old\n", to: path)
        chmod(path, 0o600)
        var before = stat()
        stat(path, &before)
        try write("new\n", to: path)
        var after = stat()
        stat(path, &after)
        #expect(contents(path) == "new\n")
        #expect(after.st_mode & 0o7777 == 0o600)
        // Replaced, not rewritten: a reader holding the old file keeps it whole.
        #expect(after.st_ino != before.st_ino)
        #expect(try leftovers().isEmpty)
    }

    @Test func aSymlinkStaysALinkAndItsTargetIsReplaced() throws {
        let target = folder + "/target.txt", link = folder + "/link.txt"
        try write("old\n", to: target)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.txt")
        try write("new\n", to: link)
        #expect(kind(link) == S_IFLNK)
        #expect(contents(target) == "new\n")
        #expect(try leftovers().isEmpty)
    }

    @Test func aDanglingSymlinkIsWrittenThrough() throws {
        let link = folder + "/dangling"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "made.txt")
        try write("x\n", to: link)
        #expect(kind(link) == S_IFLNK)
        #expect(contents(folder + "/made.txt") == "x\n")
    }

    @Test func aFIFOIsWrittenInPlace() async throws {
        let fifo = folder + "/pipe"
        try #require(mkfifo(fifo, 0o600) == 0)
        let reader = Task.detached { () -> String in
            let fd = open(fifo, O_RDONLY)
            defer { close(fd) }
            var bytes: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = read(fd, &buffer, buffer.count)
                if n <= 0 { break }
                bytes += buffer[..<n]
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let big = String(repeating: "0123456789abcdef\n", count: 10_000)
        try write(big, to: fifo)
        #expect(await reader.value == big)
        #expect(kind(fifo) == S_IFIFO)
        #expect(try leftovers().isEmpty)
    }

    /// /dev/null's own device numbers, in a node of our own: the test never
    /// touches the system's /dev. Making a node needs root (CAP_MKNOD).
    @Test(.enabled(if: getuid() == 0, "mknod needs root"))
    func aDeviceNodeStaysADevice() throws {
        let node = folder + "/null"
        // makedev(1, 3) for glibc: minor in the low 8 bits, major above.
        #expect(mknod(node, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0, "mknod: \(errno)")
        try write("into the void\n", to: node)
        #expect(kind(node) == S_IFCHR)
        #expect(try leftovers().isEmpty)
    }

    @Test func aFullDeviceIsAnErrorNotASilentSuccess() throws {
        #expect(throws: OutputError.self) { try write(String(repeating: "x", count: 100_000), to: "/dev/full") }
        do {
            try write("x", to: "/dev/full")
        } catch let error as OutputError {
            #expect(error.description == "cannot write '/dev/full': No space left on device")
        }
    }

    @Test func aDirectoryIsRefused() throws {
        let error = #expect(throws: OutputError.self) { try write("x", to: folder) }
        #expect(error?.description == "cannot write '\(folder)': it is a directory")
    }

    @Test func aFailingWriterLeavesTheOldFileAndNoTemporary() throws {
        struct Stop: Error {}
        let path = folder + "/kept.txt"
        try write("old\n", to: path)
        #expect(throws: Stop.self) {
            try OutputFile.write(to: path) { sink in
                sink.write("half")
                throw Stop()
            }
        }
        #expect(contents(path) == "old\n")
        #expect(try leftovers().isEmpty)
    }

    @Test func exportsNeverReplaceAnExistingFile() throws {
        let first = try OutputFile.create(in: folder, base: "kpath-x-step3", suffix: ".chain.txt") { $0.write("one") }
        let second = try OutputFile.create(in: folder, base: "kpath-x-step3", suffix: ".chain.txt") { $0.write("two") }
        #expect(first == folder + "/kpath-x-step3.chain.txt")
        #expect(second == folder + "/kpath-x-step3-2.chain.txt")
        #expect(contents(first) == "one")
        #expect(contents(second) == "two")
    }
}
