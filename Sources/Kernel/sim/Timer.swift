import Tracing

/// struct timer_list on the virtual clock: armed with mod_timer, removed with
/// del_timer; its callback runs in TIMER softirq context on its host.
final class KernelTimer {
    /// The callback, named for the log.
    let handler: Fn
    /// What the timer belongs to (a neighbour's address, a socket's port).
    let object: UInt32
    private(set) var expires: UInt32 = 0
    private(set) var pending = false
    private var generation = 0
    private let callback: () -> Void

    init(handler: Fn, object: UInt32, callback: @escaping () -> Void) {
        self.handler = handler; self.object = object; self.callback = callback
    }

    fileprivate func arm(_ expires: UInt32) -> Int {
        self.expires = expires
        pending = true
        generation += 1
        return generation
    }

    fileprivate func fire(_ generation: Int) -> Bool {
        guard pending, generation == self.generation else { return false }
        pending = false
        return true
    }

    fileprivate func cancel() -> Bool {
        defer { pending = false }
        return pending
    }

    fileprivate func run() { callback() }
}

extension Net {
    /// mod_timer: (re)arms the timer for `expires` (jiffies).
    func mod_timer(_ t: KernelTimer, _ expires: UInt32) {
        let generation = t.arm(expires)
        note(.timerArmed(t.handler, object: t.object, expires: expires))
        // A timer runs at the tick where jiffies reaches `expires` (the
        // wheel's per-level granularity, up to 12.5% late, is simplified away);
        // timers of the same tick run last-armed first.
        let tick = UInt64(expires &- Jiffies.INITIAL_JIFFIES) * World.nsPerJiffy
        world.schedule(at: max(tick, world.now), on: self, .timer, isTimer: true) { [unowned self] in
            guard t.fire(generation) else { return }
            note(.timerFired(t.handler, object: t.object))
            t.run()
        }
    }

    /// del_timer: true if the timer was pending.
    @discardableResult
    func del_timer(_ t: KernelTimer) -> Bool {
        guard t.cancel() else { return false }
        note(.timerCancelled(t.handler, object: t.object))
        return true
    }
}
