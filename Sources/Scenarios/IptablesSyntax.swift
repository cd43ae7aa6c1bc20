import Kernel
import Tracing
import Yams

/// One `iptables` command line, as a teacher would type it (without the
/// leading `iptables`): `-t nat -A POSTROUTING -o eth1 -j MASQUERADE`,
/// `-P OUTPUT DROP`. The checks are iptables' own: a chain the table has, a
/// target valid in that chain, options that need `-p tcp`.
struct IptablesSyntax {
    let r: YAMLReader
    let node: Node

    /// Built-in chains per table, and the hook each chain is.
    static let chains: [HookOwner: [String: NFHook]] = [
        .iptable_filter: ["INPUT": .NF_INET_LOCAL_IN, "FORWARD": .NF_INET_FORWARD, "OUTPUT": .NF_INET_LOCAL_OUT],
        .iptable_raw: ["PREROUTING": .NF_INET_PRE_ROUTING, "OUTPUT": .NF_INET_LOCAL_OUT],
        .iptable_mangle: ["PREROUTING": .NF_INET_PRE_ROUTING, "INPUT": .NF_INET_LOCAL_IN, "FORWARD": .NF_INET_FORWARD,
                          "OUTPUT": .NF_INET_LOCAL_OUT, "POSTROUTING": .NF_INET_POST_ROUTING],
        .iptable_nat: ["PREROUTING": .NF_INET_PRE_ROUTING, "INPUT": .NF_INET_LOCAL_IN, "OUTPUT": .NF_INET_LOCAL_OUT,
                       "POSTROUTING": .NF_INET_POST_ROUTING],
    ]
    static let tables: [String: HookOwner] = ["filter": .iptable_filter, "raw": .iptable_raw,
                                              "mangle": .iptable_mangle, "nat": .iptable_nat]
    /// libipt_REJECT's names (and short aliases) for each answer.
    static let rejectWith: [(names: [String], with: Rule.RejectWith)] = [
        (["icmp-net-unreachable", "net-unreach"], .icmp(code: 0)),
        (["icmp-host-unreachable", "host-unreach"], .icmp(code: 1)),
        (["icmp-proto-unreachable", "proto-unreach"], .icmp(code: 2)),
        (["icmp-port-unreachable", "port-unreach"], .icmp(code: 3)),
        (["icmp-net-prohibited", "net-prohib"], .icmp(code: 9)),
        (["icmp-host-prohibited", "host-prohib"], .icmp(code: 10)),
        (["icmp-admin-prohibited", "admin-prohib"], .icmp(code: 13)),
        (["tcp-reset", "tcp-rst"], .tcpReset),
    ]

    func fail(_ message: String, at token: (text: String, offset: Int)?) -> ScenarioError {
        r.error(node, "iptables: " + message, offset: token?.offset ?? 0)
    }

