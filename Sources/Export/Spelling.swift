import Tracing

/// The UTF-8 of names the text writers print on most lines, spelt once per
/// function rather than once per event.
enum Spelling {
    /// By `Fn.rawValue`: the function's name.
    static let names: [[UInt8]] = Fn.allCases.map { Array($0.name.utf8) }
    /// By `Fn.rawValue`: ``kernelPath(_:)``.
    static let kernelPaths: [[UInt8]] = Fn.allCases.map { Array(kernelPath($0).utf8) }
}

extension OutputBuffer {
    /// The function's name, as `fn.name` spells it.
    mutating func append(name fn: Fn) { append(bytes: Spelling.names[Int(fn.rawValue)]) }

    /// The function's file, as ``kernelPath(_:)`` spells it.
    mutating func append(path fn: Fn) { append(bytes: Spelling.kernelPaths[Int(fn.rawValue)]) }

    /// A span's function by its code: the catalogue's, or a recorded trace's own.
    mutating func append(function code: UInt16, of log: TraceLog) {
        if let fn = Fn(rawValue: code) { append(name: fn) } else { self += log.functionName(code: code) }
    }
}
