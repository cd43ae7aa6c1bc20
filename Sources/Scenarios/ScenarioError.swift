/// A problem in a scenario file, located as compilers locate theirs:
/// `FILE:LINE:COL: what is wrong`.
public struct ScenarioError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String

    public var description: String { "\(file):\(line):\(column): \(message)" }
}
