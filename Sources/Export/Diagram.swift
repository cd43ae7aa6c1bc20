/// The two diagram languages `dot` and `mermaid` write. Each diagram writer
/// folds the events once and renders in either.
enum DiagramStyle {
    case dot, mermaid

    /// A DOT double-quoted string.
    static func dotQuoted(_ s: String) -> String {
        "\"" + s.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"").replacingAll("\n", with: "\\n") + "\""
    }

    /// Text for a Mermaid label or message: its entity codes for the
    /// characters Mermaid would read as syntax.
    static func mermaidText(_ s: String) -> String {
        s.replacingAll("#", with: "#35;").replacingAll("\"", with: "#quot;").replacingAll(";", with: "#59;")
    }
}

extension String {
    /// Without Foundation's replacingOccurrences.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
