import Scenarios
import Tracing

/// Which pane the detail slot shows. `auto` follows the cursor: the last
/// hook, neighbour change or frame at or before it decides.
public enum DetailPane: String, CaseIterable, Sendable {
    case auto, neighbours, netfilter, packet, wire
}

/// A line of text the user is typing at the bottom of the screen.
public struct Prompt: Equatable, Sendable {
    public enum Purpose: Sendable { case search, breakpoint, exportFormat }
    public var purpose: Purpose
    public var text = ""
    public var label: String {
        switch purpose {
        case .search: "search function: "
        case .breakpoint: "breakpoint on function: "
        case .exportFormat: "export the trace so far as (c)hain or (f)trace? "
        }
    }
}

/// What covers the panes, if anything.
public enum Overlay: Equatable, Sendable {
    /// The key list, scrolled down `scroll` lines.
    case help(scroll: Int)
    /// The what-if choices, shown ``Session/whatIfPage`` to a page.
    case whatIfMenu([WhatIfChoice], page: Int)
    /// The lesson picker, its bar on lesson `selected`.
    case lessons(selected: Int)
}

/// Everything the user has done to the view: the cursor, folds, breakpoints,
/// search, what-ifs, the detail pane. Pure state plus the actions on it; no
/// terminal. Each frame is drawn from a Session and the log it holds.
public final class Session {
    public private(set) var source: TraceSource
    public internal(set) var index = TraceIndex()
    /// The event under the cursor; -1 only while the log is empty.
    public internal(set) var cursor = -1
    /// Enters of the calls shown folded.
    public internal(set) var folds: Set<Int> = []
    public internal(set) var breakpoints: Set<Fn> = []
    /// Whether `c` also stops at teaching moments (``Event/isTeachingMoment``).
    public internal(set) var stopAtTeaching = true
    /// The active search; while set, n/N move between matches.
    public internal(set) var search: String?
    public internal(set) var detail: DetailPane = .auto
    public internal(set) var overlay: Overlay?
    public internal(set) var prompt: Prompt?
    /// One line of feedback for the status line; cleared by the next key.
    public internal(set) var message: String?
    /// First event where the run shown and the other run differ.
    public internal(set) var divergence: Int?
    /// The edits of the run shown.
    public internal(set) var whatIfs: [WhatIf] = []
    /// The run before the latest what-if (or after it, once `o` switched).
    public internal(set) var alternate: AlternateRun?
    public internal(set) var wantsQuit = false
    /// The lessons `l` offers; nil where no other lesson can be opened.
    public var lessonPicker: LessonPicker?
    /// Set when the user opened another lesson: the key loop goes on with it.
    public internal(set) var nextSession: Session?
    /// Rows of the call tree on screen, for PgUp/PgDn; the frame sets it.
    public var pageSize = 10
    /// Whether the call tree shows rows after the cursor (already run). The
    /// quiz hides them: they would give the answer away.
    public var showsFuture = true
    /// Whether `G` runs in slices that the key loop drives (see
    /// ``continueRunToEnd(for:)``); the interactive apps turn it on.
    public var slicesLongRuns = false
    /// Whether a sliced `G` is under way (only when ``slicesLongRuns``).
    public internal(set) var isRunningToEnd = false

    public let scenarioName: String
    let rerun: (([WhatIf]) -> TraceSource)?
    let exporter: Exporter?

    /// - Parameters:
    ///   - rerun: builds a fresh run of the scenario with these edits; nil
    ///     when the log is fixed and what-ifs are not possible.
    ///   - exporter: renders the log as text; nil disables `e`.
    public init(source: TraceSource, scenarioName: String,
                rerun: (([WhatIf]) -> TraceSource)? = nil, exporter: Exporter? = nil) {
        self.source = source
        self.scenarioName = scenarioName
        self.rerun = rerun
        self.exporter = exporter
        if ensure(0) { cursor = 0 }
    }

    /// The log as it stands. A copy that shares storage: read it per frame,
    /// and do not keep it across a step of the run.
    public var log: TraceLog { source.log }

    // MARK: - Keys

    /// Handles one key: an open prompt or overlay takes it first, then the key table.
    public func handle(_ key: Key) {
        if key == .resize { return }
        if isRunningToEnd { return interruptRunToEnd(with: key) }
        message = nil
        if prompt != nil { return handlePromptKey(key) }
        if let overlay { return handleOverlayKey(key, overlay) }
        guard let action = KeyTable.action(for: key, in: KeyTable.bindings, searching: search != nil) else {
            message = "\(key.label): not a key here (? shows the keys)"
            return
        }
        perform(action)
    }

