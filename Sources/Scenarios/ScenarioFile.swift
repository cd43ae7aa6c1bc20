import Foundation
import Kernel
import Tracing
import Yams

/// Reads a scenario file (YAML; the format is documented in
/// docs/scenarios.md). Everything is checked here, so that a spec that
/// loads also builds: unknown keys, bad addresses, unknown sysctls, rules
/// iptables would refuse, names that point nowhere.
public enum ScenarioFile {
    public static func load(path: String) throws -> ScenarioSpec {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(file: path, message: unreadable(path))
        }
        return try parse(try TextCheck.utf8(Array(data), file: path), file: path)
    }

    /// Why `path` could not be read, in the words of strerror(3) ("no such file").
    private static func unreadable(_ path: String) -> String {
        if FileManager.default.fileExists(atPath: path, isDirectory: nil) {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            return isDirectory.boolValue ? "is a directory, not a scenario file" : "cannot be read (permission denied)"
        }
        return "no such file"
    }

    public static func parse(_ text: String, file: String) throws -> ScenarioSpec {
        try TextCheck.controlCharacters(text, file: file)
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let e as YamlError {
            throw located(e, file: file)
        }
        guard let node else { throw ScenarioError(file: file, line: 1, column: 1, message: "the file is empty") }
        return try Parser(r: YAMLReader(file: file)).scenario(node)
    }

    private static func located(_ e: YamlError, file: String) -> ScenarioError {
        switch e {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return ScenarioError(file: file, line: mark.line, column: mark.column, message: "YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ScenarioError(file: file, line: context.mark.line, column: context.mark.column,
                                 message: "key '\(duplicates.joined(separator: ", "))' is given twice")
        default:
            return ScenarioError(file: file, line: 1, column: 1, message: "YAML: \(e)")
        }
    }
}

/// The grammar of a scenario file, one function per section.
private struct Parser {
    let r: YAMLReader

    func scenario(_ node: Node) throws -> ScenarioSpec {
        let top = try r.mapping(node, "the scenario",
                                allowed: ["name", "summary", "seed", "kernel", "links", "hosts", "timeline", "until", "record-from",
                                          "narration"],
                                required: ["name", "summary", "hosts", "timeline"])
        var spec = ScenarioSpec(name: try r.string(top["name"]!, "name"), summary: try r.string(top["summary"]!, "summary"))
        if let seed = top["seed"] { spec.seed = UInt64(try r.int(seed, "seed", in: 0...Int.max)) }
        if let kernel = top["kernel"] { spec.kernel = try oneOf(kernel, "kernel") }
        spec.links = try top["links"].map(links) ?? [LinkSpec(name: "lan", delay: 100_000)]
        let hostNodes = try r.list(top["hosts"]!, "hosts")
        guard !hostNodes.isEmpty else { throw r.error(top["hosts"], "hosts: a scenario needs at least one host") }
        guard hostNodes.count <= 64 else { throw r.error(top["hosts"], "hosts: at most 64") }
        for h in hostNodes {
            let host = try self.host(h, links: spec.links)
            guard !spec.hosts.contains(where: { $0.name == host.name }) else {
                throw r.error(h, "host '\(host.name)' is defined twice")
            }
            for d in host.devices {
                if let other = spec.hosts.first(where: { $0.devices.contains { $0.mac == d.mac } }) {
                    throw r.error(h, "MAC \(PacketDecoder.mac(d.mac)) of \(host.name) \(d.name) is already \(other.name)'s")
                }
            }
            spec.hosts.append(host)
        }
        let entries = try r.list(top["timeline"]!, "timeline")
        spec.timeline = try entries.map { try action($0, hosts: spec.hosts) }.sorted { $0.at < $1.at }
        // Each action runs as its own task; a host has 64 process contexts.
        for h in spec.hosts {
            let n = spec.timeline.filter { t in
                switch t.action { case .connect(let host, _, _), .send(let host, _): host == h.name }
            }.count
            guard n <= 64 else { throw r.error(top["timeline"], "timeline: at most 64 actions per host (\(h.name) has \(n))") }
        }
        if let until = top["until"] { spec.until = try r.duration(until, "until") }
        if let from = top["record-from"] { spec.recordFrom = try r.duration(from, "record-from") }
        if let n = top["narration"] { spec.narration = try narration(n) }
        return spec
    }

