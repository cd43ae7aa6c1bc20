/// Reading packet bytes: every reader of the log (the descriptions, the TUI's
/// decoder) and the kernel model take big-endian fields the same way.
extension Array where Element == UInt8 {
    /// The big-endian value of `size` bytes (at most 4) at `offset`.
    public func be(_ offset: Int, _ size: Int) -> UInt32 {
        var v: UInt32 = 0
        for i in 0..<size { v = v << 8 | UInt32(self[offset + i]) }
        return v
    }
}
