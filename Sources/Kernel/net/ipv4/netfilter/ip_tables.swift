import Tracing

/// An iptables rule: a match and a target, as `iptables -A CHAIN ...` gives.
public struct Rule: Sendable, Equatable {
    public struct Match: Sendable, Equatable {
        /// IPPROTO_TCP (6), IPPROTO_ICMP (1), or nil for any.
        public var proto: UInt8?
        public var source: Prefix?
        public var destination: Prefix?
        public var sport: UInt16?
        public var dport: UInt16?
        /// `--tcp-flags MASK COMP`.
        public var tcpFlags: TCPFlagsMatch?
        /// `-i` / `-o`.
        public var inInterface: String?
        public var outInterface: String?
        public init() {}
    }

    public struct TCPFlagsMatch: Sendable, Equatable {
        public let mask: UInt8, comp: UInt8
        public init(mask: UInt8, comp: UInt8) { self.mask = mask; self.comp = comp }
    }

    public enum Target: Sendable, Equatable {
        case ACCEPT, DROP
        /// `-j REJECT --reject-with ...`: an ICMP destination unreachable
        /// code, or a TCP reset.
        case REJECT(RejectWith)
        /// `-j LOG`: prints the packet and continues with the next rule.
        case LOG
        /// `-j SNAT --to-source ADDR` (nat POSTROUTING).
        case SNAT(to: UInt32)
        /// `-j MASQUERADE` (nat POSTROUTING): SNAT to the outgoing device's address.
        case MASQUERADE
    }

    /// What REJECT answers with (struct ipt_reject_info's `with`).
    public enum RejectWith: Sendable, Equatable {
        /// nf_send_unreach with this destination unreachable code.
        case icmp(code: UInt8)
        /// nf_send_reset: a RST to the sender (TCP only).
        case tcpReset
    }

    public var match: Match
    public var target: Target
    public init(_ match: Match, _ target: Target) { self.match = match; self.target = target }
}

/// An address with a prefix length, as `-s 10.0.0.0/24`.
public struct Prefix: Sendable, Equatable {
    public let addr: UInt32
    public let len: Int
    public init(_ addr: UInt32, _ len: Int) { self.addr = addr; self.len = len }
    public func contains(_ a: UInt32) -> Bool { a & FibRoute.mask(len) == addr & FibRoute.mask(len) }
}

/// One chain of a table at one hook: its rules and its policy.
public struct Chain: Sendable {
    public var rules: [Rule] = []
    public var policy: Verdict = .NF_ACCEPT
    public init() {}
}

/// An iptables-like table (struct xt_table): a chain per hook it is valid at.
public final class XTTable {
    public let owner: HookOwner
    /// The priority of each hook the table registers at (an nf_tables
    /// table gains one with each base chain).
    public internal(set) var priorities: [NFHook: Int32]
    public var chains: [NFHook: Chain]

    init(owner: HookOwner, priorities: [NFHook: Int32]) {
        self.owner = owner; self.priorities = priorities
        chains = priorities.mapValues { _ in Chain() }
    }

    /// The hook function each table registers (one per hook for nat).
    func hookFunction(_ hook: NFHook) -> Fn {
        switch owner {
        case .iptable_raw: .iptable_raw_hook
        case .iptable_mangle: .iptable_mangle_hook
        case .arptable_filter: .arptable_filter_hook
        case .nf_tables: .nft_do_chain_ipv4
        case .iptable_nat:
            switch hook {
            case .NF_INET_PRE_ROUTING: .iptable_nat_ipv4_in
            case .NF_INET_POST_ROUTING: .iptable_nat_ipv4_out
            case .NF_INET_LOCAL_OUT: .iptable_nat_ipv4_local_fn
            default: .iptable_nat_ipv4_fn
            }
        default: .iptable_filter_hook
        }
    }

