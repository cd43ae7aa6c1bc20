import ArgumentParser
import Export
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Scenarios
import Tracing
import TUI

extension ExportFormat: ExpressibleByArgument {}
extension GraphKind: ExpressibleByArgument {}
extension Theme: ExpressibleByArgument {}
extension KernelVersion: ExpressibleByArgument {}

/// The scenario every running subcommand takes: a built-in lesson's name or
/// a scenario file. One definition, so every subcommand spells, completes
/// and checks it the same way.
struct ScenarioArgument: ParsableArguments {
    @Argument(help: ArgumentHelp("A built-in lesson (kpath scenarios lists them) or a scenario file (.yaml).",
                                 valueName: "scenario"),
              completion: .custom(Completion.scenarios))
    var scenario: String?

    @Option(help: ArgumentHelp("The kernel to model (default: the lesson's own, 4.9 unless it says).", valueName: "version"))
    var kernel: KernelVersion?

    /// The scenario on the chosen kernel, or the one-line error that says
    /// what is wrong with it.
    func resolve() throws -> Scenario {
        var chosen = try kpath.scenario(named: scenario)
        if let kernel { chosen.spec.kernel = kernel }
        return chosen
    }
}

/// Resolves a scenario argument: a built-in lesson's name, or a scenario
/// file (anything with a '/' or a .yaml/.yml suffix).
func scenario(named name: String?) throws -> Scenario {
    guard let name else { return Scenario.defaultScenario }
    if isPath(name) {
        do {
            return try Scenario.load(path: name)
        } catch let e as ScenarioError {
            throw UserError(.input, e.description, located: true)
        }
    }
    guard let s = Scenario.named(name) else {
        throw UserError(.input, "unknown lesson '\(name)'"
                        + Suggest.didYouMean(name, among: Scenario.builtIn.map(\.name))
                        + "; 'kpath scenarios' lists the lessons, or give a .yaml file")
    }
    return s
}

/// Whether a scenario argument names a file rather than a lesson.
func isPath(_ name: String) -> Bool {
    name.contains("/") || name.hasSuffix(".yaml") || name.hasSuffix(".yml")
}

/// "Did you mean …?" by edit distance, bounded so that any input, however
/// long, answers at once.
enum Suggest {
    /// The nearest few `candidates` to `word`, as " (did you mean a or b?)" or "".
    static func didYouMean(_ word: String, among candidates: [String]) -> String {
        let near = nearest(to: word, among: candidates)
        guard let last = near.last else { return "" }
        let list = near.count == 1 ? last : near.dropLast().joined(separator: ", ") + " or " + last
        return " (did you mean \(list)?)"
    }

    static func nearest(to word: String, among candidates: [String], limit: Int = 3) -> [String] {
        let longest = candidates.map(\.count).max() ?? 0
        // Nothing is near a word much longer than every candidate; measuring
        // it would cost length x length for nothing.
        guard !word.isEmpty, word.utf8.count <= longest * 2 else { return [] }
        let allowed = max(2, word.count / 4)
        var scored: [(name: String, distance: Int)] = []
        for candidate in candidates where abs(candidate.count - word.count) <= allowed || candidate.hasPrefix(word) {
            let distance = candidate.hasPrefix(word) ? 0 : editDistance(candidate, word)
            if distance <= allowed { scored.append((candidate, distance)) }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.name < $1.name }
        return scored.prefix(limit).map(\.name)
    }

    /// Levenshtein distance.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in 1...b.count {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}

/// Shell completion beyond what the parser derives from the types: lesson
/// names with scenario files, the hosts of the scenario on the line, and the
/// catalogue's function names.
enum Completion {
    static let scenarios: @Sendable ([String], Int, String) -> [String] = { _, _, prefix in
        Scenario.builtIn.map(\.name).filter { $0.hasPrefix(prefix) } + files(prefix, extensions: ["yaml", "yml", "jsonl"])
    }

    static let functions: @Sendable ([String], Int, String) -> [String] = { _, _, prefix in
        Fn.allCases.map(\.name).filter { $0.hasPrefix(prefix) }
    }

    /// The hosts of the scenario named earlier on the line (the default lesson's otherwise).
    static let hosts: @Sendable ([String], Int, String) -> [String] = { words, _, prefix in
        let named = words.dropFirst().first { Scenario.named($0) != nil || (isPath($0) && access($0, R_OK) == 0) }
        let lesson = (try? scenario(named: named)) ?? Scenario.defaultScenario
        return lesson.spec.hosts.map(\.name).filter { $0.hasPrefix(prefix) }
    }

    /// Directories and files with one of `extensions` that start with `prefix`.
    private static func files(_ prefix: String, extensions: [String]) -> [String] {
        let slash = prefix.lastIndex(of: "/")
        let directory = slash.map { String(prefix[...$0]) } ?? ""
        guard let dir = opendir(directory.isEmpty ? "." : directory) else { return [] }
        defer { closedir(dir) }
        var found: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name != ".", name != "..", !(name.hasPrefix(".") && !prefix.hasSuffix(".")) else { continue }
            let path = directory + name
            guard path.hasPrefix(prefix) else { continue }
            var info = stat()
            if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
                found.append(path + "/")
            } else if extensions.contains(where: { name.hasSuffix("." + $0) }) {
                found.append(path)
            }
        }
        return found.sorted()
    }
}
