import Scenarios
import Tracing

/// One line of the what-if menu: an edit, and what it will touch in this run.
public struct WhatIfChoice: Equatable, Sendable {
    public var edit: WhatIf
    /// Where in the run (as it stands with the current edits) the edit bites:
    /// the step of the hook entry, or of the host's first ARP request.
    public var step: Int?
    /// Why the menu offers it, said for the cursor's step.
    public var note: String
}

/// The run the session is not showing: the other side of a what-if.
public struct AlternateRun {
    let source: TraceSource
    var index: TraceIndex
    public let whatIfs: [WhatIf]
}

/// The what-if menu: scenario edits (``WhatIf``) for every host and every
/// hook entry of the run, and the re-run that applies them.
extension Session {
    /// Choices per menu page: one digit picks one.
    public static let whatIfPage = 9

    /// Every edit the run allows, with where it bites: each host can ignore
    /// ARP requests, each hook entry that runs (before the cursor or after
    /// it) can drop. Read from the whole run with the current edits, so the
    /// server's entries are offered before the SYN has reached it.
    func whatIfChoices() -> [WhatIfChoice] {
        guard let rerun, cursor >= 0 else { return [] }
        let whole = rerun(whatIfs)
        while whole.step() {}
        let log = whole.log
        // A host's first ARP request: the bytes simnic_rx records on arrival.
        var firstRequest: [UInt8: Int] = [:], receiving: Set<UInt8> = []
        var hooks: [WhatIf: Int] = [:], hookOrder: [WhatIf] = []
        for (i, e) in log.events.enumerated() {
            switch e.payload {
            case .enter(.simnic_rx, _):
                receiving.insert(e.host)
            case .skbData(let p) where receiving.remove(e.host) != nil:
                if firstRequest[e.host] == nil, PacketDecoder.summary(log.packets[p]).hasPrefix("ARP who-has") {
                    firstRequest[e.host] = i
                }
            case .hookVerdict(let hook, let owner, _, _, _):
                let edit = WhatIf.hookDrops(host: log.hostName(e), hook: hook, owner: owner)
                if hooks[edit] == nil { hooks[edit] = i; hookOrder.append(edit) }
            default:
                break
            }
        }
        func when(_ step: Int?) -> String {
            guard let step else { return "" }
            return step <= cursor ? "ran at step \(step + 1)" : "comes at step \(step + 1)"
        }
        var choices: [WhatIfChoice] = log.hosts.indices.map { h in
            let step = firstRequest[UInt8(h)]
            let note = step.map { "its first ARP request " + (($0 <= cursor) ? "arrived" : "arrives") + " at step \($0 + 1)" }
                ?? "no ARP request reaches it in this run"
            return WhatIfChoice(edit: .peerIgnoresARP(host: log.hosts[h].name), step: step, note: note)
        }
        choices += hookOrder.map { WhatIfChoice(edit: $0, step: hooks[$0], note: when(hooks[$0])) }
        return choices
    }

    func openWhatIfMenu() {
        guard rerun != nil else { message = "what-if needs a live scenario run"; return }
        overlay = .whatIfMenu(whatIfChoices(), page: 0)
    }

    func handleWhatIfMenuKey(_ key: Key, _ choices: [WhatIfChoice], page: Int) {
        let pages = max(1, (choices.count + Self.whatIfPage - 1) / Self.whatIfPage)
        switch key {
        case .char("]"), .pageDown, .right, .char(" "):
            overlay = .whatIfMenu(choices, page: (page + 1) % pages)
        case .char("["), .pageUp, .left:
            overlay = .whatIfMenu(choices, page: (page + pages - 1) % pages)
        case .char("0") where !whatIfs.isEmpty:
            overlay = nil
            applyWhatIfs([])
        case .char(let c) where c.wholeNumberValue.map { (1...Self.whatIfPage).contains($0) } == true:
            let k = page * Self.whatIfPage + c.wholeNumberValue! - 1
            overlay = nil
            if choices.indices.contains(k) { applyWhatIf(choices[k].edit) } else { message = "no choice \(c) on this page" }
        default:
            overlay = nil
            message = "what-if cancelled"
        }
    }

    /// Toggles `edit` on the run shown and re-runs.
    func applyWhatIf(_ edit: WhatIf) {
        var edits = whatIfs
        if let i = edits.firstIndex(of: edit) { edits.remove(at: i) } else { edits.append(edit) }
        applyWhatIfs(edits)
    }

    /// Re-runs the scenario with `edits` to the cursor's step; the run shown
    /// until now becomes the other run (`o`), and the two are compared.
    func applyWhatIfs(_ edits: [WhatIf]) {
        guard let rerun else { return }
        let step = cursor
        alternate = AlternateRun(source: source, index: index, whatIfs: whatIfs)
        replaceSource(rerun(edits))
        whatIfs = edits
        findDivergence()
        folds = folds.filter { $0 < (divergence ?? Int.max) }
        cursor = -1
        if ensure(0) { move(to: ensure(step) ? step : index.count - 1) }
        let what = edits.isEmpty ? "lesson as written" : "what-if: " + edits.map(\.description).joined(separator: "; ")
        if let d = divergence {
            message = "\(what). The runs part at step \(d + 1) (d jumps there; o shows the other run; c and G go on to this run's end)"
        } else {
            message = "\(what). The two runs are identical to the end"
        }
    }

    /// The first step where the two runs differ: both run on in step until
    /// they part or both end. nil when they never part.
    func findDivergence() {
        guard var other = alternate else { divergence = nil; return }
        var d = 0
        divergence = nil
        while true {
            let here = ensure(d), there = Self.grow(other.source, &other.index, toInclude: d)
            if !here || !there {
                if here != there { divergence = d }
                break
            }
            if log[d] != other.source.log[d] { divergence = d; break }
            d += 1
        }
        alternate = other
    }

    /// Shows the other run at the same step; the cursor stays where it is
    /// when that run has the step.
    func switchRun() {
        guard let other = alternate else { message = "no other run yet: w makes a what-if"; return }
        let step = cursor
        alternate = AlternateRun(source: source, index: index, whatIfs: whatIfs)
        replaceSource(other.source, index: other.index)
        whatIfs = other.whatIfs
        cursor = -1
        if ensure(0) { move(to: ensure(step) ? step : index.count - 1) }
        message = "showing the \(runName) run at step \(cursor + 1); o goes back to the \(otherRunName) run"
    }

    /// "what-if" or "original": the run with more edits is the what-if.
    public var runName: String { showsOriginal ? "original" : "what-if" }
    var otherRunName: String { showsOriginal ? "what-if" : "original" }
    public var showsOriginal: Bool { alternate.map { whatIfs.count < $0.whatIfs.count } ?? false }

    /// Extends `index` over `source` until it holds event `n`.
    static func grow(_ source: TraceSource, _ index: inout TraceIndex, toInclude n: Int) -> Bool {
        while source.log.count <= n, !source.isFinished {
            if !source.step() { break }
        }
        index.extend(with: source.log)
        return n < index.count
    }
}
