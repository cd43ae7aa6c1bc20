/// Sorted event indices of one kind of interest (frames, branches, hooks...),
/// appended as the log grows and searched by bisection, so a pane finds
/// "the last one at or before the cursor" in O(log n), not by a scan.
struct SparseList {
    private(set) var items: [Int32] = []

    var count: Int { items.count }
    subscript(i: Int) -> Int { Int(items[i]) }

    mutating func append(_ index: Int) { items.append(Int32(index)) }

    /// How many items are `<= index`.
    func count(atOrBefore index: Int) -> Int {
        var lo = 0, hi = items.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(items[mid]) <= index { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The last item `<= index`.
    func last(atOrBefore index: Int) -> Int? {
        let n = count(atOrBefore: index)
        return n > 0 ? Int(items[n - 1]) : nil
    }

    /// The first item `>= index`.
    func first(atOrAfter index: Int) -> Int? {
        let n = count(atOrBefore: index - 1)
        return n < items.count ? Int(items[n]) : nil
    }

    /// Items in `range`, in order.
    func items(in range: ClosedRange<Int>) -> ArraySlice<Int32> {
        let lo = count(atOrBefore: range.lowerBound - 1), hi = count(atOrBefore: range.upperBound)
        return items[lo..<max(lo, hi)]
    }
}
