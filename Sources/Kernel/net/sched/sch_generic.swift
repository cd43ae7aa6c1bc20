import Tracing

/// The root qdiscs a device can have (net.core.default_qdisc).
public enum QdiscKind: String, Sendable, CaseIterable {
    /// pfifo_fast, the kernel's default.
    case pfifo_fast
    /// fq_codel (net/sched/sch_fq_codel.c), systemd's and Debian's default.
    case fq_codel
}

/// struct Qdisc for a root qdisc: pfifo_fast's three FIFO bands,
/// `tx_queue_len` packets in all, and TCQ_F_CAN_BYPASS; or fq_codel, which
/// also sets TCQ_F_CAN_BYPASS (an empty queue sends straight to the driver)
/// and holds up to 10240 packets.
///
/// Mirrors net/sched/sch_generic.c (4.9, spinlocked). Simplified away: bulk
/// dequeue, BQL, requeue of a busy driver (the model NIC never is busy),
/// fq_codel's per-flow queues and CoDel drops (a lesson has one flow and
/// never a standing queue: fq_codel is a FIFO here).
final class Qdisc {
    var bands: [[SKB]] = [[], [], []]
    let limit: Int
    let TCQ_F_CAN_BYPASS: Bool
    /// qdisc_run_begin / qdisc_run_end.
    var running = false

    /// False for noqueue, whose enqueue pointer is cleared at init.
    let enqueues: Bool

    init(limit: Int, canBypass: Bool, enqueues: Bool) {
        self.limit = limit; TCQ_F_CAN_BYPASS = canBypass; self.enqueues = enqueues
    }

    convenience init(_ kind: QdiscKind) {
        switch kind {
        case .pfifo_fast: self.init(limit: 1000, canBypass: true, enqueues: true)
        case .fq_codel: self.init(limit: 10240, canBypass: true, enqueues: true)
        }
    }
    /// noqueue_qdisc_ops: lo, veth, tunnels.
    static func noqueue() -> Qdisc { Qdisc(limit: 0, canBypass: false, enqueues: false) }

    var qlen: Int { bands.reduce(0) { $0 + $1.count } }

    /// prio2band: priority 0 → band 1.
    static let prio2band: [Int] = [1, 2, 2, 2, 1, 2, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]

    /// pfifo_fast_enqueue: over the limit → NET_XMIT_DROP.
    func enqueue(_ skb: SKB) -> Int32 {
        guard qlen < limit else { return NET_XMIT_DROP }
        bands[Qdisc.prio2band[Int(skb.priority & 15)]].append(skb)
        return NET_XMIT_SUCCESS
    }

    /// pfifo_fast_dequeue: band 0 first.
    func dequeue() -> SKB? {
        for b in 0..<bands.count where !bands[b].isEmpty { return bands[b].removeFirst() }
        return nil
    }
}

extension Net {
    /// net/sched/sch_generic.c: hands one skb to the driver under the TX lock
    /// (dev_hard_start_xmit). Returns the queue length left, 0 when done.
    /// Simplified away: validate_xmit_skb (no offloads to emulate) and the
    /// requeue of a busy driver.
    func sch_direct_xmit(_ skb: SKB, _ q: Qdisc, _ dev: NetDevice) -> Int32 {
        span(.sch_direct_xmit, skb) {
            var rc = NETDEV_TX_OK
            dev_hard_start_xmit(skb, dev, &rc)
            return dev_xmit_complete(rc) ? Int32(q.qlen) : 0
        }
    }

    /// __qdisc_run: dequeue and send until the queue is empty.
    func __qdisc_run(_ q: Qdisc, _ dev: NetDevice) {
        while let skb = q.dequeue() {
            note(.skbDequeued(skb.id, .qdisc, length: q.qlen, owner: UInt32(dev.ifindex)))
            if sch_direct_xmit(skb, q, dev) == 0 { break }
        }
        q.running = false
    }
}
