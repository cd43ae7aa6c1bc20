/// Checks a scenario file's text before YAML sees it, so that a bad byte is
/// reported at its own line and column (the YAML reader reports these at the
/// start of the file).
enum TextCheck {
    /// Decodes UTF-8, or names the line and column of the first invalid byte.
    static func utf8(_ bytes: [UInt8], file: String) throws -> String {
        var line = 1, column = 1
        var decoder = UTF8()
        var input = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&input) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                return String(decoding: bytes, as: UTF8.self)
            case .error:
                throw ScenarioError(file: file, line: line, column: column,
                                    message: "invalid UTF-8 byte 0x\(String(bytes[offset], radix: 16, uppercase: true)); scenario files are UTF-8 text")
            }
        }
    }

    /// YAML allows tab, line feed and carriage return, and no other C0/C1
    /// control character (YAML 1.2, "c-printable").
    static func controlCharacters(_ text: String, file: String) throws {
        var line = 1, column = 1
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x0A { line += 1; column = 1; continue }
            let allowed = v == 0x09 || v == 0x0D || v == 0x85 || (v >= 0x20 && v != 0x7F && !(0x80...0x9F).contains(v))
            guard allowed else {
                throw ScenarioError(file: file, line: line, column: column,
                                    message: "control character U+\(String(v, radix: 16, uppercase: true).leftPadded(4)) is not allowed in a scenario file")
            }
            column += 1
        }
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
