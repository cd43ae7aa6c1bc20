import Tracing

/// The tracer alone, with no simulation around it: enter/exit pairs in a
/// loop, into the recorder and into a discarding tracer.
enum TracerMicro {
    static func nsPerEvent(events: Int, repetitions: Int) -> (recording: Double, discarding: Double) {
        var best = (recording: Double.infinity, discarding: Double.infinity)
        for _ in 0..<repetitions {
            for recording in [true, false] {
                let tracer = Tracer(scenario: "micro", seed: 1, recording: recording)
                let host = tracer.addHost(HostInfo(name: "h", devices: [""]))
                let t = timed {
                    var time: UInt64 = 0
                    for i in 0..<events / 2 {
                        tracer.enter(.ip_output, host: host, context: .process, time: time, skb: UInt32(truncatingIfNeeded: i))
                        time &+= 50
                        tracer.exit(.ip_output, host: host, context: .process, time: time, skb: UInt32(truncatingIfNeeded: i), ret: 0)
                    }
                }.seconds
                precondition(tracer.emitted == events / 2 * 2)
                let ns = t * 1e9 / Double(events)
                if recording { best.recording = min(best.recording, ns) } else { best.discarding = min(best.discarding, ns) }
            }
        }
        return best
    }
}
