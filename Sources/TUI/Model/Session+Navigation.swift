import Tracing

/// Stepping and folding: where each movement key lands.
extension Session {
    /// Moves the cursor to `target` if it exists and unfolds what hides it.
    func move(to target: Int) {
        guard target >= 0, ensure(target) else {
            message = target < 0 ? "at the first event" : "the run has finished: this is the last event"
            return
        }
        cursor = target
        reveal(target)
    }

    func stepInto() { move(to: cursor + 1) }

    /// gdb's `next`: past the end of the call under the cursor.
    func stepOver() {
        guard cursor >= 0, log[cursor].kind == .enter else { return stepInto() }
        let enter = cursor
        runUntil { index.exit(of: enter) != nil }
        guard let exit = index.exit(of: enter) else { return move(to: index.count - 1) }
        // Land after the exit when there is something there; else on the exit.
        move(to: ensure(exit + 1) ? exit + 1 : exit)
    }

    /// Back to the start of the previous call (the reverse of ``stepOver()``).
    func stepOverBack() {
        guard cursor > 0 else { return move(to: cursor - 1) }
        let previous = cursor - 1
        move(to: log[previous].kind == .exit ? index.enter(of: previous) ?? previous : previous)
    }

    /// gdb's `finish`: to the exit of the current function. On an exit, the
    /// current function is the caller.
    func finish() {
        guard cursor >= 0 else { return }
        let frame = log[cursor].kind == .exit ? index.parent(of: cursor) : index.frame(of: cursor, in: log)
        guard let enter = frame else { message = "not inside a function"; return }
        runUntil { index.exit(of: enter) != nil }
        if let exit = index.exit(of: enter) { move(to: exit) } else { message = "\(fnName(enter)) never returned" }
    }

    /// Back to the entry of the current function; on an entry, the caller's.
    func finishBack() {
        guard cursor >= 0 else { return }
        let frame = log[cursor].kind == .enter ? index.parent(of: cursor) : index.frame(of: cursor, in: log)
        if let enter = frame { move(to: enter) } else { message = "not inside a function" }
    }

    /// Whether `c` stops at event `i`.
    func isStop(_ i: Int, _ log: TraceLog) -> Bool {
        let e = log[i]
        if e.kind == .enter, let fn = e.function, breakpoints.contains(fn) { return true }
        return stopAtTeaching && e.isTeachingMoment
    }

    func continueForward() {
        var i = cursor + 1
        while ensure(i) {
            if isStop(i, log) { return move(to: i) }
            i += 1
        }
        if index.count > 0 { move(to: index.count - 1) }
        message = "the run has finished: no further stop"
    }

    func continueBack() {
        let log = self.log
        var i = cursor - 1
        while i >= 0 {
            if isStop(i, log) { return move(to: i) }
            i -= 1
        }
        move(to: 0)
        message = "at the first event: no earlier stop"
    }

    func rowDown() {
        guard cursor >= 0 else { return }
        // Past a folded call: let the run finish it first, when it is live.
        if folds.contains(cursor) {
            let enter = cursor
            runUntil { index.exit(of: enter) != nil }
            if let exit = index.exit(of: enter) { ensure(exit + 1) }
        } else {
            ensure(cursor + 1)
        }
        if let n = nextVisible(cursor) { cursor = n } else { message = "the run has finished: this is the last event" }
    }

    // MARK: - Breakpoints

    func toggleBreakpointUnderCursor() {
        guard cursor >= 0, let frame = index.frame(of: cursor, in: log), let fn = log[frame].function else {
            message = "no function under the cursor"
            return
        }
        toggleBreakpoint(fn)
    }

    func toggleBreakpoint(named name: String) {
        if let fn = Fn(name: name) { return toggleBreakpoint(fn) }
        let close = Fn.allCases.filter { $0.name.contains(name) }
        if close.count == 1 { return toggleBreakpoint(close[0]) }
        message = close.isEmpty ? "no function named '\(name)'"
            : "'\(name)' could be: " + close.prefix(4).map(\.name).joined(separator: ", ") + (close.count > 4 ? "…" : "")
    }

    func toggleBreakpoint(_ fn: Fn) {
        if breakpoints.remove(fn) == nil {
            breakpoints.insert(fn)
            message = "breakpoint on \(fn.name): c stops when it is entered"
        } else {
            message = "breakpoint on \(fn.name) removed"
        }
    }

    // MARK: - Search

    func searchStep(forward: Bool) {
        guard let text = search?.lowercased() else { return }
        let fns = Set(Fn.allCases.filter { $0.name.lowercased().contains(text) }.map(\.rawValue))
        let exprs = Set(PointerExpr.allCases.filter { $0.description.lowercased().contains(text) }.map(\.rawValue))
        func matches(_ e: Event) -> Bool {
            (e.kind == .enter && fns.contains(e.code)) || (e.kind == .indirectCall && exprs.contains(e.aux))
        }
        if forward {
            var i = cursor + 1
            while ensure(i) {
                if matches(log[i]) { return move(to: i) }
                i += 1
            }
        } else {
            let log = self.log
            var i = cursor - 1
            while i >= 0 {
                if matches(log[i]) { return move(to: i) }
                i -= 1
            }
        }
        message = "no \(forward ? "later" : "earlier") match for '\(search ?? "")'"
    }

    // MARK: - Folding

    func toggleFold() {
        guard cursor >= 0, let frame = index.frame(of: cursor, in: log) else { return }
        if folds.remove(frame) == nil { folds.insert(frame) }
        cursor = frame
        reveal(frame)
    }

    /// The outermost folded call that hides event `i`, if any.
    func hider(of i: Int, _ log: TraceLog) -> Int? {
        if folds.isEmpty { return nil }
        var found: Int?
        if log[i].kind == .exit, let enter = index.enter(of: i), folds.contains(enter) { found = enter }
        var p = index.parent(of: i)
        while let q = p {
            if folds.contains(q) { found = q }
            p = index.parent(of: q)
        }
        return found
    }

    func reveal(_ i: Int) {
        let log = self.log
        while let h = hider(of: i, log) { folds.remove(h) }
    }

    /// The next row of the tree after event `i` among events already in the log.
    func nextVisible(_ i: Int) -> Int? {
        let log = self.log
        var j = folds.contains(i) ? (index.exit(of: i).map { $0 + 1 } ?? index.count) : i + 1
        while j < index.count, let h = hider(of: j, log) {
            j = index.exit(of: h).map { $0 + 1 } ?? index.count
        }
        return j < index.count ? j : nil
    }

    func prevVisible(_ i: Int) -> Int? {
        guard i > 0 else { return nil }
        return hider(of: i - 1, log) ?? i - 1
    }

    func fnName(_ i: Int) -> String { log.functionName(code: log[i].code) }
}
