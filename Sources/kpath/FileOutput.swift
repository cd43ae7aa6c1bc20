import Output

/// Standard output and standard error for the commands' own text. Standard
/// output is checked: `kpath scenarios > /dev/full` fails loudly.
enum FileOutput {
    static func stdout(_ s: String) throws {
        try OutputFile.write(to: "-") { $0.write(s) }
    }

    /// Best effort: if even standard error is gone there is no one to tell.
    static func stderr(_ s: String) {
        _ = try? OutputFile.write(to: "/dev/stderr") { $0.write(s) }
    }
}
