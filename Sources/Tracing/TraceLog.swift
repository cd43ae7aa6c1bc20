/// Packet bytes, stored once: every snapshot and frame is appended to one
/// buffer and named by its index, so events stay 24 bytes.
public struct PacketStore: Sendable, Equatable {
    public private(set) var bytes: [UInt8] = []
    private var starts: [UInt32] = []

    public init() {}

    public var count: Int { starts.count }

    /// Stores `packet` and returns its index.
    public mutating func append<C: Collection>(_ packet: C) -> UInt32 where C.Element == UInt8 {
        starts.append(UInt32(bytes.count))
        bytes.append(contentsOf: packet)
        return UInt32(starts.count - 1)
    }

    public subscript(index: UInt32) -> ArraySlice<UInt8> {
        let i = Int(index)
        let end = i + 1 < starts.count ? Int(starts[i + 1]) : bytes.count
        return bytes[Int(starts[i])..<end]
    }
}

/// A host as the log names it.
public struct HostInfo: Sendable, Equatable {
    public var name: String
    /// Device names by ifindex (index 0 unused, as in the kernel).
    public var devices: [String]
    /// The link each device is plugged into, by ifindex ("" for none, as lo):
    /// devices of different hosts on the same link see each other's frames.
    public var links: [String]
    public init(name: String, devices: [String], links: [String] = []) {
        self.name = name; self.devices = devices; self.links = links
    }
}

/// The event log: the single truth every view and export folds over.
public struct TraceLog: Sendable, Equatable {
    public var scenario: String
    public var seed: UInt64
    /// The kernel the run modelled.
    public var kernel: KernelVersion
    public var hosts: [HostInfo]
    public internal(set) var events = EventStore()
    public internal(set) var packets = PacketStore()
    /// Set for a log read from a real kernel's trace (see ``Recording``).
    public var recording: Recording?

    public init(scenario: String, seed: UInt64, kernel: KernelVersion = .v4_9, hosts: [HostInfo] = []) {
        self.scenario = scenario; self.seed = seed; self.kernel = kernel; self.hosts = hosts
    }

    /// What every export's header names: the scenario, its seed and the kernel.
    public var title: String { "\(scenario) (seed \(seed), \(kernel.title))" }

    public var count: Int { events.count }
    public subscript(i: Int) -> Event { events[i] }

    public func hostName(_ e: Event) -> String {
        Int(e.host) < hosts.count ? hosts[Int(e.host)].name : "host\(e.host)"
    }

    /// A copy holding only the first `n` events (the packets they name stay).
    public func prefix(_ n: Int) -> TraceLog {
        var copy = self
        copy.events = EventStore(events.prefix(n))
        return copy
    }

    /// Appends an event read back from a file (the JSON Lines reader).
    public mutating func append(_ e: Event) { events.append(e) }
    public mutating func storePacket<C: Collection>(_ p: C) -> UInt32 where C.Element == UInt8 {
        packets.append(p)
    }
}
