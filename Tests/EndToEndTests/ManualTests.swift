import Foundation
import Testing

/// docs/man/kpath.1 is generated from the command definitions
/// (scripts/regenerate-manual); it must not fall behind them.
@Suite struct ManualTests {
    static let page: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("docs/man/kpath.1"), encoding: .utf8)) ?? ""
    }()

    @Test func everySubcommandAndOptionIsInTheManualPage() throws {
        let kpath = try #require(KpathBinary.path, KpathBinary.missing)
        let dump = try Tool.run(kpath, ["--experimental-dump-help"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(dump.output.utf8)) as? [String: Any])
        var missing: [String] = []
        func walk(_ command: [String: Any]) {
            let name = command["commandName"] as? String ?? "?"
            if !Self.page.contains(".It Em \(name)") && name != "kpath" { missing.append("subcommand \(name)") }
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                for n in argument["names"] as? [[String: Any]] ?? [] where n["kind"] as? String == "long" {
                    let long = n["name"] as? String ?? ""
                    // `.It Fl -name` or, with a short name, `.It Fl f , -name`.
                    if !Self.page.contains("Fl -\(long)") && !Self.page.contains(", -\(long)") {
                        missing.append("\(name) --\(long)")
                    }
                }
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub) }
        }
        walk(try #require(json["command"] as? [String: Any]))
        #expect(missing.isEmpty, "docs/man/kpath.1 is behind the commands; run scripts/regenerate-manual. Missing: \(missing)")
    }
}
