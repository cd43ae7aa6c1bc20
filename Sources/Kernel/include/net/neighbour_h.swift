import Tracing

/// struct neigh_parms: per-device ARP parameters (net.ipv4.neigh.DEV.*),
/// with arp_tbl's 4.9 defaults (net/ipv4/arp.c). Times are in jiffies (HZ = 1000).
public struct NeighParms: Sendable {
    public var mcast_probes = 3
    public var ucast_probes = 3
    public var app_probes = 0
    public var mcast_reprobes = 0
    public var retrans_time: UInt32 = 1000
    public var base_reachable_time: UInt32 = 30_000
    public var delay_probe_time: UInt32 = 5000
    public var gc_staletime: UInt32 = 60_000
    public var queue_len_bytes = 64 * 1024
    public var locktime: UInt32 = 1000
    /// Randomised from base_reachable_time (neigh_rand_reach_time) when the
    /// parms are set up; 0 until then.
    public var reachable_time: UInt32 = 0
    public init() {}
}

/// struct hh_cache: the cached link-layer header (hh_len 0 = empty).
struct HHCache {
    var hh_len = 0
    var hh_data: [UInt8] = []
}

/// The output functions a neighbour's `output` pointer can hold.
enum NeighOutput {
    case neigh_resolve_output, neigh_connected_output

    var fn: Fn {
        switch self {
        case .neigh_resolve_output: .neigh_resolve_output
        case .neigh_connected_output: .neigh_connected_output
        }
    }

    /// The indirect call `n->output(n, skb)`.
    func callAsFunction(_ n: Neighbour, _ skb: SKB) -> Int32 {
        let net = n.tbl.net!
        switch self {
        case .neigh_resolve_output: return net.neigh_resolve_output(n, skb)
        case .neigh_connected_output: return net.neigh_connected_output(n, skb)
        }
    }
}

/// struct neigh_ops: the ARP tables of net/ipv4/arp.c. Both carry
/// arp_solicit and arp_error_report; they differ in connected_output.
/// (arp_direct_ops, for devices without header_ops, is not modelled.)
struct NeighOps {
    let kind: NeighOpsKind
    let output: NeighOutput
    let connected_output: NeighOutput

    static let arp_generic_ops = NeighOps(kind: .arp_generic_ops, output: .neigh_resolve_output,
                                          connected_output: .neigh_connected_output)
    static let arp_hh_ops = NeighOps(kind: .arp_hh_ops, output: .neigh_resolve_output,
                                     connected_output: .neigh_resolve_output)
}

/// struct neighbour: one entry of a neighbour table.
public final class Neighbour {
    unowned let tbl: NeighTable
    let dev: NetDevice
    /// The IPv4 address this entry resolves (0.0.0.0 on lo: one shared entry).
    var primary_key: UInt32
    var nud_state: NUDState = .NUD_NONE
    var ops: NeighOps = .arp_generic_ops
    var output: NeighOutput = .neigh_resolve_output
    /// neigh->parms points at the device's in_dev->arp_parms (set by
    /// arp_constructor), so a sysctl change reaches every entry.
    var parms: NeighParms { dev.arp_parms }
    var ha = [UInt8](repeating: 0, count: 6)
    var hh = HHCache()
    var arp_queue: [SKB] = []
    var arp_queue_len_bytes = 0
    var probes = 0
    var confirmed: UInt32 = 0
    var updated: UInt32 = 0
    var used: UInt32 = 0
    var timer: KernelTimer?
    var dead = false

    init(tbl: NeighTable, dev: NetDevice, key: UInt32) {
        self.tbl = tbl; self.dev = dev; primary_key = key
    }

    var key: NeighKey { NeighKey(ifindex: UInt32(dev.ifindex), ip: primary_key) }

    /// The references held: the table's, and the timer's while it is pending
    /// (neigh_add_timer takes one). Sockets' routes hold none in 4.9.
    var refcnt: Int { 1 + (timer?.pending == true ? 1 : 0) }
}

/// struct neigh_table: arp_tbl. Entries are keyed by device and address.
public final class NeighTable {
    weak var net: Net?
    var entries: [NeighKey: Neighbour] = [:]
    public var gc_thresh1 = 128, gc_thresh2 = 512, gc_thresh3 = 1024
    public var gc_interval: UInt32 = 30_000
    /// tbl->parms: the defaults, whose reachable_time paces the GC work.
    var parms = NeighParms()
    /// jiffies of the last forced GC and of the last reachable_time refresh.
    var last_flush: UInt32 = 0, last_rand: UInt32 = 0
    init() {}

    /// The entries in a stable order: iteration must not depend on hashing,
    /// or two runs of the same scenario would differ.
    var ordered: [Neighbour] { entries.values.sorted { ($0.dev.ifindex, $0.primary_key) < ($1.dev.ifindex, $1.primary_key) } }
}

extension Net {
    /// include/net/neighbour.h: the fast path. Copies the cached header in
    /// front of the packet and transmits. 4.9.y's headroom check is not
    /// needed: every model skb has the headroom.
    func neigh_hh_output(_ hh: HHCache, _ skb: SKB) -> Int32 {
        span(.neigh_hh_output, skb) {
            skb.push(hh.hh_data)
            snapshot(skb)
            return dev_queue_xmit(skb)
        }
    }

    /// include/net/neighbour.h (6.1): the transmit path dst_neigh_output
    /// chose in 4.9, without the route confirmation (sock_confirm_neigh runs
    /// before): NUD_CONNECTED with a filled hh cache → neigh_hh_output,
    /// anything else → n->output.
    func neigh_output(_ n: Neighbour, _ skb: SKB) -> Int32 {
        span(.neigh_output, skb, arg: n.primary_key) { transmit(n, skb, choosing: .neigh_output) }
    }

    /// The choice dst_neigh_output (4.9) and neigh_output (6.1) share, with
    /// the branch recorded for the one that made it.
    func transmit(_ n: Neighbour, _ skb: SKB, choosing by: Fn) -> Int32 {
        if !n.nud_state.isDisjoint(with: .NUD_CONNECTED) && n.hh.hh_len != 0 {
            branch(by, .hhFastPath(n.nud_state, hhLen: UInt16(n.hh.hh_len)))
            return neigh_hh_output(n.hh, skb)
        }
        branch(by, .slowPath(n.nud_state, hhLen: UInt16(n.hh.hh_len), output: n.output.fn))
        indirect(.n_output, n.output.fn)
        return n.output(n, skb)
    }

    /// include/net/neighbour.h: stamps `used`; 0 (send now) when the state
    /// has CONNECTED, DELAY or PROBE bits, else __neigh_event_send.
    func neigh_event_send(_ neigh: Neighbour, _ skb: SKB?) -> Int32 {
        span(.neigh_event_send, skb, arg: neigh.primary_key) {
            neigh.used = jiffies
            if !neigh.nud_state.isDisjoint(with: [.NUD_CONNECTED, .NUD_DELAY, .NUD_PROBE]) {
                branch(.neigh_event_send, .eventSendNow(neigh.nud_state))
                return 0
            }
            branch(.neigh_event_send, .eventSendResolve(neigh.nud_state))
            return __neigh_event_send(neigh, skb)
        }
    }
}
