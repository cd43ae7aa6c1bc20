import Tracing

/// An iptables rule: a match and a target. The matches and targets are the
/// common ones of iptables(8); see Rule.Match and Rule.Target.
public struct Rule: Sendable, Equatable {
    public struct Match: Sendable, Equatable {
        /// IPPROTO_TCP (6), IPPROTO_ICMP (1), or nil for any.
        public var proto: UInt8?
        public var source: Prefix?
        public var destination: Prefix?
        public var sport: UInt16?
        public var dport: UInt16?
        /// `--tcp-flags MASK COMP`.
        public var tcpFlags: (mask: UInt8, comp: UInt8)?
        public init(proto: UInt8? = nil, source: Prefix? = nil, destination: Prefix? = nil,
                    sport: UInt16? = nil, dport: UInt16? = nil, tcpFlags: (mask: UInt8, comp: UInt8)? = nil) {
            self.proto = proto; self.source = source; self.destination = destination
            self.sport = sport; self.dport = dport; self.tcpFlags = tcpFlags
        }
        public static func == (a: Match, b: Match) -> Bool {
            a.proto == b.proto && a.source == b.source && a.destination == b.destination && a.sport == b.sport
                && a.dport == b.dport && a.tcpFlags?.mask == b.tcpFlags?.mask && a.tcpFlags?.comp == b.tcpFlags?.comp
        }
    }

    public enum Target: Sendable, Equatable {
        case ACCEPT, DROP
    }

    public var match: Match
    public var target: Target
    public init(_ match: Match = Match(), _ target: Target) { self.match = match; self.target = target }
}

/// An address with a prefix length, as `-s 10.0.0.0/24`.
public struct Prefix: Sendable, Equatable {
    public let addr: UInt32
    public let len: Int
    public init(_ addr: UInt32, _ len: Int) { self.addr = addr; self.len = len }
    func contains(_ a: UInt32) -> Bool { a & FibRoute.mask(len) == addr & FibRoute.mask(len) }
}

/// One chain of a table at one hook: its rules and its policy.
public struct Chain: Sendable {
    public var rules: [Rule] = []
    public var policy: Verdict = .NF_ACCEPT
}

/// An iptables-like table (struct xt_table): a chain per hook it is valid at.
public final class XTTable {
    public let owner: HookOwner
    public let priority: Int32
    public var chains: [NFHook: Chain]

    init(owner: HookOwner, priority: Int32, hooks: [NFHook]) {
        self.owner = owner; self.priority = priority
        chains = Dictionary(uniqueKeysWithValues: hooks.map { ($0, Chain()) })
    }

    /// The 4.9 tables with their VALID_HOOKS and priorities (kernel-path.md §2.4–2.5).
    static func defaults() -> [XTTable] {
        [XTTable(owner: .iptable_raw, priority: NF_IP_PRI_RAW,
                 hooks: [.NF_INET_PRE_ROUTING, .NF_INET_LOCAL_OUT]),
         XTTable(owner: .iptable_mangle, priority: NF_IP_PRI_MANGLE,
                 hooks: [.NF_INET_PRE_ROUTING, .NF_INET_LOCAL_IN, .NF_INET_FORWARD, .NF_INET_LOCAL_OUT,
                         .NF_INET_POST_ROUTING]),
         XTTable(owner: .iptable_filter, priority: NF_IP_PRI_FILTER,
                 hooks: [.NF_INET_LOCAL_IN, .NF_INET_FORWARD, .NF_INET_LOCAL_OUT]),
         XTTable(owner: .arptable_filter, priority: NF_IP_PRI_FILTER,
                 hooks: [.NF_ARP_IN, .NF_ARP_OUT, .NF_ARP_FORWARD])]
    }
}

let NF_IP_PRI_RAW: Int32 = -300
let NF_IP_PRI_MANGLE: Int32 = -150
let NF_IP_PRI_FILTER: Int32 = 0

extension Net {
    /// Loads the default tables (modprobe iptable_raw iptable_mangle
    /// iptable_filter arptable_filter): each registers its hook function at
    /// every hook it is valid at.
    public func registerDefaultTables() {
        for table in XTTable.defaults() {
            tables.append(table)
            for hook in table.chains.keys {
                let fn: Fn = switch table.owner {
                case .iptable_raw: .iptable_raw_hook
                case .iptable_mangle: .iptable_mangle_hook
                case .arptable_filter: .arptable_filter_hook
                default: .iptable_filter_hook
                }
                nf.register(NFHookEntry(owner: table.owner, hook: hook, priority: table.priority) { net, skb, state in
                    net.xt_hook(fn, table, skb, state)
                })
            }
        }
    }

    public func table(_ owner: HookOwner) -> XTTable? { tables.first { $0.owner == owner } }

    /// The table's hook function (iptable_filter_hook and its siblings):
    /// ipt_do_table (arpt_do_table for ARP) walks the chain; the first rule
    /// that matches decides, else the chain's policy.
    func xt_hook(_ fn: Fn, _ table: XTTable, _ skb: SKB, _ state: NFHookState) -> Verdict {
        var verdict = Verdict.NF_ACCEPT
        _ = span(fn, skb, arg: UInt32(state.hook.hooknum)) {
            let chain = table.chains[state.hook] ?? Chain()
            var rule = 0
            verdict = chain.policy
            for (i, r) in chain.rules.enumerated() where ipt_matches(r.match, skb, state.hook) {
                rule = i + 1
                verdict = r.target == .DROP ? .NF_DROP : .NF_ACCEPT
                break
            }
            note(.hookVerdict(state.hook, table.owner, priority: table.priority, verdict, rule: rule, skb: skb.id))
            return Int32(verdict.rawValue)
        }
        return verdict
    }

    /// The IPv4 matches of a rule; ARP hooks only know the empty match.
    func ipt_matches(_ m: Rule.Match, _ skb: SKB, _ hook: NFHook) -> Bool {
        guard hook.pf == .NFPROTO_IPV4 else {
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
}

let IPPROTO_TCP: UInt8 = 6
let IPPROTO_ICMP: UInt8 = 1