    /// The 4.9 tables with their VALID_HOOKS and priorities (net/ipv4/netfilter/iptable_*.c, include/uapi/linux/netfilter_ipv4.h).
    static func make(_ owner: HookOwner) -> XTTable {
        switch owner {
        case .iptable_raw:
            XTTable(owner: owner, priorities: [.NF_INET_PRE_ROUTING: NF_IP_PRI_RAW, .NF_INET_LOCAL_OUT: NF_IP_PRI_RAW])
        case .iptable_mangle:
            XTTable(owner: owner, priorities: Dictionary(uniqueKeysWithValues: [
                NFHook.NF_INET_PRE_ROUTING, .NF_INET_LOCAL_IN, .NF_INET_FORWARD, .NF_INET_LOCAL_OUT,
                .NF_INET_POST_ROUTING].map { ($0, NF_IP_PRI_MANGLE) }))
        case .iptable_nat:
            XTTable(owner: owner, priorities: [.NF_INET_PRE_ROUTING: NF_IP_PRI_NAT_DST, .NF_INET_LOCAL_OUT: NF_IP_PRI_NAT_DST,
                                               .NF_INET_LOCAL_IN: NF_IP_PRI_NAT_SRC, .NF_INET_POST_ROUTING: NF_IP_PRI_NAT_SRC])
        case .iptable_security:
            XTTable(owner: owner, priorities: [.NF_INET_LOCAL_IN: NF_IP_PRI_SECURITY, .NF_INET_FORWARD: NF_IP_PRI_SECURITY,
                                               .NF_INET_LOCAL_OUT: NF_IP_PRI_SECURITY])
        case .arptable_filter:
            XTTable(owner: owner, priorities: [.NF_ARP_IN: NF_IP_PRI_FILTER, .NF_ARP_OUT: NF_IP_PRI_FILTER,
                                               .NF_ARP_FORWARD: NF_IP_PRI_FILTER])
        case .iptable_filter:
            XTTable(owner: owner, priorities: [.NF_INET_LOCAL_IN: NF_IP_PRI_FILTER, .NF_INET_FORWARD: NF_IP_PRI_FILTER,
                                               .NF_INET_LOCAL_OUT: NF_IP_PRI_FILTER])
        // No hooks until a base chain is added (nft_base_chain), and none
        // ever for AppArmor, which registers its own hook, not a table.
        case .nf_tables, .apparmor:
            XTTable(owner: owner, priorities: [:])
        }
    }
}

let NF_IP_PRI_RAW: Int32 = -300
let NF_IP_PRI_MANGLE: Int32 = -150
let NF_IP_PRI_NAT_DST: Int32 = -100
let NF_IP_PRI_FILTER: Int32 = 0
let NF_IP_PRI_SECURITY: Int32 = 50
let NF_IP_PRI_NAT_SRC: Int32 = 100

extension Net {
    /// Loads the tables a plain iptables host has (iptable_raw,
    /// iptable_mangle, iptable_filter, arptable_filter).
    public func registerDefaultTables() {
        for owner in [HookOwner.iptable_raw, .iptable_mangle, .iptable_filter, .arptable_filter] { loadTable(owner) }
    }

    /// modprobe: the table registers its hook function at every hook it is
    /// valid at. Loading it twice is a no-op.
    @discardableResult
    public func loadTable(_ owner: HookOwner) -> XTTable {
        if let t = table(owner) { return t }
        let table = XTTable.make(owner)
        tables.append(table)
        for (hook, priority) in table.priorities.sorted(by: { $0.key.hooknum < $1.key.hooknum }) {
            let fn = table.hookFunction(hook)
            nf.register(NFHookEntry(owner: owner, hook: hook, priority: priority) { net, skb, state in
                net.xt_hook(fn, table, skb, state)
            })
        }
        return table
    }

    public func table(_ owner: HookOwner) -> XTTable? { tables.first { $0.owner == owner } }

    /// The table's hook function (iptable_filter_hook and its siblings):
    /// hands the packet to ipt_do_table (arpt_do_table for ARP). The nat
    /// table first applies a connection's existing binding (conntrack).
    func xt_hook(_ fn: Fn, _ table: XTTable, _ skb: SKB, _ state: NFHookState) -> Verdict {
        span(fn, skb, arg: UInt32(state.hook.hooknum), ret: { Int32($0.rawValue) }) {
            if table.owner == .iptable_nat, let binding = nf_nat_lookup(skb, state.hook) {
                nf_nat_packet(skb, binding, state.hook)
                note(.hookVerdict(state.hook, table.owner, priority: table.priorities[state.hook] ?? 0, .NF_ACCEPT,
                                  rule: .natBinding, skb: skb.id))
                return .NF_ACCEPT
            }
            if table.owner == .nf_tables { return nft_do_chain(table, skb, state) }
            return state.hook.pf == .NFPROTO_ARP ? arpt_do_table(table, skb, state) : ipt_do_table(table, skb, state)
        }
    }

    /// net/ipv4/netfilter/ip_tables.c: walks the table's chain for this
    /// hook; each rule's matches are tried and the first rule whose target
    /// is terminal decides, else the chain's policy. Simplified away:
    /// user-defined chains, jumps and RETURN, counters.
    func ipt_do_table(_ table: XTTable, _ skb: SKB, _ state: NFHookState) -> Verdict {
        span(.ipt_do_table, skb, arg: UInt32(state.hook.hooknum), ret: { Int32($0.rawValue) }) {
            xt_walk(table, skb, state)
        }
    }

    /// net/ipv4/netfilter/arp_tables.c: the same walk over an arptables
    /// chain (only the empty match and ACCEPT/DROP are modelled).
    func arpt_do_table(_ table: XTTable, _ skb: SKB, _ state: NFHookState) -> Verdict {
        span(.arpt_do_table, skb, arg: UInt32(state.hook.hooknum), ret: { Int32($0.rawValue) }) {
            xt_walk(table, skb, state)
        }
    }

