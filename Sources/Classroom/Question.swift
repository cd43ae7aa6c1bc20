import Tracing

/// A "what happens next?" question, asked with the cursor stopped before the
/// event that answers it. Derived from the log, so every lesson — a
/// teacher's own scenario file too — has questions.
public struct Question: Equatable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case nextFunction, verdict, nextState, outputAfterSwap, connectReturn
    }

    public let kind: Kind
    /// The event the question is about.
    public let eventIndex: Int
    /// Where the cursor stops while the question is open: before the event,
    /// and before the decision (`why:`) that would state its outcome.
    public let stopIndex: Int
    /// The host the question is about; the prompt names it.
    public let host: String
    public let prompt: String
    public let choices: [String]
    /// Index into `choices`.
    public let answer: Int
    /// Why the answer is right: the mechanism, not the answer again.
    public let reason: String

    public var correctChoice: String { choices[answer] }

    /// Words that must not be on screen while the question is open: every
    /// choice (so that none is singled out) as written and as the panes
    /// abbreviate it (`NUD_REACHABLE` as `REACHABLE`, `-EHOSTUNREACH` as
    /// `EHOSTUNREACH`). Too short to search for ("0") is left out.
    public var giveaways: [String] {
        var words: [String] = []
        for choice in choices {
            words.append(choice)
            for prefix in ["NUD_", "NF_", "-"] where choice.hasPrefix(prefix) { words.append(String(choice.dropFirst(prefix.count))) }
        }
        return words.filter { $0.count >= 3 }
    }
}

/// Builds a lesson's questions from its log.
public enum QuestionBank {
    /// At most one question per distinct situation (the same prompt is not
    /// asked twice), a few of each kind so that a long chain of verdicts does
    /// not crowd out the rest, never two of a kind in a row, in log order, up
    /// to `limit`.
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
            let host = log.hostName(e)
            let stop = stopIndex(before: i, in: log)
            switch e.payload {
            case .enter(let fn, _):
                stacks[key, default: []].append(fn)
            case .indirectCall(let p, let target):
                // Never offer a function that is already running here: the question is about what it calls.
                let open = Set(stacks[key] ?? [])
                let options = Alternatives.targets(of: p, including: target).filter { $0 == target || !open.contains($0) }
                if options.count > 1 {
                    let caller = stacks[key]?.last.map { "in \($0.name)()" } ?? "here"
                    q = make(.nextFunction, i, stop, host, "On \(host), \(caller), \(p) calls which function?",
                             options.map(\.name), target.name, Mechanism.pointer(p, target))
                }
            case .hookVerdict(let hook, let owner, _, let verdict, let decided):
                q = make(.verdict, i, stop, host,
                         "On \(host), what does \(owner.module) return at \(hook) for this packet?",
                         ["NF_ACCEPT", "NF_DROP", "NF_STOLEN"], verdict.description,
                         Mechanism.verdict(hook, owner, decided))
            case .nudChange(let n, let from, let to, let cause):
                let options: [NUDState] = [.NUD_INCOMPLETE, .NUD_REACHABLE, .NUD_STALE, .NUD_DELAY, .NUD_PROBE, .NUD_FAILED]
                    .filter { $0 != from }
                let picks = Array(options.filter { $0 == to } + options.filter { $0 != to }.prefix(3))
                q = make(.nextState, i, stop, host,
                         "On \(host), the entry for \(IPv4.string(n.ip)) is \(from). Which state comes next?",
                         picks.map(\.description), to.description, Mechanism.transition(from, to, cause))
            case .outputSwap(let n, _, let to):
                q = make(.outputAfterSwap, i, stop, host,
                         "On \(host), the entry for \(IPv4.string(n.ip)) has just changed state. Where will neigh->output point?",
                         [Fn.neigh_resolve_output, .neigh_connected_output, .neigh_hh_output].map(\.name), to.name,
                         Mechanism.swap(to))
            case .exit(.__inet_stream_connect, let ret):
                let r = Errno.name(ret) ?? String(ret)
                q = make(.connectReturn, i, stop, host, "On \(host), what does connect() return?",
                         ["0", "-EHOSTUNREACH", "-ETIMEDOUT", "-ECONNREFUSED"], r, Mechanism.connect(ret))
            default:
                break
            }
            if e.kind == .exit { _ = stacks[key]?.popLast() }
            if let q, q.choices.count > 1, q.kind != out.last?.kind, perKind[q.kind, default: 0] < cap[q.kind]!,
               asked.insert(q.prompt).inserted {
                perKind[q.kind, default: 0] += 1
                out.append(q)
                if out.count == limit { break }
            }
        }
        return out
    }

    /// Just before event `i`, and before the decisions (`.branch`) and
    /// pointer calls right before it: they state what is about to happen.
    static func stopIndex(before i: Int, in log: TraceLog) -> Int {
        var k = i - 1
        while k > 0, log[k].kind == .branch || log[k].kind == .indirectCall, log[k].host == log[i].host { k -= 1 }
        return max(0, k)
    }

    /// A question with its choices in a fixed order that does not always
    /// put the answer first (the order depends only on the event index).
    private static func make(_ kind: Question.Kind, _ index: Int, _ stop: Int, _ host: String, _ prompt: String,
                             _ choices: [String], _ answer: String, _ reason: String) -> Question? {
        var set = choices.contains(answer) ? choices : [answer] + choices.prefix(choices.count - 1)
        set = uniqued(set)
        let shift = index % set.count
        let rotated = Array(set[shift...] + set[..<shift])
        return Question(kind: kind, eventIndex: index, stopIndex: stop, host: host, prompt: prompt, choices: rotated,
                        answer: rotated.firstIndex(of: answer)!, reason: reason)
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
