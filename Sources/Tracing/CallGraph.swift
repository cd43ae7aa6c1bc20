/// Caller → callee edges with call counts, folded from logs.
public struct CallGraph {
    public private(set) var edges: [Edge: Int] = [:]

    public struct Edge: Hashable, Sendable {
        public let caller: Fn, callee: Fn
    }

    public init(_ logs: [TraceLog]) {
        for log in logs {
            var stacks: [Int: [Fn]] = [:]
            for e in log.events {
                let key = Int(e.host) << 8 | Int(e.context.rawValue)
                switch e.kind {
                case .enter:
                    guard let fn = Fn(rawValue: e.code) else { continue }
                    if let caller = stacks[key]?.last { edges[Edge(caller: caller, callee: fn), default: 0] += 1 }
                    stacks[key, default: []].append(fn)
                case .exit:
                    _ = stacks[key]?.popLast()
                default:
                    break
                }
            }
        }
    }

    public func callers(of fn: Fn) -> [Fn] { edges.keys.filter { $0.callee == fn }.map(\.caller).sorted { $0.rawValue < $1.rawValue } }
    public func callees(of fn: Fn) -> [Fn] { edges.keys.filter { $0.caller == fn }.map(\.callee).sorted { $0.rawValue < $1.rawValue } }
}
