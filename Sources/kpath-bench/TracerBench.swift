import Tracing

/// Measurements 1 and 2 (throughput): the same cold connects with the
/// recorder and with a tracer that only counts; then warm connects.
enum TracerBench {
    /// Connects per client/peer pair: small, so that the model's per-host
    /// socket list (see ManyPeers) weighs little next to the tracer.
    static let perPair = 1000

    static func run(_ sizes: Sizes, into r: inout Report) {
        let n = sizes.overheadConnects
        var recording = Double.infinity, discarding = Double.infinity
        var recorded = 0, discardedEmitted = 0
        var eventBytes = 0, packetBytes = 0, reservedBytes = 0
        // Alternate the two modes so that a noisy neighbour hurts both alike.
        for _ in 0..<sizes.repetitions {
            let rec = ManyPeers(.init(connects: n, perPair: perPair, recording: true))
            let t = timed { rec.run() }.seconds
            if t < recording {
                recording = t
                recorded = rec.world.tracer.log.count
                let log = rec.world.tracer.log
                // Recorded events: the last chunk's unused reserve (at most
                // 1.5 MiB, untouched pages) is reported in a note, not here.
                eventBytes = log.events.count * MemoryLayout<Event>.stride
                reservedBytes = log.events.reservedBytes
                // The store keeps the bytes and one UInt32 start per packet.
                packetBytes = log.packets.bytes.capacity + log.packets.count * MemoryLayout<UInt32>.stride
            }
            let dis = ManyPeers(.init(connects: n, perPair: perPair, recording: false))
            let d = timed { dis.run() }.seconds
            if d < discarding { discarding = d; discardedEmitted = dis.world.tracer.emitted }
        }
        r.overheadConnects = n
        r.recordedEvents = recorded
        r.recordingSeconds = recording
        r.discardingSeconds = discarding
        r.tracerOverheadNsPerEvent = (recording - discarding) * 1e9 / Double(recorded)
        r.recorderEventBytesPerEvent = Double(eventBytes) / Double(recorded)
        r.recorderPacketBytesPerEvent = Double(packetBytes) / Double(recorded)
        r.recorderBytesPerEvent = Double(eventBytes + packetBytes) / Double(recorded)
        r.simEventsPerSec = Double(recorded) / recording
        r.simEventsPerSecDiscarding = Double(discardedEmitted) / discarding
        r.connectsPerSecCold = Double(n) / recording
        r.eventsPerConnectCold = Double(recorded) / Double(n)
        r.notes.append("Recorder: events take exactly \(MemoryLayout<Event>.stride) B each in 65,536-event chunks; "
            + "the last chunk's unused reserve was \(fixed(Double(reservedBytes - eventBytes) / 1_048_576, 2)) MB "
            + "(untouched pages). Packet bytes are stored once, in one buffer, not per event.")
        if recorded != discardedEmitted {
            r.notes.append("The discarding tracer saw \(grouped(recorded - discardedEmitted)) fewer events than the recorder: "
                + "skb snapshots (skbData) are only taken when recording. Overhead is per recorded event.")
        }

        let micro = TracerMicro.nsPerEvent(events: sizes.microEvents, repetitions: sizes.repetitions)
        r.tracerMicroNsPerEvent = micro.recording
        r.tracerMicroDiscardingNsPerEvent = micro.discarding

        var warm = Double.infinity, warmEvents = 0
        for _ in 0..<sizes.repetitions {
            let m = ManyPeers(.init(connects: n, perPair: perPair, addresses: 1, recording: true))
            let t = timed { m.run() }.seconds
            if t < warm { warm = t; warmEvents = m.world.tracer.log.count }
        }
        r.connectsPerSecWarm = Double(n) / warm
        r.eventsPerConnectWarm = Double(warmEvents) / Double(n)
    }
}
