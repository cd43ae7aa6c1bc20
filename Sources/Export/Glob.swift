/// Shell-style patterns for function names, as uftrace's and ftrace's
/// filters take them: `*` any run of characters, `?` one character,
/// `[abc]`, `[a-z]` and `[!a-z]` one character of (or not of) a set.
/// Anything else matches itself.
enum Glob {
    static func matches(_ pattern: String, _ name: String) -> Bool {
        match(Array(pattern.unicodeScalars), 0, Array(name.unicodeScalars), 0)
    }

    private static func match(_ p: [Unicode.Scalar], _ pi: Int, _ s: [Unicode.Scalar], _ si: Int) -> Bool {
        guard pi < p.count else { return si == s.count }
        switch p[pi] {
        case "*":
            return (si...s.count).contains { match(p, pi + 1, s, $0) }
        case "?":
            return si < s.count && match(p, pi + 1, s, si + 1)
        case "[":
            guard si < s.count, let (matched, next) = set(p, pi, s[si]) else { break }
            return matched && match(p, next, s, si + 1)
        default:
            break
        }
        return si < s.count && p[pi] == s[si] && match(p, pi + 1, s, si + 1)
    }

    /// Whether `c` is in the set opening at `p[start]` ("["), and the index
    /// after its "]"; nil when the set is not closed (the "[" is then literal).
    private static func set(_ p: [Unicode.Scalar], _ start: Int, _ c: Unicode.Scalar) -> (Bool, Int)? {
        var i = start + 1
        let negated = i < p.count && p[i] == "!"
        if negated { i += 1 }
        var found = false, first = true
        while i < p.count, p[i] != "]" || first {
            first = false
            if i + 2 < p.count, p[i + 1] == "-", p[i + 2] != "]" {
                if p[i] <= c && c <= p[i + 2] { found = true }
                i += 3
            } else {
                if p[i] == c { found = true }
                i += 1
            }
        }
        guard i < p.count else { return nil }
        return (found != negated, i + 1)
    }
}
