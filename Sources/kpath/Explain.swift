import ArgumentParser
import Scenarios
import Tracing

/// `kpath explain FUNCTION`: the catalogue entry, and who calls it and whom
/// it calls in the built-in lessons' traces.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain a simulated kernel function.")

    @Argument(help: "A kernel function name, e.g. neigh_resolve_output.",
              completion: .custom(Completion.functions))
    var function: String

    @Option(help: ArgumentHelp("Say what this kernel does with the function.", valueName: "version"))
    var kernel: KernelVersion = .v4_9

    func run() throws {
        guard let fn = Fn(name: function) else {
            let shown = function.count > 60 ? String(function.prefix(60)) + "…" : function
            let hint = Suggest.didYouMean(function, among: Fn.allCases.map(\.name))
            throw UserError(.input, "unknown function '\(shown)'"
                            + (hint.isEmpty ? "; kpath simulates \(Fn.allCases.count) functions" : hint)
                            + "; 'kpath explain' takes a name as the kernel spells it")
        }
        let info = fn.info
        let graph = CallGraph(Scenario.builtIn.map { $0.log() })
        var out = "\(fn.name)()\n"
        out += "  file:     \(info.file)\n"
        out += "  kind:     \(info.kind.rawValue)\n"
        out += "  versions: \(info.versions)\n"
        out += "  on \(kernel.title): " + onKernel(fn) + "\n\n"
        out += wrap(info.summary, indent: "  ") + "\n\n"
        out += "  callers:  " + list(graph.callers(of: fn)) + "\n"
        out += "  callees:  " + list(graph.callees(of: fn)) + "\n"
        try FileOutput.stdout(out)
    }

    /// Whether `kernel` has the function, under which name, and whether
    /// function_graph can see it there.
    private func onKernel(_ fn: Fn) -> String {
        guard fn.kernels.contains(kernel) else {
            return "not in this kernel" + (fn.renamedTo.map { " (\($0.name)() took its place)" } ?? "")
        }
        var text = fn.traced(on: kernel) ? "a traced call" : "inlined or not traceable: function_graph shows no call"
        if let old = fn.renamedFrom, !old.kernels.contains(kernel) { text += "; it replaced \(old.name)()" }
        if kernel == .v6_1, let worker = fn.worker61 { text += "; the work is done in \(worker.name)()" }
        return text
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
