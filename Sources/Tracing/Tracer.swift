/// Receives the simulation's events and keeps the log.
///
/// The kernel model calls ``enter(_:host:context:time:skb:arg:)`` and
/// ``exit(_:host:context:time:skb:ret:)`` around every simulated function and
/// ``emit(_:host:context:time:code:aux:arg:skb:)`` for teaching moments. With
/// `recording: false` it only keeps span depths, which is what the benchmark
/// compares recording against.
public final class Tracer {
    // The hot state is exempt from the runtime exclusivity check: the tracer
    // is single threaded and never passes this storage out while it appends,
    // and the check (swift_beginAccess) cost more than recording an event.
    @exclusivity(unchecked) public private(set) var log: TraceLog
    @exclusivity(unchecked) public private(set) var recording: Bool
    /// What the run asked for: a paused tracer resumes only if it was asked to record.
    private let recordingRequested: Bool
    /// Events seen, recorded or not.
    @exclusivity(unchecked) public private(set) var emitted = 0
    @exclusivity(unchecked) private var depths: [UInt8]

    public init(scenario: String, seed: UInt64, kernel: KernelVersion = .v4_9, recording: Bool = true) {
        log = TraceLog(scenario: scenario, seed: seed, kernel: kernel)
        self.recording = recording
        recordingRequested = recording
        depths = []
    }

    /// Registers a host; its index is the `host` of its events.
    public func addHost(_ info: HostInfo) -> UInt8 {
        log.hosts.append(info)
        depths.append(contentsOf: repeatElement(0, count: 256))
        return UInt8(log.hosts.count - 1)
    }

    /// Records that the host's device `ifindex` is plugged into `link`.
    public func setLink(host: UInt8, ifindex: Int, link: String) {
        var links = log.hosts[Int(host)].links
        while links.count <= ifindex { links.append("") }
        links[ifindex] = link
        log.hosts[Int(host)].links = links
    }

    public func renameDevice(host: UInt8, ifindex: Int, name: String) {
        var devices = log.hosts[Int(host)].devices
        while devices.count <= ifindex { devices.append("") }
        devices[ifindex] = name
        log.hosts[Int(host)].devices = devices
    }

    @inline(__always)
    private func slot(_ host: UInt8, _ context: ExecutionContext) -> Int {
        Int(host) &<< 8 &+ Int(context.rawValue)
    }

    @inline(__always)
    public func enter(_ fn: Fn, host: UInt8, context: ExecutionContext, time: UInt64,
                      skb: UInt32, arg: UInt32 = 0) {
        let s = slot(host, context)
        let d = depths[s]
        depths[s] = d &+ 1
        append(Event(time: time, kind: .enter, host: host, context: context, depth: d,
                     code: fn.rawValue, arg: arg, skb: skb))
    }

    @inline(__always)
    public func exit(_ fn: Fn, host: UInt8, context: ExecutionContext, time: UInt64,
                     skb: UInt32, ret: Int32) {
        let s = slot(host, context)
        let d = depths[s] &- 1
        depths[s] = d
        append(Event(time: time, kind: .exit, host: host, context: context, depth: d,
                     code: fn.rawValue, arg: UInt32(bitPattern: ret), skb: skb))
    }

    /// Emits a non-span event at the current depth of its context.
    @inline(__always)
    public func emit(_ kind: Event.Kind, host: UInt8, context: ExecutionContext, time: UInt64,
                     code: UInt16 = 0, aux: UInt16 = 0, arg: UInt32 = 0, skb: UInt32 = 0) {
        append(Event(time: time, kind: kind, host: host, context: context,
                     depth: depths[slot(host, context)], code: code, aux: aux, arg: arg, skb: skb))
    }

    /// Stops keeping events until ``resume()``, as a capture that is started
    /// later (ftrace turned on for one experiment of several). Depths are
    /// still kept, so pause only between tasks.
    public func pause() { recording = false }

    public func resume() { recording = recordingRequested }

    /// Stores packet bytes once and returns their index (0 when not recording).
    public func store<C: Collection>(_ packet: C) -> UInt32 where C.Element == UInt8 {
        recording ? log.packets.append(packet) : 0
    }

    @inline(__always)
    private func append(_ e: Event) {
        emitted &+= 1
        if recording { log.events.append(e) }
    }
}