    func command() throws -> IptablesCommand {
        var tokens = Tokens(try r.string(node, "an iptables rule"))
        var table = HookOwner.iptable_filter
        var chain: (text: String, offset: Int)?, policy: (text: String, offset: Int)?
        var match = Rule.Match()
        var target: (text: String, offset: Int)?, toSource: UInt32?
        var reject: (with: Rule.RejectWith, token: (text: String, offset: Int))?

        func value(after option: (text: String, offset: Int)) throws -> (text: String, offset: Int) {
            guard let v = tokens.next() else { throw fail("option \(option.text) needs a value", at: option) }
            return v
        }
        func address(_ t: (text: String, offset: Int)) throws -> Prefix {
            if let p = parsePrefix(t.text) { return p }
            if let a = IPv4.parse(t.text) { return Prefix(a, 32) }
            throw fail("'\(t.text)' is not an address or ADDRESS/LEN", at: t)
        }
        func port(_ t: (text: String, offset: Int)) throws -> UInt16 {
            // xtables_parse_port: a service name or a number in 0...65535.
            guard let p = UInt16(t.text) else { throw fail("'\(t.text)' is not a port number (0...65535)", at: t) }
            return p
        }

        while let opt = tokens.next() {
            switch opt.text {
            case "-t", "--table":
                let v = try value(after: opt)
                guard let t = Self.tables[v.text] else { throw fail("unknown table '\(v.text)' (filter, nat, mangle, raw)", at: v) }
                table = t
            case "-A", "--append": chain = try value(after: opt)
            case "-P", "--policy":
                chain = try value(after: opt)
                policy = try value(after: opt)
            case "-p", "--protocol":
                let v = try value(after: opt)
                switch v.text {
                case "tcp": match.proto = 6
                case "icmp": match.proto = 1
                case "all": match.proto = nil
                default: throw fail("protocol '\(v.text)' is not modelled (tcp, icmp, all)", at: v)
                }
            case "-s", "--source": match.source = try address(value(after: opt))
            case "-d", "--destination": match.destination = try address(value(after: opt))
            case "-i", "--in-interface": match.inInterface = try value(after: opt).text
            case "-o", "--out-interface": match.outInterface = try value(after: opt).text
            case "--sport", "--dport", "--tcp-flags", "--syn":
                guard match.proto == 6 else { throw fail("\(opt.text) needs '-p tcp' before it", at: opt) }
                switch opt.text {
                case "--sport": match.sport = try port(value(after: opt))
                case "--dport": match.dport = try port(value(after: opt))
                case "--syn": match.tcpFlags = Rule.TCPFlagsMatch(mask: 0x17, comp: 0x02)
                default:
                    let mask = try value(after: opt), comp = try value(after: opt)
                    match.tcpFlags = Rule.TCPFlagsMatch(mask: try flags(mask), comp: try flags(comp))
                }
            case "-j", "--jump": target = try value(after: opt)
            case "--reject-with":
                let v = try value(after: opt)
                guard let with = Self.rejectWith.first(where: { $0.names.contains(v.text) })?.with else {
                    let known = Self.rejectWith.map { $0.names[0] }.joined(separator: ", ")
                    throw fail("--reject-with '\(v.text)' is not supported (\(known))", at: v)
                }
                reject = (with, v)
            case "--to-source", "--to":
                let v = try value(after: opt)
                guard let a = IPv4.parse(v.text) else { throw fail("'\(v.text)' is not an IPv4 address", at: v) }
                toSource = a
            default:
                throw fail("unknown option '\(opt.text)'", at: opt)
            }
        }
        guard let chain else { throw fail("give a chain with -A CHAIN (or -P CHAIN POLICY)", at: nil) }
        guard let hook = Self.chains[table]?[chain.text] else {
            let valid = Self.chains[table]!.keys.sorted().joined(separator: ", ")
            throw fail("table \(table.tableName) has no chain '\(chain.text)' (\(valid))", at: chain)
        }
        if let policy {
            guard target == nil else { throw fail("-P takes no -j", at: target) }
            switch policy.text {
            case "ACCEPT": return .policy(table: table, hook: hook, verdict: .NF_ACCEPT)
            case "DROP": return .policy(table: table, hook: hook, verdict: .NF_DROP)
            default: throw fail("a policy is ACCEPT or DROP, not '\(policy.text)'", at: policy)
            }
        }
        guard let target else { throw fail("the rule needs a target: -j ACCEPT, DROP, REJECT, LOG, SNAT or MASQUERADE", at: nil) }
        let t: Rule.Target
        switch target.text {
        case "ACCEPT": t = .ACCEPT
        case "DROP": t = .DROP
        case "LOG": t = .LOG
        case "REJECT":
            guard [.NF_INET_LOCAL_IN, .NF_INET_FORWARD, .NF_INET_LOCAL_OUT].contains(hook) else {
                throw fail("REJECT is only valid in the INPUT, FORWARD and OUTPUT chains", at: target)
            }
            if let reject, reject.with == .tcpReset, match.proto != 6 {
                throw fail("--reject-with tcp-reset needs '-p tcp' (TCP_RESET invalid for non-tcp)", at: reject.token)
            }
            t = .REJECT(reject?.with ?? .icmp(code: 3))
        case "SNAT", "MASQUERADE":
            guard table == .iptable_nat, hook == .NF_INET_POST_ROUTING else {
                throw fail("\(target.text) is only valid in the nat table's POSTROUTING chain", at: target)
            }
            if target.text == "SNAT" {
                guard let toSource else { throw fail("SNAT needs --to-source ADDRESS", at: target) }
                t = .SNAT(to: toSource)
            } else {
                t = .MASQUERADE
            }
        default:
            throw fail("unknown target '\(target.text)' (ACCEPT, DROP, REJECT, LOG, SNAT, MASQUERADE)", at: target)
        }
        return .append(table: table, hook: hook, rule: Rule(match, t))
    }

    private func flags(_ t: (text: String, offset: Int)) throws -> UInt8 {
        let bits: [String: UInt8] = ["FIN": 0x01, "SYN": 0x02, "RST": 0x04, "PSH": 0x08, "ACK": 0x10, "URG": 0x20,
                                     "ALL": 0x3f, "NONE": 0]
        var v: UInt8 = 0
        for name in t.text.split(separator: ",") {
            guard let b = bits[String(name)] else { throw fail("unknown TCP flag '\(name)'", at: t) }
            v |= b
        }
        return v
    }
}