    /// The rule walk ipt_do_table, arpt_do_table and nft_do_chain share, and its verdict event.
    func xt_walk(_ table: XTTable, _ skb: SKB, _ state: NFHookState) -> Verdict {
        let chain = table.chains[state.hook] ?? Chain()
        var decided = RuleRef.policy, verdict = chain.policy
        for (i, r) in chain.rules.enumerated() where ipt_matches(r.match, skb, state) {
            if let v = ipt_target(r.target, skb, state) {
                verdict = v
                decided = .rule(UInt16(i + 1))
                break
            }
        }
        note(.hookVerdict(state.hook, table.owner, priority: table.priorities[state.hook] ?? 0, verdict,
                          rule: decided, skb: skb.id))
        return verdict
    }

    /// Runs a target: a verdict, or nil to continue with the next rule (LOG).
    func ipt_target(_ target: Rule.Target, _ skb: SKB, _ state: NFHookState) -> Verdict? {
        switch target {
        case .ACCEPT: return .NF_ACCEPT
        case .DROP: return .NF_DROP
        case .REJECT(let with): return reject_tg(skb, with, state.hook)
        case .LOG:
            log_tg(skb)
            return nil
        case .SNAT(let to): return xt_snat_target_v0(skb, to, state)
        case .MASQUERADE: return masquerade_tg(skb, state)
        }
    }

    /// The IPv4 matches of a rule; ARP hooks only know the empty match.
    func ipt_matches(_ m: Rule.Match, _ skb: SKB, _ state: NFHookState) -> Bool {
        if let i = m.inInterface, state.indev?.name != i { return false }
        if let o = m.outInterface, state.outdev?.name != o { return false }
        guard state.hook.pf == .NFPROTO_IPV4 else {
            return m.proto == nil && m.source == nil && m.destination == nil && m.sport == nil && m.dport == nil
        }
        let proto = UInt8(skb.ip(9, 1)), ihl = Int(skb.ip(0, 1) & 0x0f) * 4
        if let p = m.proto, p != proto { return false }
        if let s = m.source, !s.contains(skb.ip(12, 4)) { return false }
        if let d = m.destination, !d.contains(skb.ip(16, 4)) { return false }
        guard m.sport != nil || m.dport != nil || m.tcpFlags != nil else { return true }
        guard proto == IPPROTO_TCP else { return false }
        let l4 = skb.network_header + ihl
        if let sp = m.sport, UInt16(skb.buf.be(l4, 2)) != sp { return false }
        if let dp = m.dport, UInt16(skb.buf.be(l4 + 2, 2)) != dp { return false }
        if let f = m.tcpFlags, UInt8(skb.buf.be(l4 + 13, 1)) & f.mask != f.comp { return false }
        return true
    }

    // MARK: - Targets

    /// net/ipv4/netfilter/ipt_REJECT.c: answers the sender, with an ICMP
    /// destination unreachable (nf_send_unreach) or a TCP reset
    /// (nf_send_reset), then NF_DROP. Valid in INPUT, FORWARD and OUTPUT.
    func reject_tg(_ skb: SKB, _ with: Rule.RejectWith, _ hook: NFHook) -> Verdict {
        span(.reject_tg, skb, ret: { Int32($0.rawValue) }) {
            switch with {
            case .icmp(let code): nf_send_unreach(skb, code, hook)
            case .tcpReset: nf_send_reset(skb, hook)
            }
            return .NF_DROP
        }
    }

    /// net/netfilter/xt_LOG.c: prints the packet's IPv4 and TCP/ICMP headers
    /// to the kernel log. Simplified away: --log-prefix and --log-level.
    func log_tg(_ skb: SKB) {
        spanVoid(.log_tg, skb) {
            let packet = tracer.store(skb.buf[skb.network_header...])
            note(.kernelMessage(.iptLog, packet: packet))
        }
    }

    /// net/netfilter/xt_nat.c: binds the connection's source to `to`.
    func xt_snat_target_v0(_ skb: SKB, _ to: UInt32, _ state: NFHookState) -> Verdict {
        span(.xt_snat_target_v0, skb, arg: to, ret: { Int32($0.rawValue) }) { nf_nat_setup(skb, to, state) }
    }

    /// net/ipv4/netfilter/ipt_MASQUERADE.c: SNAT to the outgoing device's address.
    func masquerade_tg(_ skb: SKB, _ state: NFHookState) -> Verdict {
        span(.masquerade_tg, skb, ret: { Int32($0.rawValue) }) {
            guard let out = state.outdev else { return .NF_DROP }
            return nf_nat_setup(skb, inet_select_addr(out), state)
        }
    }

    /// nf_nat_setup_info, reduced: records the binding and rewrites this
    /// first packet.
    private func nf_nat_setup(_ skb: SKB, _ newSource: UInt32, _ state: NFHookState) -> Verdict {
        let binding = NATBinding(tuple: Tuple(skb), newSource: newSource)
        natBindings.append(binding)
        nf_nat_packet(skb, binding, state.hook)
        return .NF_ACCEPT
    }
}

let IPPROTO_TCP: UInt8 = 6
let IPPROTO_ICMP: UInt8 = 1
