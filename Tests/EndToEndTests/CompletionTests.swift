import Foundation
import Testing

/// Shell completion as a user meets it: the generated bash script, sourced
/// in a real bash in tmux, completes what the command line takes.
@Suite struct CompletionTests {
    @Test(.enabled(if: Tool.path("tmux") != nil, "tmux is not installed: the completion walkthrough needs it"))
    func bashCompletesLessonsHostsAndFunctions() throws {
        let kpath = try #require(KpathBinary.path, KpathBinary.missing)
        let result = try Tool.run("/bin/bash", ["-c", tmuxHarness + Self.script, "kpath-completion", kpath])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("all checks passed"), "\(result.output)")
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func everyShellsScriptAsksKpathForHostsAndFunctions(shell: String) throws {
        let kpath = try #require(KpathBinary.path, KpathBinary.missing)
        let r = try Tool.run(kpath, ["--generate-completion-script", shell])
        #expect(r.status == 0)
        for option in ["---completion trace -- --host", "---completion trace -- --function", "---completion explain -- positional@0"] {
            #expect(r.output.contains(option), "\(shell) script lacks \(option)")
        }
    }

    @Test func kpathAnswersTheScriptsQuestions() throws {
        let kpath = try #require(KpathBinary.path, KpathBinary.missing)
        let hosts = try Tool.run(kpath, ["---completion", "trace", "--", "--host", "4", "0", "kpath", "trace", "gateway", "--host", ""])
        #expect(hosts.output == "client\nrouter\nserver\n")
        let functions = try Tool.run(kpath, ["---completion", "explain", "--", "positional@0", "2", "12", "kpath", "explain", "neigh_resolve"])
        #expect(functions.output == "neigh_resolve_output\n")
        let lessons = try Tool.run(kpath, ["---completion", "trace", "--", "positional@0", "2", "4", "kpath", "trace", "stal"])
        #expect(lessons.output == "stale-reprobe\n")
    }

    /// Types into bash with kpath's completion loaded; $1 is the kpath binary.
    static let script = #"""
        dir=$(mktemp -d); trap 'stop; rm -rf "$dir"' EXIT
        ln -s "$KPATH" "$dir/kpath"
        "$KPATH" --generate-completion-script bash > "$dir/kpath.bash"
        touch "$dir/mine.yaml"
        start "cd $dir && env -i PATH=$dir:/usr/bin:/bin TERM=tmux-256color bash --norc --noprofile" 150 30
        keys "source kpath.bash; PS1='$ '" Enter
        wait_for '^\$$'
        keys "kpath trace gateway --host " Tab Tab
        wait_for 'client +router +server'
        keys C-u "kpath explain neigh_resolve_o" Tab
        wait_for 'kpath explain neigh_resolve_output'
        keys C-u "kpath trace --function neigh_connec" Tab
        wait_for 'kpath trace --function neigh_connect'
        keys C-u "kpath trace stale" Tab
        wait_for 'kpath trace stale-reprobe'
        keys C-u "kpath tui mi" Tab
        wait_for 'kpath tui mine.yaml'
        keys C-u "kpath trace --format pe" Tab
        wait_for 'kpath trace --format perfetto'
        echo "all checks passed"
        """#
}