    func links(_ node: Node) throws -> [LinkSpec] {
        var out: [LinkSpec] = []
        for l in try r.list(node, "links") {
            let m = try r.mapping(l, "a link", allowed: ["name", "delay"], required: ["name"])
            let name = try r.string(m["name"]!, "link name")
            guard !out.contains(where: { $0.name == name }) else { throw r.error(l, "link '\(name)' is defined twice") }
            out.append(LinkSpec(name: name, delay: try m["delay"].map { try r.duration($0, "delay") } ?? 100_000))
        }
        guard !out.isEmpty else { throw r.error(node, "links: give at least one link, or leave the key out") }
        return out
    }

    func host(_ node: Node, links: [LinkSpec]) throws -> HostSpec {
        let m = try r.mapping(node, "a host", allowed: ["name", "devices", "routes", "sysctl", "neighbours",
                                                        "tables", "iptables", "iptables-backend", "apparmor", "listen",
                                                        "arp-reply-delay"],
                              required: ["name", "devices"])
        var h = HostSpec(name: try r.string(m["name"]!, "host name"))
        guard h.name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw r.error(m["name"], "host name '\(h.name)': use letters, digits, - and _")
        }
        for d in try r.list(m["devices"]!, "devices") {
            let dev = try device(d, links: links)
            guard !h.devices.contains(where: { $0.name == dev.name }) else {
                throw r.error(d, "device '\(dev.name)' is defined twice on \(h.name)")
            }
            h.devices.append(dev)
        }
        guard !h.devices.isEmpty else { throw r.error(m["devices"], "devices: \(h.name) needs at least one device") }
        h.routes = try (m["routes"].map { try r.list($0, "routes") } ?? []).map { try route($0, host: h) }
        if let s = m["sysctl"] { h.sysctls = try sysctls(s, host: h) }
        h.neighbours = try (m["neighbours"].map { try r.list($0, "neighbours") } ?? []).map { try neighbour($0, host: h) }
        h.tables = try (m["tables"].map { try r.list($0, "tables") } ?? []).map { node in
            let name = try r.string(node, "a table module")
            // nf_tables and AppArmor register hooks, not x_tables tables:
            // `iptables-backend: nft` and `apparmor: true` load them.
            let modules = HookOwner.allCases.filter { $0 != .nf_tables && $0 != .apparmor }
            guard let owner = modules.first(where: { $0.module == name }) else {
                throw r.error(node, "tables: unknown table module '\(name)' (\(modules.map(\.module).joined(separator: ", ")))")
            }
            return owner
        }
        h.iptables = try (m["iptables"].map { try r.list($0, "iptables") } ?? []).map {
            try IptablesSyntax(r: r, node: $0).command()
        }
        if let b = m["iptables-backend"] { h.iptablesBackend = try oneOf(b, "iptables-backend") }
        if h.iptablesBackend == .nft, let rule = h.iptables.first(where: { $0.table != .iptable_filter }) {
            throw r.error(m["iptables"], "iptables-nft: kpath models the filter table only, not \(rule.table.tableName)")
        }
        if let a = m["apparmor"] { h.apparmor = try r.bool(a, "apparmor") }
        h.listen = try (m["listen"].map { try r.list($0, "listen") } ?? []).map {
            UInt16(try r.int($0, "listen port", in: 1...65535))
        }
        if let d = m["arp-reply-delay"] { h.arpReplyDelay = try r.duration(d, "arp-reply-delay") }
        return h
    }

    func device(_ node: Node, links: [LinkSpec]) throws -> DeviceSpec {
        let m = try r.mapping(node, "a device", allowed: ["name", "link", "mac", "addresses", "header-cache", "driver", "qdisc"],
                              required: ["name", "mac", "addresses"])
        let name = try r.string(m["name"]!, "device name")
        guard name.count <= 15, name != "lo", !name.contains(" "), !name.contains("/") else {
            throw r.error(m["name"], "device name '\(name)': at most 15 characters (IFNAMSIZ), no spaces or '/', not 'lo'")
        }
        let link = try m["link"].map { try r.string($0, "link") } ?? links[0].name
        guard links.contains(where: { $0.name == link }) else {
            throw r.error(m["link"], "no link named '\(link)' (links: \(links.map(\.name).joined(separator: ", ")))")
        }
        let macText = try r.string(m["mac"]!, "mac")
        guard let mac = parseMAC(macText) else { throw r.error(m["mac"], "'\(macText)' is not a MAC address like 02:00:00:00:00:01") }
        guard mac[0] & 1 == 0 else { throw r.error(m["mac"], "'\(macText)' is a multicast address; a device needs a unicast MAC") }
        let addresses = try r.list(m["addresses"]!, "addresses").map { try prefix($0, "address") }
        guard !addresses.isEmpty else { throw r.error(m["addresses"], "addresses: give at least one ADDRESS/LEN") }
        let driver: DeviceSpec.Driver = try m["driver"].map { try oneOf($0, "driver") } ?? .simnic
        let cache = try m["header-cache"].map { try r.bool($0, "header-cache") } ?? (driver == .virtio_net)
        guard cache || driver != .virtio_net else {
            throw r.error(m["header-cache"], "virtio_net uses eth_header_ops, which has a cache: header-cache must be true")
        }
        var spec = DeviceSpec(name: name, link: link, mac: mac, addresses: addresses, headerCache: cache, driver: driver)
        if let q = m["qdisc"] { spec.qdisc = try oneOf(q, "qdisc") }
        return spec
    }

    /// One of an enumeration's spellings, or an error listing them.
    func oneOf<E: RawRepresentable & CaseIterable>(_ node: Node, _ what: String) throws -> E where E.RawValue == String {
        let text = try r.string(node, what)
        guard let value = E(rawValue: text) else {
            throw r.error(node, "\(what): unknown value '\(text)' (use: \(E.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return value
    }

    func route(_ node: Node, host: HostSpec) throws -> RouteSpec {
        let text = try r.string(node, "route")
        var tokens = Tokens(text)
        guard let first = tokens.next() else { throw r.error(node, "empty route") }
        let destination: Prefix
        if first.text == "default" {
            destination = Prefix(0, 0)
        } else if let p = parsePrefix(first.text) {
            destination = p
        } else {
            throw r.error(node, "route: '\(first.text)' is neither 'default' nor ADDRESS/LEN", offset: first.offset)
        }
        var spec = RouteSpec(destination: destination)
        while let word = tokens.next() {
            guard let value = tokens.next() else { throw r.error(node, "route: '\(word.text)' needs a value", offset: word.offset) }
            switch word.text {
            case "via":
                guard let gw = IPv4.parse(value.text) else {
                    throw r.error(node, "route: '\(value.text)' is not an IPv4 address", offset: value.offset)
                }
                guard host.devices.contains(where: { $0.addresses.contains { $0.contains(gw) } }) else {
                    throw r.error(node, "route: gateway \(value.text) is not on a connected network of \(host.name) (Nexthop has invalid gateway)",
                                  offset: value.offset)
                }
                spec.gateway = gw
            case "dev":
                guard host.devices.contains(where: { $0.name == value.text }) else {
                    throw r.error(node, "route: \(host.name) has no device '\(value.text)'", offset: value.offset)
                }
                spec.device = value.text
            default:
                throw r.error(node, "route: unknown word '\(word.text)' (use: DST [via GATEWAY] [dev DEVICE])", offset: word.offset)
            }
        }
        guard spec.gateway != nil || spec.device != nil else {
            throw r.error(node, "route: give 'via GATEWAY' or 'dev DEVICE'")
        }
        return spec
    }

    /// Checked against the kernel model itself, on a scratch host with the same devices.
    func sysctls(_ node: Node, host: HostSpec) throws -> [(name: String, value: Int)] {
        guard case .mapping(let m) = node else { throw r.error(node, "sysctl must be a mapping of NAME: VALUE") }
        let world = World(scenario: "check", seed: 0, recording: false)
        defer { withExtendedLifetime(world) {} }
        let scratch = world.addHost(host.name)
        for d in host.devices { scratch.addDevice(.simnic(name: d.name, mac: d.mac, headerCache: d.headerCache)) }
        var out: [(String, Int)] = []
        for (k, v) in m {
            let name = try r.string(k, "sysctl name")
            // A sysctl is an int: proc_dointvec refuses anything wider.
            let value = try r.int(v, "\(name) (an int, proc_dointvec)", in: Int(Int32.min)...Int(Int32.max))
            do {
                try scratch.setSysctl(name, value)
            } catch {
                throw r.error(error.isAboutTheName ? k : v, error.description)
            }
            out.append((name, value))
        }
        return out
    }

    func neighbour(_ node: Node, host: HostSpec) throws -> NeighbourSpec {
        let text = try r.string(node, "neighbour")
        var tokens = Tokens(text)
        guard let a = tokens.next(), let addr = IPv4.parse(a.text) else {
            throw r.error(node, "neighbour: start with the IPv4 address (ADDR lladdr MAC dev DEV nud STATE)")
        }
        var lladdr: [UInt8]?, dev: String?, state: NUDState = .NUD_PERMANENT
        while let word = tokens.next() {
            guard let value = tokens.next() else { throw r.error(node, "neighbour: '\(word.text)' needs a value", offset: word.offset) }
            switch word.text {
            case "lladdr":
                guard let mac = parseMAC(value.text) else {
                    throw r.error(node, "neighbour: '\(value.text)' is not a MAC address", offset: value.offset)
                }
                lladdr = mac
            case "dev":
                guard host.devices.contains(where: { $0.name == value.text }) else {
                    throw r.error(node, "neighbour: \(host.name) has no device '\(value.text)'", offset: value.offset)
                }
                dev = value.text
            case "nud":
                let states: [String: NUDState] = ["permanent": .NUD_PERMANENT, "noarp": .NUD_NOARP,
                                                  "reachable": .NUD_REACHABLE, "stale": .NUD_STALE]
                guard let s = states[value.text] else {
                    throw r.error(node, "neighbour: nud must be permanent, noarp, reachable or stale", offset: value.offset)
                }
                state = s
            default:
                throw r.error(node, "neighbour: unknown word '\(word.text)'", offset: word.offset)
            }
        }
        guard let lladdr else { throw r.error(node, "neighbour: 'lladdr MAC' is required") }
        guard let dev else { throw r.error(node, "neighbour: 'dev DEVICE' is required") }
        return NeighbourSpec(address: addr, lladdr: lladdr, device: dev, state: state)
    }

    func action(_ node: Node, hosts: [HostSpec]) throws -> TimedAction {
        let m = try r.mapping(node, "a timeline entry", allowed: ["at", "connect", "send"], required: ["at"])
        let at = try r.duration(m["at"]!, "at")
        func host(_ n: Node) throws -> String {
            let name = try r.string(n, "from")
            guard hosts.contains(where: { $0.name == name }) else {
                throw r.error(n, "no host named '\(name)' (hosts: \(hosts.map(\.name).joined(separator: ", ")))")
            }
            return name
        }
        switch (m["connect"], m["send"]) {
        case (let c?, nil):
            let cm = try r.mapping(c, "connect", allowed: ["from", "to"], required: ["from", "to"])
            let to = try r.string(cm["to"]!, "to")
            let parts = to.split(separator: ":")
            guard parts.count == 2, let addr = IPv4.parse(String(parts[0])), let port = UInt16(parts[1]), port > 0 else {
                throw r.error(cm["to"], "to: '\(to)' is not ADDRESS:PORT, e.g. 10.0.0.2:80")
            }
            return TimedAction(at: at, action: .connect(host: try host(cm["from"]!), address: addr, port: port))
        case (nil, let s?):
            let sm = try r.mapping(s, "send", allowed: ["from", "bytes"], required: ["from", "bytes"])
            return TimedAction(at: at, action: .send(host: try host(sm["from"]!),
                                                     bytes: try r.int(sm["bytes"]!, "bytes", in: 1...1400)))
        case (nil, nil):
            throw r.error(node, "a timeline entry needs an action: connect or send")
        default:
            throw r.error(node, "a timeline entry has one action: connect or send, not both")
        }
    }

    func narration(_ node: Node) throws -> [String: String] {
        guard case .mapping(let m) = node else { throw r.error(node, "narration must map function names to text") }
        var out: [String: String] = [:]
        for (k, v) in m {
            let name = try r.string(k, "narration key")
            guard Fn(name: name) != nil else { throw r.error(k, "narration: kpath simulates no function '\(name)'") }
            out[name] = try r.string(v, "narration for \(name)")
        }
        return out
    }

    func prefix(_ node: Node, _ what: String) throws -> Prefix {
        let text = try r.string(node, what)
        guard let p = parsePrefix(text) else { throw r.error(node, "\(what) '\(text)' is not ADDRESS/LEN, e.g. 10.0.0.1/24") }
        return p
    }
}

/// Whitespace-separated words with their column offsets, for located errors.
struct Tokens {
    private var words: [(text: String, offset: Int)] = []
    init(_ s: String) {
        var offset = 0, current = "", start = 0
        for ch in s {
            if ch == " " || ch == "\t" {
                if !current.isEmpty { words.append((current, start)); current = "" }
            } else {
                if current.isEmpty { start = offset }
                current.append(ch)
            }
            offset += 1
        }
        if !current.isEmpty { words.append((current, start)) }
        words.reverse()
    }
    mutating func next() -> (text: String, offset: Int)? { words.popLast() }
    var isEmpty: Bool { words.isEmpty }
}

func parsePrefix(_ s: String) -> Prefix? {
    let parts = s.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let a = IPv4.parse(String(parts[0])), let len = Int(parts[1]), (0...32).contains(len) else { return nil }
    return Prefix(a, len)
}

func parseMAC(_ s: String) -> [UInt8]? {
    let parts = s.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 6 else { return nil }
    let bytes = parts.compactMap { $0.count == 2 ? UInt8($0, radix: 16) : nil }
    return bytes.count == 6 ? bytes : nil
}
