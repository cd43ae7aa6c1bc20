/// A problem in a scenario file, located as compilers locate theirs:
/// `FILE:LINE:COL: what is wrong`, or `FILE: what is wrong` when the problem
/// is the file itself (missing, unreadable).
public struct ScenarioError: Error, CustomStringConvertible, Equatable {
    public let file: String
    /// 0 when the problem has no position in the text.
    public let line: Int
    public let column: Int
    public let message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file; self.line = line; self.column = column; self.message = message
    }

    /// A problem with the file as a whole.
    public init(file: String, message: String) { self.init(file: file, line: 0, column: 0, message: message) }

    public var description: String { line == 0 ? "\(file): \(message)" : "\(file):\(line):\(column): \(message)" }
}
