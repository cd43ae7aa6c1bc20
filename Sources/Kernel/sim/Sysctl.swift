import Tracing

/// The sysctls the connect path reads (net.ipv4.*), with 4.9's defaults.
public struct Sysctl: Sendable {
    public var ip_default_ttl: UInt8 = 64
    /// net.ipv4.ip_forward: route packets not addressed to this host.
    public var ip_forward = false
    /// net.ipv4.conf.all.arp_ignore: 8 = do not reply to any ARP request
    /// ("the peer ignores ARP").
    public var arp_ignore = 0
    public var tcp_syn_retries = 6
    public var tcp_timestamps = true
    public var tcp_sack = true
    public var tcp_window_scaling = true
    public var ip_local_port_range: ClosedRange<UInt16> = 32768...60999
    public init() {}
}

/// Why a sysctl write was refused, as `sysctl -w` would be: the name is
/// unknown, names a device the host lacks, or the value is outside what the
/// parameter's proc handler accepts (it returns -EINVAL).
public enum SysctlError: Error, Equatable, CustomStringConvertible {
    case unknown(name: String)
    case noDevice(String, name: String)
    case outOfRange(name: String, value: Int, range: ClosedRange<Int>, handler: String)

    /// True when the name is at fault, false when the value is.
    public var isAboutTheName: Bool {
        if case .outOfRange = self { false } else { true }
    }

    public var description: String {
        switch self {
        case .unknown(let name): "unknown sysctl '\(name)'"
        case .noDevice(let dev, let name): "no device '\(dev)' for \(name)"
        case .outOfRange(let name, let value, let range, let handler):
            "\(name) must be in \(range.lowerBound)...\(range.upperBound) (\(handler)), not \(value)"
        }
    }
}

/// The proc handlers of the parameters the model reads (kernel/sysctl.c):
/// what each accepts, and the value it stores.
enum ProcHandler {
    /// proc_dointvec: any int.
    case dointvec
    /// proc_dointvec_minmax with extra1/extra2.
    case minmax(ClosedRange<Int>)
    /// proc_dointvec_jiffies: seconds, |value| <= INT_MAX / HZ, stored × HZ.
    case jiffies
    /// proc_dointvec_ms_jiffies: milliseconds whose jiffies fit an int
    /// (msecs_to_jiffies of a negative value is out of range).
    case msJiffies
    /// proc_dointvec_userhz_jiffies: USER_HZ (1/100 s) ticks, stored as
    /// clock_t_to_jiffies (× 10), truncated to an int; negative → ~0.
    case userHZJiffies

    var name: String {
        switch self {
        case .dointvec: "proc_dointvec"
        case .minmax: "proc_dointvec_minmax"
        case .jiffies: "proc_dointvec_jiffies"
        case .msJiffies: "proc_dointvec_ms_jiffies"
        case .userHZJiffies: "proc_dointvec_userhz_jiffies"
        }
    }

    var range: ClosedRange<Int> {
        switch self {
        case .dointvec, .userHZJiffies: Int(Int32.min)...Int(Int32.max)
        case .minmax(let r): r
        case .jiffies: -Int(Int32.max) / Int(World.HZ)...Int(Int32.max) / Int(World.HZ)
        case .msJiffies: 0...Int(Int32.max)
        }
    }

    /// The int the handler stores for `value`, already range-checked.
    func stored(_ value: Int) -> Int32 {
        switch self {
        case .dointvec, .minmax, .msJiffies: Int32(value)   // HZ = 1000: a millisecond is a jiffy
        case .jiffies: Int32(value * Int(World.HZ))
        case .userHZJiffies: value < 0 ? -1 : Int32(truncatingIfNeeded: value * (Int(World.HZ) / 100))
        }
    }

    /// Checks `value` as the handler would and returns what it stores.
    func write(_ name: String, _ value: Int) throws(SysctlError) -> Int32 {
        guard range.contains(value) else {
            throw .outOfRange(name: name, value: value, range: range, handler: self.name)
        }
        return stored(value)
    }
}