    public func perform(_ action: Action) {
        switch action {
        case .stepInto: stepInto()
        case .stepBack: move(to: cursor - 1)
        case .stepOver: stepOver()
        case .stepOverBack: stepOverBack()
        case .finish: finish()
        case .finishBack: finishBack()
        case .continueForward: continueForward()
        case .continueBack: continueBack()
        case .rowDown: rowDown()
        case .rowUp: if let p = prevVisible(cursor) { cursor = p }
        case .pageDown: for _ in 0..<max(1, pageSize - 1) { rowDown() }
        case .pageUp: for _ in 0..<max(1, pageSize - 1) { if let p = prevVisible(cursor) { cursor = p } }
        case .first: move(to: 0)
        case .last: runToEnd()
        case .toggleFold: toggleFold()
        case .toggleBreakpoint: toggleBreakpointUnderCursor()
        case .typeBreakpoint: prompt = Prompt(purpose: .breakpoint)
        case .toggleTeachingStops:
            stopAtTeaching.toggle()
            message = stopAtTeaching ? "c stops at teaching moments and breakpoints"
                                     : "c stops at breakpoints only"
        case .search: prompt = Prompt(purpose: .search)
        case .searchNext: searchStep(forward: true)
        case .searchPrevious: searchStep(forward: false)
        case .endSearch: search = nil
        case .whatIf: openWhatIfMenu()
        case .jumpToDivergence:
            if let d = divergence { move(to: d) }
            else { message = alternate == nil ? "no what-if run yet (w)" : "the two runs never part" }
        case .switchRun: switchRun()
        case .export:
            if exporter == nil { message = "export is not available here" } else { prompt = Prompt(purpose: .exportFormat) }
        case .nextDetailPane: cycleDetail(by: 1)
        case .previousDetailPane: cycleDetail(by: -1)
        case .help: overlay = .help(scroll: 0)
        case .pickLesson: openLessonPicker()
        case .quit: wantsQuit = true
        case .playPause, .answer, .nextQuestion: break    // the demo's and the quiz's own
        }
    }

    private func cycleDetail(by step: Int) {
        let all = DetailPane.allCases
        let i = all.firstIndex(of: detail)!
        detail = all[(i + step + all.count) % all.count]
    }

    private func handlePromptKey(_ key: Key) {
        guard var p = prompt else { return }
        if p.purpose == .exportFormat {
            prompt = nil
            switch key {
            case .char("c"): export(format: .chain)
            case .char("f"): export(format: .ftrace)
            default: message = "export cancelled"
            }
            return
        }
        switch key {
        case .escape: prompt = nil
        case .backspace: if !p.text.isEmpty { p.text.removeLast() }; prompt = p
        case .enter:
            prompt = nil
            let text = p.text.trimmingSpaces
            guard !text.isEmpty else { return }
            if p.purpose == .search { search = text; searchStep(forward: true) } else { toggleBreakpoint(named: text) }
        case .char(let c): p.text.append(c); prompt = p
        default: prompt = p
        }
    }

    private func handleOverlayKey(_ key: Key, _ overlay: Overlay) {
        switch overlay {
        case .help(let scroll):
            switch key {
            case .char("j"), .down, .char(" "), .pageDown: self.overlay = .help(scroll: scroll + (key == .char("j") || key == .down ? 1 : 10))
            case .char("k"), .up, .pageUp: self.overlay = .help(scroll: max(0, scroll - (key == .pageUp ? 10 : 1)))
            default: self.overlay = nil
            }
        case .whatIfMenu(let choices, let page):
            handleWhatIfMenuKey(key, choices, page: page)
        case .lessons(let selected):
            handleLessonKey(key, selected: selected)
        }
    }

    // MARK: - The live run

    /// Makes event `n` exist, letting the simulation run if it must.
    /// Returns false when the run finished before producing it.
    @discardableResult
    func ensure(_ n: Int) -> Bool {
        while source.log.count <= n, !source.isFinished {
            if !source.step() { break }
        }
        index.extend(with: source.log)
        return n < index.count
    }

    /// Lets the simulation run until `condition` holds or it finishes.
    func runUntil(_ condition: () -> Bool) {
        while !condition(), !source.isFinished, ensure(index.count) {}
    }

    func replaceSource(_ new: TraceSource, index kept: TraceIndex = TraceIndex()) {
        source = new
        index = kept
        index.extend(with: new.log)
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
