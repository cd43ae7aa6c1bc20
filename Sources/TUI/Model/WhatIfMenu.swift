import Scenarios
import Tracing

/// The what-if menu: scenario edits (``WhatIf``) offered at the cursor, and
/// the re-run that applies them.

extension Session {
    /// The edits that make sense at the cursor: silence any host but the one
    /// that started the run, or make any hook entry seen so far drop.
    func whatIfOptions() -> [WhatIf] {
        let log = self.log
        guard cursor >= 0 else { return [] }
        let first = log[0].host
        var options = log.hosts.indices.filter { $0 != Int(first) }.map { WhatIf.peerIgnoresARP(host: log.hosts[$0].name) }
        for i in index.hooks.items(in: 0...cursor) {
            let e = log[Int(i)]
            if case .hookVerdict(let hook, let owner, _, _, _) = e.payload {
                let edit = WhatIf.hookDrops(host: log.hostName(e), hook: hook, owner: owner)
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
    func applyWhatIf(_ edit: WhatIf) {
        var edits = whatIfs
        if let i = edits.firstIndex(of: edit) { edits.remove(at: i) } else { edits.append(edit) }
        applyWhatIfs(edits)
    }

    /// Re-runs the scenario with `edits` to the same step and finds where the
    /// new log first differs from the old one.
    func applyWhatIfs(_ edits: [WhatIf]) {
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
        let what = edits.isEmpty ? "scenario restored" : "what-if: " + edits.map(\.description).joined(separator: "; ")
        if let d = divergence {
            message = "\(what). The runs diverge at step \(d + 1)" + (d <= step ? " (d jumps there)" : " (after this step; d jumps there)")
        } else {
            message = "\(what). The runs are identical so far"
        }
    }
}