extension Net {
    /// `sysctl -w NAME=VALUE` for the parameters the model reads. Names,
    /// handlers and ranges are the kernel's (net/ipv4/sysctl_net_ipv4.c,
    /// net/ipv4/devinet.c, net/core/neighbour.c). A time stored as a
    /// negative int reads back as a huge unsigned one, as it does in the
    /// kernel's unsigned jiffies arithmetic. `net.ipv4.neigh.default.*` is
    /// applied as if set before the devices came up, so every device's
    /// parms take it.
    public func setSysctl(_ name: String, _ value: Int) throws(SysctlError) {
        func int(_ h: ProcHandler) throws(SysctlError) -> Int { Int(try h.write(name, value)) }
        func jiffies(_ h: ProcHandler) throws(SysctlError) -> UInt32 { UInt32(bitPattern: try h.write(name, value)) }
        switch name {
        case "net.ipv4.ip_forward", "net.ipv4.conf.all.forwarding": sysctl.ip_forward = try int(.dointvec) != 0
        case "net.ipv4.ip_default_ttl": sysctl.ip_default_ttl = UInt8(try int(.minmax(1...255)))
        case "net.ipv4.conf.all.arp_ignore": sysctl.arp_ignore = try int(.dointvec)
        case "net.ipv4.tcp_syn_retries": sysctl.tcp_syn_retries = try int(.minmax(1...127))
        case "net.ipv4.tcp_timestamps": sysctl.tcp_timestamps = try int(.dointvec) != 0
        case "net.ipv4.tcp_sack": sysctl.tcp_sack = try int(.dointvec) != 0
        case "net.ipv4.tcp_window_scaling": sysctl.tcp_window_scaling = try int(.dointvec) != 0
        case "net.ipv4.neigh.default.gc_thresh1": arp_tbl.gc_thresh1 = try int(.dointvec)
        case "net.ipv4.neigh.default.gc_thresh2": arp_tbl.gc_thresh2 = try int(.dointvec)
        case "net.ipv4.neigh.default.gc_thresh3": arp_tbl.gc_thresh3 = try int(.dointvec)
        case "net.ipv4.neigh.default.gc_interval": arp_tbl.gc_interval = try jiffies(.jiffies)
        default:
            let parts = name.split(separator: ".")
            guard parts.count == 5, parts[0] == "net", parts[1] == "ipv4", parts[2] == "neigh" else {
                throw .unknown(name: name)
            }
            let devs = parts[3] == "default" ? devices.filter { !$0.flags.contains(.IFF_LOOPBACK) }
                : devices.filter { $0.name == parts[3] }
            guard !devs.isEmpty else { throw .noDevice(String(parts[3]), name: name) }
            for dev in devs { try setNeighParm(&dev.arp_parms, String(parts[4]), name, value) }
        }
    }

    /// One entry of neigh_sysctl_template (net/core/neighbour.c).
    private func setNeighParm(_ p: inout NeighParms, _ field: String, _ name: String, _ value: Int) throws(SysctlError) {
        /// NEIGH_SYSCTL_ZERO_INTMAX_ENTRY: proc_dointvec_minmax over 0...INT_MAX.
        let zeroIntMax = ProcHandler.minmax(0...Int(Int32.max))
        func int(_ h: ProcHandler) throws(SysctlError) -> Int { Int(try h.write(name, value)) }
        func jiffies(_ h: ProcHandler) throws(SysctlError) -> UInt32 { UInt32(bitPattern: try h.write(name, value)) }
        switch field {
        case "mcast_solicit": p.mcast_probes = try int(zeroIntMax)
        case "ucast_solicit": p.ucast_probes = try int(zeroIntMax)
        case "app_solicit": p.app_probes = try int(zeroIntMax)
        case "mcast_resolicit": p.mcast_reprobes = try int(zeroIntMax)
        case "retrans_time": p.retrans_time = try jiffies(.userHZJiffies)
        case "retrans_time_ms": p.retrans_time = try jiffies(.msJiffies)
        case "base_reachable_time", "base_reachable_time_ms":
            // neigh_proc_base_reachable_time: a new reachable_time at once.
            p.base_reachable_time = try jiffies(field.hasSuffix("_ms") ? .msJiffies : .jiffies)
            p.reachable_time = neigh_rand_reach_time(p.base_reachable_time)
        case "delay_first_probe_time": p.delay_probe_time = try jiffies(.jiffies)
        case "gc_stale_time": p.gc_staletime = try jiffies(.jiffies)
        case "locktime": p.locktime = try jiffies(.userHZJiffies)
        case "unres_qlen_bytes": p.queue_len_bytes = try int(zeroIntMax)
        // neigh_proc_dointvec_unres_qlen: packets, stored as bytes of
        // SKB_TRUESIZE(ETH_FRAME_LEN) each, so at most INT_MAX / that.
        case "unres_qlen":
            let perPacket = SKB_TRUESIZE(ETH_FRAME_LEN)
            p.queue_len_bytes = try int(.minmax(0...Int(Int32.max) / perPacket)) * perPacket
        default: throw .unknown(name: name)
        }
    }
}

/// The largest Ethernet frame without its FCS.
let ETH_FRAME_LEN = 1514
