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

/// Why a sysctl write was refused, as `sysctl -w` would complain.
public struct SysctlError: Error, CustomStringConvertible {
    public let description: String
}

extension Net {
    /// `sysctl -w NAME=VALUE` for the parameters the model reads. Names and
    /// ranges are the kernel's (net/ipv4/sysctl_net_ipv4.c, net/core/neighbour.c).
    /// `net.ipv4.neigh.default.*` is applied as if set before the devices
    /// came up, so every device's parms take it.
    public func setSysctl(_ name: String, _ value: Int) throws(SysctlError) {
        func range(_ r: ClosedRange<Int>) throws(SysctlError) -> Int {
            guard r.contains(value) else {
                throw SysctlError(description: "\(name) must be in \(r.lowerBound)...\(r.upperBound), not \(value)")
            }
            return value
        }
        switch name {
        case "net.ipv4.ip_forward", "net.ipv4.conf.all.forwarding": sysctl.ip_forward = try range(0...1) == 1
        case "net.ipv4.ip_default_ttl": sysctl.ip_default_ttl = UInt8(try range(1...255))
        case "net.ipv4.conf.all.arp_ignore": sysctl.arp_ignore = try range(0...8)
        case "net.ipv4.tcp_syn_retries": sysctl.tcp_syn_retries = try range(1...127)
        case "net.ipv4.tcp_timestamps": sysctl.tcp_timestamps = try range(0...1) == 1
        case "net.ipv4.tcp_sack": sysctl.tcp_sack = try range(0...1) == 1
        case "net.ipv4.tcp_window_scaling": sysctl.tcp_window_scaling = try range(0...1) == 1
        case "net.ipv4.neigh.default.gc_thresh1": arp_tbl.gc_thresh1 = try range(0...Int(Int32.max))
        case "net.ipv4.neigh.default.gc_thresh2": arp_tbl.gc_thresh2 = try range(0...Int(Int32.max))
        case "net.ipv4.neigh.default.gc_thresh3": arp_tbl.gc_thresh3 = try range(0...Int(Int32.max))
        case "net.ipv4.neigh.default.gc_interval": arp_tbl.gc_interval = UInt32(try range(0...Int(Int32.max / 1000))) * 1000
        default:
            let parts = name.split(separator: ".")
            guard parts.count == 5, parts[0] == "net", parts[1] == "ipv4", parts[2] == "neigh" else {
                throw SysctlError(description: "unknown sysctl '\(name)'")
            }
            let devs = parts[3] == "default" ? devices.filter { !$0.flags.contains(.IFF_LOOPBACK) }
                : devices.filter { $0.name == parts[3] }
            guard !devs.isEmpty else { throw SysctlError(description: "no device '\(parts[3])' for \(name)") }
            for dev in devs { try setNeighParm(&dev.arp_parms, String(parts[4]), name, value) }
        }
    }

    private func setNeighParm(_ p: inout NeighParms, _ field: String, _ name: String, _ value: Int) throws(SysctlError) {
        guard value >= 0 else { throw SysctlError(description: "\(name) must not be negative") }
        let ms = UInt32(clamping: value)  // HZ = 1000: milliseconds are jiffies
        switch field {
        case "mcast_solicit": p.mcast_probes = value
        case "ucast_solicit": p.ucast_probes = value
        case "app_solicit": p.app_probes = value
        case "mcast_resolicit": p.mcast_reprobes = value
        case "retrans_time_ms": p.retrans_time = ms
        case "base_reachable_time_ms":
            p.base_reachable_time = ms
            p.reachable_time = neigh_rand_reach_time(ms)
        case "base_reachable_time":
            p.base_reachable_time = ms * 1000
            p.reachable_time = neigh_rand_reach_time(ms * 1000)
        case "delay_first_probe_time": p.delay_probe_time = ms * 1000
        case "gc_stale_time": p.gc_staletime = ms * 1000
        case "locktime": p.locktime = ms
        case "unres_qlen_bytes": p.queue_len_bytes = value
        // unres_qlen is derived: the kernel stores qlen * SKB_TRUESIZE(ETH_FRAME_LEN).
        case "unres_qlen": p.queue_len_bytes = value * (1514 + 576)
        default: throw SysctlError(description: "unknown sysctl '\(name)'")
        }
    }
}
