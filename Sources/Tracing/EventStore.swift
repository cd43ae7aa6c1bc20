/// The log's events in fixed-size chunks. A growing array doubles and copies
/// everything it holds, and reserves up to twice what it uses; chunks never
/// move what is recorded, cost 24 bytes per event plus one partly filled
/// chunk, and a copy of the log (the TUI reading while the run appends)
/// shares every chunk but the one being written.
public struct EventStore: RandomAccessCollection, Equatable, Sendable {
    static let shift = 16
    /// 65,536 events, 1.5 MiB: pages are touched only as events arrive.
    static let chunkSize = 1 << shift

    private var chunks: [ContiguousArray<Event>] = []
    public private(set) var count = 0

    public init() {}

    public init<S: Sequence>(_ events: S) where S.Element == Event {
        for e in events { append(e) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    @inline(__always)
    public subscript(i: Int) -> Event { chunks[i &>> Self.shift][i & (Self.chunkSize &- 1)] }

    @inline(__always)
    public mutating func append(_ e: Event) {
        if count & (Self.chunkSize &- 1) == 0 {
            var chunk = ContiguousArray<Event>()
            chunk.reserveCapacity(Self.chunkSize)
            chunks.append(chunk)
        }
        chunks[chunks.count &- 1].append(e)
        count &+= 1
    }

    /// Bytes reserved for events, recorded or not yet.
    public var reservedBytes: Int { chunks.count * Self.chunkSize * MemoryLayout<Event>.stride }

    public static func == (a: EventStore, b: EventStore) -> Bool { a.count == b.count && a.elementsEqual(b) }
}
