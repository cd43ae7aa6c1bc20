import Kernel
import Tracing

/// Measurement 2 (scaling): cold connects to ever more peer addresses, so
/// the neighbour table grows past gc_thresh3.
enum ScalingBench {
    /// 10^6 connects need 125 pairs of 8,000; see ManyPeers for why pairs.
    static let perPair = 8000

    static func run(_ sizes: Sizes, into r: inout Report, progress: Progress) {
        for n in sizes.scaling {
            progress("  \(grouped(n)) connects, discarding")
            r.scaling.append(row(n, recording: false).row)
            if n <= sizes.recordUpTo {
                progress("  \(grouped(n)) connects, recording")
                let (recorded, gc) = row(n, recording: true)
                r.scaling.append(recorded)
                if let gc { r.neighbourGC = gc }
            }
        }
        let discarding = r.scaling.filter { $0.mode == "discarding" }
        if let large = discarding.last, let small = discarding.first(where: { $0.connects == 10_000 && large.connects > 10_000 })
            ?? discarding.first, large.connects > small.connects {
            r.scalingRatio = large.usPerConnect / small.usPerConnect
            r.scalingRatioSizes = (small.connects, large.connects)
        }
        r.notes.append("Scaling rows: \(perPair) connects at most per client/peer pair (10^6 = 125 pairs), each pair on its own wire. "
            + "Sockets are hashed by 4-tuple (net/ipv4/tcp_ipv4.swift), so the cost per connect does not grow with "
            + "their number; pairs keep each peer's address count and each link's broadcast fan-out small. "
            + "'discarding' rows use Tracer(recording: false); 'recording' rows keep the log.")
        if !r.neighbourGC.observed {
            r.notes.append("Neighbour GC: no neigh_periodic_work or neigh_forced_gc call in the recorded run, so the "
                + "neighbour table is not garbage-collected yet (another engineer is implementing it in "
                + "net/core/neighbour.swift); tables grow to one entry per peer address.")
        }
    }

    /// One run; a recording run also says what the neighbour GC did.
    private static func row(_ n: Int, recording: Bool) -> (row: ScalingRow, gc: NeighbourGC?) {
        Memory.resetPeak()
        let m = ManyPeers(.init(connects: n, perPair: perPair, recording: recording))
        let t = timed { m.run() }.seconds
        let peak = Memory.peak
        var logMb: Double?, gc: NeighbourGC?
        if recording {
            let log = m.world.tracer.log
            logMb = mb(log.events.reservedBytes + log.packets.bytes.capacity)
            gc = neighbourGC(log, connects: n, threshold: m.world.hosts[0].arp_tbl.gc_thresh3)
        }
        let row = ScalingRow(connects: n, mode: recording ? "recording" : "discarding", pairs: m.pairs, seconds: t,
                             events: m.world.tracer.emitted, failed: m.failed, peakRssMb: mb(peak), logMb: logMb)
        return (row, gc)
    }

    private static func neighbourGC(_ log: TraceLog, connects: Int, threshold: Int) -> NeighbourGC {
        var gc = NeighbourGC(gcThresh3: threshold, measuredAt: connects)
        // By name: the catalogue gains these functions as the GC lands.
        let periodic = Fn(name: "neigh_periodic_work")?.rawValue, forced = Fn(name: "neigh_forced_gc")?.rawValue
        for e in log.events {
            switch e.kind {
            case .enter where e.code == periodic: gc.periodicWorkCalls += 1
            case .enter where e.code == forced: gc.forcedGCCalls += 1
            case .neighCreated: gc.entriesCreated += 1
            default: break
            }
        }
        gc.observed = gc.periodicWorkCalls + gc.forcedGCCalls > 0
        return gc
    }
}
