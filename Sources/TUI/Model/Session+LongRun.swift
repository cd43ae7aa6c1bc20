/// `G` on a long lesson: the simulation may have millions of events still to
/// run. In the interactive loops the run goes in slices, with a progress line
/// between them and the keyboard still read, so `q` and Ctrl-C answer at once
/// and any other key stops the run where it got to. Without a loop to slice
/// it (tests, scripts) `G` runs to the end before returning.
extension Session {
    /// Starts `G`: at once if the run is over, otherwise sliced or whole.
    func runToEnd() {
        guard slicesLongRuns, !source.isFinished else {
            runUntil { false }
            if index.count > 0 { move(to: index.count - 1) }
            return
        }
        isRunningToEnd = true
        showProgress()
    }

    /// Runs the simulation for about `budget` of wall time; the loop calls
    /// this between polls of the keyboard. At the end the cursor moves there.
    public func continueRunToEnd(for budget: Duration = .milliseconds(40)) {
        guard isRunningToEnd else { return }
        let clock = ContinuousClock(), deadline = clock.now + budget
        // Check the clock every few hundred tasks: a task is microseconds.
        repeat {
            for _ in 0..<256 where !source.isFinished { source.step() }
        } while !source.isFinished && clock.now < deadline
        index.extend(with: source.log)
        if source.isFinished {
            isRunningToEnd = false
            if index.count > 0 { move(to: index.count - 1) }
            message = nil
        } else {
            showProgress()
        }
    }

    /// A key during the run: `q` quits, anything else stops the run and
    /// leaves the cursor where the simulation got to.
    func interruptRunToEnd(with key: Key) {
        isRunningToEnd = false
        if KeyTable.action(for: key, searching: false) == .quit { wantsQuit = true; return }
        if index.count > 0 { move(to: index.count - 1) }
        message = "stopped the run at event \(grouped(index.count)); G goes on"
    }

    private func showProgress() {
        let log = source.log
        let seconds = Double(log.count > 0 ? log[log.count - 1].time : 0) / 1e9
        message = "G: running to the end… \(grouped(index.count)) events, \(seconds.formatted3) s of virtual time; any key stops, q quits"
    }

    private func grouped(_ n: Int) -> String {
        var s = String(n), out = ""
        while s.count > 3 { out = "," + s.suffix(3) + out; s.removeLast(3) }
        return s + out
    }
}

private extension Double {
    /// Three decimals, without Foundation.
    var formatted3: String {
        let thousandths = Int((self * 1000).rounded())
        let frac = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
    }
}
