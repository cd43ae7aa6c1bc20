import ArgumentParser
import Scenarios
import Tracing

/// `kpath explain FUNCTION`: the catalogue entry, and who calls it and whom
/// it calls in the built-in lessons' traces.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain a simulated kernel function.")

    @Argument(help: "A kernel function name, e.g. neigh_resolve_output.")
    var function: String

    func run() throws {
        try reporting {
            guard let fn = Fn(name: function) else {
                let near = Fn.allCases.map(\.name)
                    .map { ($0, editDistance($0, function)) }.filter { $0.1 <= max(2, function.count / 4) }
                    .sorted { $0.1 < $1.1 }.map(\.0)
                throw UserError("unknown function '\(function)'"
                    + (near.isEmpty ? "; kpath simulates \(Fn.allCases.count) functions" : "; did you mean \(near.prefix(3).joined(separator: ", "))?"))
            }
            let info = fn.info
            let graph = CallGraph(Scenario.builtIn.map { $0.log() })
            var out = "\(fn.name)()\n"
            out += "  file:     \(info.file)\n"
            out += "  kind:     \(info.kind.rawValue)\n"
            out += "  versions: \(info.versions)\n\n"
            out += wrap(info.summary, indent: "  ") + "\n\n"
            out += "  callers:  " + list(graph.callers(of: fn)) + "\n"
            out += "  callees:  " + list(graph.callees(of: fn)) + "\n"
            FileOutput.stdout(out)
        }
    }

    private func list(_ fns: [Fn]) -> String {
        fns.isEmpty ? "(none in the built-in lessons)" : fns.map { $0.name + "()" }.joined(separator: ", ")
    }

    private func wrap(_ text: String, indent: String, width: Int = 76) -> String {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > width - indent.count && !line.isEmpty {
                lines.append(indent + line); line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(indent + line) }
        return lines.joined(separator: "\n")
    }
}

/// Levenshtein distance, for "did you mean".
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var row = Array(0...b.count)
    for i in 1...max(1, a.count) where !a.isEmpty {
        var prev = row[0]
        row[0] = i
        for j in 1...max(1, b.count) where !b.isEmpty {
            let cur = row[j]
            row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
            prev = cur
        }
    }
    return a.isEmpty ? b.count : row[b.count]
}
