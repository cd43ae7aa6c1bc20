import Tracing

/// A scenario edit the what-if menu offers. Mirrors `Scenarios.WhatIf`
/// (ScenarioSource.swift maps one to the other), so view models and their
/// tests do not need a simulation.
public enum WhatIfEdit: Hashable, Sendable {
    /// `host` never answers ARP requests.
    case peerIgnoresARP(host: String)
    /// The netfilter entry `owner` at `hook` on `host` returns NF_DROP.
    case hookDrops(host: String, hook: NFHook, owner: HookOwner)

    public var label: String {
        switch self {
        case .peerIgnoresARP(let host): "\(host) ignores ARP requests"
        case .hookDrops(let host, let hook, let owner): "\(host): \(owner.module) at \(hook) returns NF_DROP"
        }
    }
}

extension Session {
    /// The edits that make sense at the cursor: silence any host but the one
    /// that started the run, or make any hook entry seen so far drop.
    func whatIfOptions() -> [WhatIfEdit] {
        let log = self.log
        guard cursor >= 0 else { return [] }
        let first = log[0].host
        var options = log.hosts.indices.filter { $0 != Int(first) }.map { WhatIfEdit.peerIgnoresARP(host: log.hosts[$0].name) }
        for i in index.hooks.items(in: 0...cursor) {
            let e = log[Int(i)]
            if case .hookVerdict(let hook, let owner, _, _, _) = e.payload {
                let edit = WhatIfEdit.hookDrops(host: log.hostName(e), hook: hook, owner: owner)
                if !options.contains(edit) { options.append(edit) }
            }
        }
        return Array(options.prefix(9))
    }

    func openWhatIfMenu() {
        guard rerun != nil else { message = "what-if needs a live scenario run"; return }
        overlay = .whatIfMenu(whatIfOptions())
    }

    /// Toggles `edit` and re-runs.
    func applyWhatIf(_ edit: WhatIfEdit) {
        var edits = whatIfs
        if let i = edits.firstIndex(of: edit) { edits.remove(at: i) } else { edits.append(edit) }
        applyWhatIfs(edits)
    }

    /// Re-runs the scenario with `edits` to the same step and finds where the
    /// new log first differs from the old one.
    func applyWhatIfs(_ edits: [WhatIfEdit]) {
        guard let rerun else { return }
        let old = log
        let step = cursor
        replaceSource(rerun(edits))
        whatIfs = edits
        // Run the new log at least as far as the old one went, so a difference
        // anywhere in what the user has seen is found.
        runUntil { index.count >= old.count }
        let new = log
        let common = min(old.count, new.count)
        var d = 0
        while d < common, old[d] == new[d] { d += 1 }
        divergence = d < common || old.count != new.count ? d : nil
        folds = folds.filter { $0 < (divergence ?? Int.max) }
        cursor = -1
        if index.count > 0 { move(to: min(step, index.count - 1)) }
        let what = edits.isEmpty ? "scenario restored" : "what-if: " + edits.map(\.label).joined(separator: "; ")
        if let d = divergence {
            message = "\(what). The runs diverge at step \(d + 1)" + (d <= step ? " (d jumps there)" : " (after this step; d jumps there)")
        } else {
            message = "\(what). The runs are identical so far"
        }
    }
}
