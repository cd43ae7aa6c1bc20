import Tracing

/// The current or last netfilter hook: every entry that ran, in priority
/// order, with its verdict, and what nf_hook_slow returned.
struct NetfilterView {
    let session: Session
    let log: TraceLog

    struct Invocation {
        var hook: NFHook
        var host: String
        var skb: UInt32
        var entries: [(priority: Int32, owner: HookOwner, verdict: Verdict)] = []
        var result: Int32?
        var isCurrent: Bool
    }

    /// The hook invocation at or before `cursor`, from the hook events alone.
    static func invocation(at cursor: Int, _ index: TraceIndex, _ log: TraceLog) -> Invocation? {
        guard cursor >= 0 else { return nil }
        let n = index.hooks.count(atOrBefore: cursor)
        guard n > 0 else { return nil }
        let last = log[index.hooks[n - 1]]
        var hook: NFHook
        switch last.payload {
        case .hookVerdict(let h, _, _, _, _), .hookResult(let h, _): hook = h
        default: return nil
        }
        var inv = Invocation(hook: hook, host: log.hostName(last), skb: last.skb,
                             isCurrent: index.hooks[n - 1] >= index.taskStart(of: cursor))
        // Walk back over this invocation's events; an earlier result ends it.
        var k = n - 1
        while k >= 0 {
            let e = log[index.hooks[k]]
            guard e.host == last.host, e.skb == last.skb else { break }
            if case .hookResult(let h, let r) = e.payload {
                if k != n - 1 || h != hook { break }
                inv.result = r
            } else if case .hookVerdict(let h, let owner, let prio, let verdict, _) = e.payload {
                guard h == hook else { break }
                inv.entries.insert((prio, owner, verdict), at: 0)
            }
            k -= 1
        }
        inv.entries.sort { $0.priority < $1.priority }
        return inv
    }

    func draw(_ canvas: Canvas) {
        guard let inv = Self.invocation(at: session.cursor, session.index, log) else {
            canvas.header(PaneKind.netfilter.title)
            canvas.body.text("no netfilter hook has run yet", row: 0, col: 1, style: .dim)
            return
        }
        canvas.header("\(PaneKind.netfilter.title) · \(inv.hook)", right: "\(inv.isCurrent ? "current" : "last") hook · \(inv.host) · skb#\(inv.skb)")
        let body = canvas.body
        body.text(Canvas.padLeft("prio", 6) + "  " + Canvas.pad("entry", 30) + "verdict", row: 0, col: 1, style: .dim)
        var r = 1
        for entry in inv.entries.prefix(max(0, body.height - 2)) {
            body.text(Canvas.padLeft(String(entry.priority), 6) + "  " + Canvas.pad(entry.owner.description, 30), row: r, col: 1)
            body.text(entry.verdict.description, row: r, col: 39, style: entry.verdict == .NF_ACCEPT ? .good.bolded : .warning)
            r += 1
        }
        if inv.entries.isEmpty { body.text("no entry registered at this hook", row: r, col: 3, style: .dim); r += 1 }
        let result = inv.result.map { "result: " + EventText.hookResult($0) } ?? "result: not reported yet"
        body.text(result, row: r, col: 1, style: inv.result == 1 ? .good.bolded : inv.result == nil ? .dim : .warning)
    }
}
