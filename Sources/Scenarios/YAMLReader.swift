import Foundation
import Yams

/// Typed, located reads over a composed YAML document: every failure names
/// the file, line and column of the node at fault.
struct YAMLReader {
    let file: String

    func error(_ node: Node?, _ message: String, offset: Int = 0) -> ScenarioError {
        let mark = node?.mark
        var column = (mark?.column ?? 1) + offset
        if case .scalar(let s)? = node, s.style == .singleQuoted || s.style == .doubleQuoted, offset > 0 { column += 1 }
        return ScenarioError(file: file, line: mark?.line ?? 1, column: column, message: message)
    }

    /// A mapping's values by key; a key outside `allowed` or given twice is an error.
    func mapping(_ node: Node, _ what: String, allowed: [String], required: [String] = []) throws -> [String: Node] {
        guard case .mapping(let m) = node else { throw error(node, "\(what) must be a mapping (key: value)") }
        var out: [String: Node] = [:]
        for (k, v) in m {
            guard case .scalar(let key) = k else { throw error(k, "\(what): keys must be plain names") }
            guard allowed.contains(key.string) else {
                throw error(k, "unknown key '\(key.string)' in \(what) (expected one of: \(allowed.joined(separator: ", ")))")
            }
            guard out[key.string] == nil else { throw error(k, "'\(key.string)' is given twice in \(what)") }
            out[key.string] = v
        }
        for key in required where out[key] == nil { throw error(node, "\(what) needs '\(key)'") }
        return out
    }

    func list(_ node: Node, _ what: String) throws -> [Node] {
        guard case .sequence(let s) = node else { throw error(node, "\(what) must be a list (- item)") }
        return Array(s)
    }

    func string(_ node: Node, _ what: String) throws -> String {
        guard case .scalar(let s) = node, !s.string.isEmpty else { throw error(node, "\(what) must be a non-empty string") }
        return s.string
    }

    func int(_ node: Node, _ what: String, in range: ClosedRange<Int>) throws -> Int {
        guard case .scalar(let s) = node, let v = Int(s.string) else { throw error(node, "\(what) must be a whole number") }
        guard range.contains(v) else { throw error(node, "\(what) must be in \(range.lowerBound)...\(range.upperBound), not \(v)") }
        return v
    }

    func bool(_ node: Node, _ what: String) throws -> Bool {
        guard case .scalar(let s) = node else { throw error(node, "\(what) must be true or false") }
        switch s.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(node, "\(what) must be true or false, not '\(s.string)'")
        }
    }

    /// "100us", "1.5s", "500ms", "20ns", or a bare number of seconds.
    func duration(_ node: Node, _ what: String) throws -> UInt64 {
        let text = try string(node, what).trimmingCharacters(in: .whitespaces)
        let units: [(String, Double)] = [("ns", 1), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9)]
        let (number, scale) = units.first { text.hasSuffix($0.0) }.map { (String(text.dropLast($0.0.count)), $0.1) } ?? (text, 1e9)
        guard let v = Double(number.trimmingCharacters(in: .whitespaces)), v >= 0, v * scale < 1e15 else {
            throw error(node, "\(what) must be a duration such as 100us, 500ms or 2s, not '\(text)'")
        }
        return UInt64((v * scale).rounded())
    }
}
