import Tracing

/// A "what happens next?" question, asked with the cursor just before the
/// event that answers it. Derived from the log, so every lesson — a
/// teacher's own scenario file too — has questions.
public struct Question: Equatable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case nextFunction, verdict, nextState, outputAfterSwap, connectReturn
    }

    public let kind: Kind
    /// The event the question is about: the cursor stops just before it.
    public let eventIndex: Int
    public let prompt: String
    public let choices: [String]
    /// Index into `choices`.
    public let answer: Int
    /// Why the answer is right, in one line.
    public let reason: String

    public var correctChoice: String { choices[answer] }
}

/// Builds a lesson's questions from its log.
public enum QuestionBank {
    /// At most one question per distinct situation (the same prompt is not
    /// asked twice), a few of each kind so that a long chain of verdicts does
    /// not crowd out the rest, in log order, up to `limit`.
    public static func questions(for log: TraceLog, limit: Int = 12) -> [Question] {
        var out: [Question] = [], asked: Set<String> = []
        var perKind: [Question.Kind: Int] = [:]
        let cap: [Question.Kind: Int] = [.nextFunction: 4, .verdict: 2, .nextState: 4, .outputAfterSwap: 2,
                                         .connectReturn: 2]
        // The open calls of each host's execution context: a question names
        // the function the pointer is called from.
        var stacks: [Int: [Fn]] = [:]
        for (i, e) in log.events.enumerated() {
            var q: Question?
            let key = Int(e.host) << 8 | Int(e.context.rawValue)
            switch e.payload {
            case .enter(let fn, _):
                stacks[key, default: []].append(fn)
            case .indirectCall(let p, let target):
                let options = Alternatives.targets(of: p, including: target)
                if options.count > 1 {
                    q = make(.nextFunction, i,
                             "\(stacks[key]?.last.map { "In \($0.name)(), " } ?? "")\(p) calls which function?",
                             options.map(\.name), target.name,
                             "\(p) holds \(target.name) here" + explainSwap(p, target))
                }
            case .hookVerdict(let hook, let owner, _, let verdict, let decided):
                let who = switch decided {
                case .policy: "no rule matched, so the chain's policy decides"
                case .rule(let n): "rule \(n) of the chain matches"
                case .natBinding: "the connection's NAT binding decides"
                }
                q = make(.verdict, i, "What does \(owner.module) return at \(hook) for this packet?",
                         ["NF_ACCEPT", "NF_DROP", "NF_STOLEN"], verdict.description, "\(verdict): \(who)")
            case .nudChange(let n, let from, let to, let cause):
                let options: [NUDState] = [.NUD_INCOMPLETE, .NUD_REACHABLE, .NUD_STALE, .NUD_DELAY, .NUD_PROBE, .NUD_FAILED]
                    .filter { $0 != from }
                let picks = Array(options.filter { $0 == to } + options.filter { $0 != to }.prefix(3))
                q = make(.nextState, i, "The entry for \(IPv4.string(n.ip)) is \(from). Which state comes next?",
                         picks.map(\.description), to.description, "\(cause.name) moves it to \(to)")
            case .outputSwap(let n, let from, let to):
                q = make(.outputAfterSwap, i,
                         "The entry for \(IPv4.string(n.ip)) changes state. Where will neigh->output point?",
                         [Fn.neigh_resolve_output, .neigh_connected_output, .neigh_hh_output].map(\.name), to.name,
                         "it was \(from.name); " + (to == .neigh_connected_output
                            ? "neigh_connect sets ops->connected_output" : "neigh_suspect sets ops->output"))
            case .exit(.__inet_stream_connect, let ret):
                let r = Errno.name(ret) ?? String(ret)
                q = make(.connectReturn, i, "What does connect() return?",
                         ["0", "-EHOSTUNREACH", "-ETIMEDOUT", "-ECONNREFUSED"], r,
                         ret == 0 ? "the handshake completed" : "the socket ended with sk_err = \(r.dropFirst())")
            default:
                break
            }
            if e.kind == .exit { _ = stacks[key]?.popLast() }
            if let q, q.choices.count > 1, perKind[q.kind, default: 0] < cap[q.kind]!, asked.insert(q.prompt).inserted {
                perKind[q.kind, default: 0] += 1
                out.append(q)
                if out.count == limit { break }
            }
        }
        return out
    }

    /// A question with its choices in a fixed order that does not always
    /// put the answer first (the order depends only on the event index).
    private static func make(_ kind: Question.Kind, _ index: Int, _ prompt: String, _ choices: [String],
                             _ answer: String, _ reason: String) -> Question? {
        var set = choices.contains(answer) ? choices : [answer] + choices.prefix(choices.count - 1)
        set = uniqued(set)
        let shift = index % set.count
        let rotated = Array(set[shift...] + set[..<shift])
        return Question(kind: kind, eventIndex: index, prompt: prompt, choices: rotated,
                        answer: rotated.firstIndex(of: answer)!, reason: reason)
    }

    private static func explainSwap(_ p: PointerExpr, _ target: Fn) -> String {
        switch (p, target) {
        case (.n_output, .neigh_resolve_output), (.n1_output, .neigh_resolve_output):
            return ": the entry is not CONNECTED (or its ops keep the careful path)"
        case (.n_output, .neigh_connected_output), (.n1_output, .neigh_connected_output):
            return ": neigh_connect swapped it when the entry became CONNECTED"
        default:
            return ""
        }
    }
}

/// Removes repeats, keeping the first occurrence.
private func uniqued(_ xs: [String]) -> [String] {
    var seen: Set<String> = []
    return xs.filter { seen.insert($0).inserted }
}

/// Plausible wrong answers for a call through a pointer: the functions that
/// pointer can hold in the kernel.
enum Alternatives {
    static func targets(of p: PointerExpr, including actual: Fn) -> [Fn] {
        let all: [Fn] = switch p {
        case .n_output, .n1_output: [.neigh_resolve_output, .neigh_connected_output, .neigh_hh_output]
        case .skb_dst_output: [.ip_output, .ip_forward, .ip_local_deliver]
        case .skb_dst_input: [.ip_local_deliver, .ip_forward, .ip_output]
        case .ndo_start_xmit: [.simnic_start_xmit, .loopback_xmit]
        case .icsk_af_ops_queue_xmit: [.ip_queue_xmit, .ip_build_and_send_pkt, .ip_local_out]
        case .neigh_ops_solicit: [.arp_solicit, .arp_send_dst, .neigh_probe]
        default: []
        }
        return all.contains(actual) ? all : []
    }
}
