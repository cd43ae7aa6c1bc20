import Foundation
import Testing

/// The command line as a user meets it: exit statuses, one-line errors, and
/// `-o` that never destroys anything. Runs the built `kpath` binary.
@Suite struct CommandLineTests {
    /// Runs `script` in bash with $K set to kpath and a fresh folder as the
    /// working directory; returns the status and what it printed (both streams).
    private func sh(_ script: String) throws -> (status: Int32, output: String, folder: String) {
        let kpath = try #require(KpathBinary.path, KpathBinary.missing)
        let folder = NSTemporaryDirectory() + "kpath-cli-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let r = try Tool.run("/bin/bash", ["-c", "cd \"$1\" && K=\"$2\" && " + script, "kpath-cli", folder, kpath])
        return (r.status, r.output, folder)
    }

    @Test(arguments: [
        ("$K frobnicate", 64, "kpath: 'frobnicate' is neither a subcommand nor a lesson"),
        ("$K traec", 64, "(did you mean trace?)"),
        ("$K trace --bogus", 64, "kpath: unknown option '--bogus'; see 'kpath trace --help'"),
        ("$K trace --format foo", 64, "Please provide one of the following: chain, ftrace, jsonl"),
        ("$K demo --speed -1", 64, "--speed -1.0 is out of range; give a pace from 0.1 to 100"),
        ("$K demo --speed 0", 64, "is out of range"),
        ("$K trace --graph nud", 64, "--graph applies to the dot and mermaid formats, not chain"),
        ("$K trace --kernel 5.4", 64, "Please provide one of '4.9' and '6.1'"),
        ("$K trace cold-conect", 65, "kpath: unknown lesson 'cold-conect' (did you mean cold-connect?)"),
        ("$K explain neigh_resolv", 65, "(did you mean neigh_resolve_output?)"),
        ("$K trace --function neigh_resolv", 64, "(did you mean neigh_resolve_output?)"),
        ("$K trace missing.yaml", 65, "missing.yaml: no such file"),
        ("$K trace cold-connect --host nobody", 64, "unknown host 'nobody'"),
        ("$K trace --ctx irq", 64, "Please provide one of 'process', 'softirq', 'timer' or 'kworker'"),
        ("$K report --function 'nosuch_*'", 64, "unknown function 'nosuch_*' for --function"),
        ("$K report --hide neigh_resolv", 64, "(did you mean neigh_resolve_output?)"),
        ("$K report --sort size", 64, "Please provide one of 'total', 'self', 'calls' or 'function'"),
        ("$K trace --format pcap --device eth0 -o x.pcap", 64, "--device needs --host"),
        ("echo '{}' > bad.jsonl; $K report bad.jsonl", 65, "bad.jsonl:1:"),
        ("$K trace > /dev/full", 74, "kpath: cannot write standard output: No space left on device"),
        ("$K trace -o /dev/full", 74, "kpath: cannot write '/dev/full': No space left on device"),
        ("$K scenarios > /dev/full", 74, "kpath: cannot write standard output"),
        ("$K", 69, "kpath: not a terminal; use 'kpath trace' for text output"),
    ] as [(String, Int32, String)])
    func everyFailureIsOneLineAndItsDocumentedStatus(script: String, status: Int32, message: String) throws {
        let r = try sh(script + " </dev/null")
        #expect(r.status == status, "\(script): \(r.output)")
        #expect(r.output.contains(message), "\(script): \(r.output)")
        #expect(r.output.split(separator: "\n").count == 1, "\(script): \(r.output)")
    }

    /// `kpath report` reads back what `kpath trace --format jsonl` wrote.
    @Test func aReportOfARecordedLogIsTheReportOfTheRun() throws {
        let r = try sh("$K trace router-forward --format jsonl -o rf.jsonl && $K report rf.jsonl --sort self > a && $K report router-forward --sort self > b && cmp a b && head -1 a")
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output == "# kpath report: router-forward (seed 8), virtual time, sorted by self\n")
    }

    @Test func kernelChoosesTheProfileAndExplainSaysWhatItDoes() throws {
        let r = try sh("$K trace cold-connect --kernel 6.1 | head -1; $K explain dst_neigh_output --kernel 6.1 | grep 'on Linux'")
        #expect(r.output == "# kpath chain: cold-connect (seed 1, Linux 6.1)\n  on Linux 6.1: not in this kernel (neigh_output() took its place)\n", "\(r.output)")
    }

    @Test func helpListsTheExitStatuses() throws {
        let r = try sh("$K --help")
        #expect(r.status == 0)
        for line in ["64  usage", "65  input", "74  output", "69  terminal"] { #expect(r.output.contains(line)) }
    }

    @Test func aHugeFunctionNameAnswersAtOnce() throws {
        let r = try sh("$K explain \"$(head -c 100000 /dev/zero | tr '\\0' x)\"")
        #expect(r.status == 65)
        #expect(r.output.count < 300)
    }

    @Test func badBytesAreReportedWhereTheyAre() throws {
        let r = try sh(#"printf 'name: x\nsummary: "a\001b"\n' > c.yaml; $K trace c.yaml; printf 'name: x\n\nsummary: "ok \377"\n' > u.yaml; $K trace u.yaml"#)
        #expect(r.output.contains("c.yaml:2:12: control character U+0001"), "\(r.output)")
        #expect(r.output.contains("u.yaml:3:14: invalid UTF-8 byte 0xFF"), "\(r.output)")
    }

    @Test func dashAndDevStdoutAreStandardOutput() throws {
        let r = try sh("$K trace -o - > a.txt && $K trace -o /dev/stdout > b.txt && $K trace > c.txt && cmp a.txt c.txt && cmp b.txt c.txt && ls")
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output == "a.txt\nb.txt\nc.txt\n")
    }

    @Test func appendingThroughDevStdoutKeepsWhatWasThere() throws {
        let r = try sh("echo first > log.txt && $K trace -o /dev/stdout >> log.txt && head -1 log.txt")
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output == "first\n")
    }

    @Test func aClosedPipeIsQuiet() throws {
        let r = try sh("$K trace unreachable-neighbour --format jsonl | head -c 10 >/dev/null; echo \"status ${PIPESTATUS[0]}\"")
        #expect(r.output == "status 141\n", "\(r.output)")
    }

    @Test func aFIFOAndASymlinkAreWrittenNotReplaced() throws {
        let r = try sh("""
            mkfifo pipe && (cat pipe > from-pipe.txt &) && $K trace -o pipe && sleep 0.2 && \
            echo old > real.txt && ln -s real.txt link && $K trace -o link && \
            $K trace > expected.txt && cmp from-pipe.txt expected.txt && cmp real.txt expected.txt && \
            test -p pipe && test -L link && ls | grep -c tmp
            """)
        #expect(r.output == "0\n", "\(r.output)")
    }

    /// Ctrl-C while the temporary file is being written: the old file stays
    /// and the temporary goes. SIGKILL at the same moment: the old file stays.
    @Test(arguments: ["INT", "TERM", "KILL"])
    func anInterruptedExportLeavesTheOldFile(signal: String) throws {
        let r = try sh("""
            \(CommandLineTests.bigScenario) > big.yaml
            echo old > out.jsonl
            # A terminal's Ctrl-C finds SIGINT at its default action; a background
            # job of a script (and a test runner's child) may have it ignored.
            env --default-signal=INT,TERM $K trace big.yaml --format jsonl -o out.jsonl & pid=$!
            for _ in $(seq 1 20000); do compgen -G 'out.jsonl.tmp-*' >/dev/null && break; sleep 0.001; done
            kill -STOP $pid; kill -\(signal) $pid; kill -CONT $pid; { wait $pid; } 2>/dev/null; echo "status $?"
            cat out.jsonl; ls | grep -c tmp
            """)
        let lines = r.output.split(separator: "\n")
        let died = ["INT": 130, "TERM": 143, "KILL": 137][signal]!
        #expect(lines.first == "status \(died)", "\(r.output)")
        #expect(lines.dropFirst().first == "old", "\(r.output)")
        if signal != "KILL" { #expect(lines.last == "0", "\(r.output)") }
    }

    /// A lesson of about 300,000 events: its export takes long enough to be interrupted.
    static let bigScenario = #"""
        { echo 'name: big'; echo 'summary: "many connects"'; echo 'hosts:'
          for h in $(seq 1 8); do
            echo "  - {name: c$h, devices: [{name: eth0, mac: \"02:00:00:00:00:0$h\", addresses: [10.0.0.$h/24]}]}"
          done
          echo '  - {name: server, devices: [{name: eth0, mac: "02:00:00:00:00:ff", addresses: [10.0.0.254/24]}], listen: [80]}'
          echo 'timeline:'
          for i in $(seq 0 63); do for h in $(seq 1 8); do
            echo "  - {at: ${i}ms, connect: {from: c$h, to: 10.0.0.254:80}}"
          done; done; }
        """#
}
