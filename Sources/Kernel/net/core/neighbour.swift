import Tracing

/// net/core/neighbour.c: generic address resolution entity.
///
/// The model is single threaded, so the locking rules that open the real
/// file (the table lock, neigh->lock, the ha_lock seqlock) are simplified
/// away; every function otherwise does the one step its kernel namesake does.
extension Net {
    // MARK: - Creation and lookup

    /// Allocates an entry (neigh_alloc: at gc_thresh3, or gc_thresh2 with no
    /// flush for 5 s, neigh_forced_gc first; nothing freed at gc_thresh3 →
    /// "neighbor table overflow!" and no entry), NUD_NONE with `updated` and
    /// `used` both now, then tbl->constructor (arp_constructor), then
    /// tbl->hash (arp_hash) picks its bucket. 6.1: a wrapper that passes
    /// exempt_from_gc (loopback entries are not counted for GC) to
    /// ___neigh_create, which does this.
    func __neigh_create(_ tbl: NeighTable, _ pkey: UInt32, _ dev: NetDevice) -> Neighbour? {
        span(.__neigh_create, nil, arg: pkey, ret: { $0 == nil ? -Errno.ENOBUFS : 0 }) {
            let entries = tbl.entries.count
            if entries >= tbl.gc_thresh3
                || (entries >= tbl.gc_thresh2 && Int32(bitPattern: jiffies &- (tbl.last_flush &+ 5 * UInt32(World.HZ))) > 0) {
                if !neigh_forced_gc(tbl) && entries >= tbl.gc_thresh3 {
                    note(.kernelMessage(.neighTableOverflow))
                    return nil
                }
            }
            let n = Neighbour(tbl: tbl, dev: dev, key: pkey)
            n.confirmed = jiffies &- 2 &* n.parms.base_reachable_time
            n.updated = jiffies
            n.used = jiffies
            indirect(.tbl_constructor, .arp_constructor)
            guard arp_constructor(n) == 0 else { return nil }
            arp_hash(n.primary_key, dev)
            tbl.entries[n.key] = n
            note(.neighCreated(n.key, n.ops.kind, n.nud_state, output: n.output.fn))
            return n
        }
    }

    /// neigh_rand_reach_time: uniform in [base/2, 3*base/2), truncated to
    /// the int reachable_time is stored in.
    func neigh_rand_reach_time(_ base: UInt32) -> UInt32 {
        base == 0 ? 0 : UInt32(world.random.next() % UInt64(base)) &+ base / 2
    }

    /// Finds an entry by key and device: tbl->hash (arp_hash) picks the
    /// bucket, then each entry of the device is compared with the key (4.9:
    /// memcmp; 6.1: tbl->key_eq, arp_key_eq). The model's buckets hold one
    /// entry per key, so at most one comparison is made.
    func neigh_lookup(_ tbl: NeighTable, _ pkey: UInt32, _ dev: NetDevice) -> Neighbour? {
        span(.neigh_lookup, nil, arg: pkey, ret: { $0 == nil ? 0 : 1 }) {
            arp_hash(pkey, dev)
            let n = tbl.entries[NeighKey(ifindex: UInt32(dev.ifindex), ip: pkey)]
            if n != nil && kernel == .v6_1 { arp_key_eq(pkey) }
            return n
        }
    }

    /// A host solicited us: look its entry up or create it, and record its
    /// address as NUD_STALE (it may be reachable, but we have not confirmed it).
    func neigh_event_ns(_ tbl: NeighTable, _ lladdr: [UInt8], _ saddr: UInt32, _ dev: NetDevice) -> Neighbour? {
        span(.neigh_event_ns, nil, arg: saddr, ret: { $0 == nil ? -Errno.ENOBUFS : 0 }) {
            // __neigh_lookup(tbl, saddr, dev, creat = 1)
            guard let n = neigh_lookup(tbl, saddr, dev) ?? __neigh_create(tbl, saddr, dev) else { return nil }
            _ = neigh_update(n, lladdr, .NUD_STALE, NEIGH_UPDATE_F_OVERRIDE)
            return n
        }
    }

    // MARK: - Output

    /// Slow and careful: resolve first. If neigh_event_send says the address
    /// is usable, fill the hh cache once (devices with header_ops->cache),
    /// build the link header from neigh->ha and transmit. Returns 0 when the
    /// skb was parked on arp_queue.
    func neigh_resolve_output(_ neigh: Neighbour, _ skb: SKB) -> Int32 {
        span(.neigh_resolve_output, skb, arg: neigh.primary_key) {
            guard neigh_event_send(neigh, skb) == 0 else { return 0 }
            let dev = neigh.dev
            if dev.header_ops.cache && neigh.hh.hh_len == 0 {
                branch(.neigh_resolve_output, .hhInit)
                neigh_hh_init(neigh)
            }
            skb.pull(skb.network_header - skb.data)  // __skb_pull to the network header
            guard dev_hard_header(skb, dev, skb.protocol, neigh.ha, nil, skb.len) >= 0 else {
                kfree_skb(skb, .NEIGH_FAILED)
                return -Errno.EINVAL
            }
            return dev_queue_xmit(skb)
        }
    }

    /// As fast as possible without hh cache: build the header from neigh->ha
    /// and transmit, with no state check.
    func neigh_connected_output(_ neigh: Neighbour, _ skb: SKB) -> Int32 {
        span(.neigh_connected_output, skb, arg: neigh.primary_key) {
            skb.pull(skb.network_header - skb.data)
            guard dev_hard_header(skb, neigh.dev, skb.protocol, neigh.ha, nil, skb.len) >= 0 else {
                kfree_skb(skb, .NEIGH_FAILED)
                return -Errno.EINVAL
            }
            return dev_queue_xmit(skb)
        }
    }

    /// Fills the hh cache through dev->header_ops->cache.
    func neigh_hh_init(_ n: Neighbour) {
        spanVoid(.neigh_hh_init, nil, arg: n.primary_key) {
            guard n.hh.hh_len == 0 else { return }
            indirect(.header_ops_cache, .eth_header_cache)
            _ = eth_header_cache(n, ETH_P_IP)
        }
    }

    // MARK: - Resolution

    /// Starts or continues resolution. NONE/FAILED → INCOMPLETE with an
    /// immediate probe and the retransmit timer (or FAILED at once if no
    /// probes are allowed); STALE → DELAY and send; while INCOMPLETE the skb
    /// is parked on arp_queue, dropping the oldest over unres_qlen_bytes.
    /// Returns 0 to send now, 1 if the skb was queued or dropped. 6.1 stops
    /// a pending timer (neigh_del_timer) before both state changes, and the
    /// first retransmit is due after retrans_time but at least HZ/100
    /// (4.9: HZ/2).
    func __neigh_event_send(_ neigh: Neighbour, _ skb: SKB?) -> Int32 {
        span(.__neigh_event_send, skb, arg: neigh.primary_key) {
            var immediate_probe = false
            if !neigh.nud_state.isDisjoint(with: [.NUD_CONNECTED, .NUD_DELAY, .NUD_PROBE]) { return 0 }
            if neigh.dead {
                if let skb { kfree_skb(skb, .NEIGH_DEAD, owner: neigh.primary_key) }
                return 1
            }
            if neigh.nud_state.isDisjoint(with: [.NUD_STALE, .NUD_INCOMPLETE]) {
                if neigh.parms.mcast_probes + neigh.parms.app_probes > 0 {
                    branch(.__neigh_event_send, .startResolve(neigh.nud_state, probes: UInt32(neigh.parms.ucast_probes)))
                    neigh.probes = neigh.parms.ucast_probes
                    note(.neighProbes(neigh.key, neigh.probes))
                    if kernel == .v6_1 { neigh_del_timer(neigh) }
                    neigh_set_state(neigh, .NUD_INCOMPLETE, by: .__neigh_event_send)
                    neigh.updated = jiffies
                    let floor = UInt32(kernel == .v6_1 ? World.HZ / 100 : World.HZ / 2)
                    neigh_add_timer(neigh, jiffies &+ max(neigh.parms.retrans_time, floor))
                    immediate_probe = true
                } else {
                    neigh_set_state(neigh, .NUD_FAILED, by: .__neigh_event_send)
                    neigh.updated = jiffies
                    if let skb { kfree_skb(skb, .NEIGH_FAILED, owner: neigh.primary_key) }
                    return 1
                }
            } else if neigh.nud_state.contains(.NUD_STALE) {
                if kernel == .v6_1 { neigh_del_timer(neigh) }
                neigh_set_state(neigh, .NUD_DELAY, by: .__neigh_event_send)
                neigh.updated = jiffies
                neigh_add_timer(neigh, jiffies &+ neigh.parms.delay_probe_time)
            }
            var rc: Int32 = 0
            if neigh.nud_state == .NUD_INCOMPLETE {
                if let skb {
                    branch(.__neigh_event_send, .queueOnArp)
                    while neigh.arp_queue_len_bytes + skb.truesize > neigh.parms.queue_len_bytes,
                          !neigh.arp_queue.isEmpty {
                        branch(.__neigh_event_send, .dropOldest)
                        let buff = neigh.arp_queue.removeFirst()
                        neigh.arp_queue_len_bytes -= buff.truesize
                        kfree_skb(buff, .NEIGH_QUEUEFULL, owner: neigh.primary_key)
                    }
                    neigh.arp_queue.append(skb)
                    neigh.arp_queue_len_bytes += skb.truesize
                    note(.skbQueued(skb.id, .arp_queue, length: neigh.arp_queue.count, owner: neigh.primary_key))
                }
                rc = 1
            }
            if immediate_probe { neigh_probe(neigh) }
            return rc
        }
    }

    /// Clones the newest queued skb (arp_solicit reads its source address),
    /// calls neigh->ops->solicit and counts the probe.
    func neigh_probe(_ neigh: Neighbour) {
        spanVoid(.neigh_probe, nil, arg: neigh.primary_key) {
            let skb = neigh.arp_queue.last.map { skb_clone($0) }
            indirect(.neigh_ops_solicit, .arp_solicit)
            arp_solicit(neigh, skb)
            neigh.probes += 1
            note(.neighProbes(neigh.key, neigh.probes))
            if let skb { consume_skb(skb) }
        }
    }

    /// neigh_max_probes: the probes allowed before NUD_FAILED.
    func neigh_max_probes(_ n: Neighbour) -> Int {
        n.parms.ucast_probes + n.parms.app_probes
            + (n.nud_state.contains(.NUD_PROBE) ? n.parms.mcast_reprobes : n.parms.mcast_probes)
    }

    // MARK: - Update

    /// The generic update (arp_process, neigh_event_ns, admin changes). For
    /// the flags used on the ARP paths and by `ip neigh` (ADMIN may change
    /// NOARP and PERMANENT entries): sets the state and address, re-arms
    /// the timer, swaps the output pointer (neigh_connect / neigh_suspect),
    /// and, when an unresolved entry becomes VALID, drains arp_queue through
    /// each skb's neighbour's output (n1->output, the neighbour of the skb's
    /// route: dst_neigh_lookup_skb → ipv4_neigh_lookup). A change is then
    /// announced (neigh_update_notify: netevent notifiers, __neigh_notify's
    /// RTM_NEWNEIGH). 6.1: an exported wrapper of __neigh_update, which does
    /// this and stops the timer whatever the old state. Simplified away: the
    /// WEAK_OVERRIDE and ISROUTER flags.
    func neigh_update(_ neigh: Neighbour, _ lladdr: [UInt8]?, _ new: NUDState, _ flags: Int) -> Int32 {
        span(.neigh_update, nil, arg: neigh.primary_key) {
            let old = neigh.nud_state
            if flags & NEIGH_UPDATE_F_ADMIN == 0 && !old.isDisjoint(with: [.NUD_NOARP, .NUD_PERMANENT]) {
                return -Errno.EPERM
            }
            if neigh.dead { return -Errno.EPERM }
            if new.isDisjoint(with: .NUD_VALID) {
                // Going to an invalid state: stop the timer, leave CONNECTED.
                if kernel == .v6_1 || !old.isDisjoint(with: .NUD_IN_TIMER) { neigh_del_timer(neigh) }
                if !old.isDisjoint(with: .NUD_CONNECTED) { neigh_suspect(neigh) }
                neigh_set_state(neigh, new, by: .neigh_update)
                var notify = !old.isDisjoint(with: .NUD_VALID)
                if !old.isDisjoint(with: [.NUD_INCOMPLETE, .NUD_PROBE]) && new.contains(.NUD_FAILED) {
                    neigh_invalidate(neigh)
                    notify = true
                }
                if notify { __neigh_notify(neigh) }
                return 0
            }
            // Choose the address: a valid cached one is kept unless overridden.
            var addr = lladdr ?? neigh.ha
            if lladdr == nil && old.isDisjoint(with: .NUD_VALID) { return -Errno.EINVAL }
            if !new.isDisjoint(with: .NUD_CONNECTED) { neigh.confirmed = jiffies }
            var newState = new
            if !old.isDisjoint(with: .NUD_VALID) {
                if addr != neigh.ha && flags & NEIGH_UPDATE_F_OVERRIDE == 0 {
                    return 0  // a different address, not allowed to override: ignore
                }
                if addr == neigh.ha && new == .NUD_STALE { newState = old }  // same address: keep state
                if flags & NEIGH_UPDATE_F_OVERRIDE == 0 { addr = neigh.ha }
            }
            var notify = false
            if newState != old {
                neigh.updated = jiffies
                if kernel == .v6_1 || !old.isDisjoint(with: .NUD_IN_TIMER) { neigh_del_timer(neigh) }
                if newState.contains(.NUD_PROBE) { neigh.probes = 0; note(.neighProbes(neigh.key, 0)) }
                if !newState.isDisjoint(with: .NUD_IN_TIMER) {
                    neigh_add_timer(neigh, newState.contains(.NUD_REACHABLE)
                                    ? jiffies &+ neigh.parms.reachable_time : jiffies)
                }
                neigh_set_state(neigh, newState, by: .neigh_update)
                notify = true
            }
            if addr != neigh.ha {
                neigh.ha = addr
                neigh.updated = jiffies
                if neigh.hh.hh_len != 0 { _ = eth_header_cache(neigh, ETH_P_IP) }  // neigh_update_hhs
                if newState.isDisjoint(with: .NUD_CONNECTED) {
                    neigh.confirmed = jiffies &- 2 &* neigh.parms.base_reachable_time
                }
                notify = true
            }
            defer { if notify { __neigh_notify(neigh) } }
            if newState == old { return 0 }
            if !newState.isDisjoint(with: .NUD_CONNECTED) {
                branch(.neigh_update, .updateConnect(newState))
                neigh_connect(neigh)
            } else {
                branch(.neigh_update, .updateSuspect(newState))
                neigh_suspect(neigh)
            }
            if old.isDisjoint(with: .NUD_VALID) {
                if !neigh.arp_queue.isEmpty { branch(.neigh_update, .updateDrain) }
                while !neigh.nud_state.isDisjoint(with: .NUD_VALID), !neigh.arp_queue.isEmpty {
                    let skb = neigh.arp_queue.removeFirst()
                    neigh.arp_queue_len_bytes -= skb.truesize
                    note(.skbDequeued(skb.id, .arp_queue, length: neigh.arp_queue.count, owner: neigh.primary_key))
                    // dst_neigh_lookup_skb: the skb's own next hop, else this entry.
                    let n1 = skb.dst.flatMap { ipv4_neigh_lookup($0, skb) } ?? neigh
                    indirect(.n1_output, n1.output.fn)
                    _ = n1.output(n1, skb)
                }
                neigh.arp_queue_len_bytes = 0
            }
            return 0
        }
    }

    /// neigh->output = ops->connected_output.
    func neigh_connect(_ neigh: Neighbour) {
        spanVoid(.neigh_connect, nil, arg: neigh.primary_key) {
            set_output(neigh, neigh.ops.connected_output)
        }
    }

    /// neigh->output = ops->output: every packet is checked again.
    func neigh_suspect(_ neigh: Neighbour) {
        spanVoid(.neigh_suspect, nil, arg: neigh.primary_key) {
            set_output(neigh, neigh.ops.output)
        }
    }

    // MARK: - Timer

    /// The per-neighbour timer callback (net/core/neighbour.c,
    /// neigh_timer_handler): REACHABLE → DELAY or STALE, DELAY → REACHABLE
    /// or PROBE, PROBE/INCOMPLETE → FAILED after the probes. Simplified away: netlink
    /// notification and the "managed" entries of 5.16+.
    func neigh_timer_handler(_ neigh: Neighbour) {
        spanVoid(.neigh_timer_handler, nil, arg: neigh.primary_key) {
            let state = neigh.nud_state
            let now = jiffies
            var next = now &+ UInt32(World.HZ)
            guard !state.isDisjoint(with: .NUD_IN_TIMER) else { return }
            // neigh_update_notify after a change userspace is told about.
            var notify = false
            defer { if notify { __neigh_notify(neigh) } }
            if state.contains(.NUD_REACHABLE) {
                if before_eq(now, neigh.confirmed &+ neigh.parms.reachable_time) {
                    next = neigh.confirmed &+ neigh.parms.reachable_time
                } else if before_eq(now, neigh.used &+ neigh.parms.delay_probe_time) {
                    neigh_set_state(neigh, .NUD_DELAY, by: .neigh_timer_handler)
                    neigh.updated = now
                    neigh_suspect(neigh)
                    next = now &+ neigh.parms.delay_probe_time
                } else {
                    neigh_set_state(neigh, .NUD_STALE, by: .neigh_timer_handler)
                    neigh.updated = now
                    neigh_suspect(neigh)
                    notify = true
                }
            } else if state.contains(.NUD_DELAY) {
                if before_eq(now, neigh.confirmed &+ neigh.parms.delay_probe_time) {
                    neigh_set_state(neigh, .NUD_REACHABLE, by: .neigh_timer_handler)
                    neigh.updated = now
                    neigh_connect(neigh)
                    notify = true
                    next = neigh.confirmed &+ neigh.parms.reachable_time
                } else {
                    neigh_set_state(neigh, .NUD_PROBE, by: .neigh_timer_handler)
                    neigh.updated = now
                    neigh.probes = 0
                    note(.neighProbes(neigh.key, 0))
                    next = now &+ neigh.parms.retrans_time
                }
            } else {
                next = now &+ neigh.parms.retrans_time  // NUD_PROBE | NUD_INCOMPLETE
            }
            if !neigh.nud_state.isDisjoint(with: [.NUD_INCOMPLETE, .NUD_PROBE]),
               neigh.probes >= neigh_max_probes(neigh) {
                neigh_set_state(neigh, .NUD_FAILED, by: .neigh_timer_handler)
                notify = true
                neigh_invalidate(neigh)
                return
            }
            if !neigh.nud_state.isDisjoint(with: .NUD_IN_TIMER) {
                // mod_timer on the entry's own timer, not neigh_add_timer.
                let floor = jiffies &+ UInt32(World.HZ / 2)
                if let t = neigh.timer { mod_timer(t, Int32(bitPattern: next &- floor) < 0 ? floor : next) }
            }
            if !neigh.nud_state.isDisjoint(with: [.NUD_INCOMPLETE, .NUD_PROBE]) { neigh_probe(neigh) }
        }
    }

    /// Resolution failed: every queued skb goes to neigh->ops->error_report
    /// (arp_error_report: host unreachable back to the sender), then the
    /// queue is purged.
    func neigh_invalidate(_ neigh: Neighbour) {
        spanVoid(.neigh_invalidate, nil, arg: neigh.primary_key) {
            neigh.updated = jiffies
            while neigh.nud_state == .NUD_FAILED, !neigh.arp_queue.isEmpty {
                let skb = neigh.arp_queue.removeFirst()
                neigh.arp_queue_len_bytes -= skb.truesize
                note(.skbDequeued(skb.id, .arp_queue, length: neigh.arp_queue.count, owner: neigh.primary_key))
                indirect(.neigh_ops_error_report, .arp_error_report)
                arp_error_report(neigh, skb)
            }
            neigh.arp_queue_len_bytes = 0
        }
    }

    // MARK: - Garbage collection

    /// Frees every entry nobody else holds that is not PERMANENT (entries in
    /// a timer are held by it). Returns whether anything was freed.
    func neigh_forced_gc(_ tbl: NeighTable) -> Bool {
        span(.neigh_forced_gc, nil, ret: { $0 ? 1 : 0 }) {
            var shrunk = false
            for n in tbl.ordered where n.refcnt == 1 && !n.nud_state.contains(.NUD_PERMANENT) {
                neigh_free(n, by: .neigh_forced_gc)
                shrunk = true
            }
            tbl.last_flush = jiffies
            return shrunk
        }
    }

    /// The table's periodic GC work (a delayed work, run by a kworker):
    /// refreshes reachable_time every 300 s and, from gc_thresh1 entries on,
    /// frees entries that are FAILED or unused for gc_staletime, never
    /// PERMANENT ones or those in a timer. Re-queued every
    /// base_reachable_time / 2.
    func neigh_periodic_work(_ tbl: NeighTable) {
        spanVoid(.neigh_periodic_work, nil) {
            if Int32(bitPattern: jiffies &- (tbl.last_rand &+ 300 * UInt32(World.HZ))) > 0 {
                tbl.last_rand = jiffies
                tbl.parms.reachable_time = neigh_rand_reach_time(tbl.parms.base_reachable_time)
                for dev in devices {
                    dev.arp_parms.reachable_time = neigh_rand_reach_time(dev.arp_parms.base_reachable_time)
                }
            }
            if tbl.entries.count >= tbl.gc_thresh1 {
                for n in tbl.ordered where n.nud_state.isDisjoint(with: [.NUD_PERMANENT, .NUD_IN_TIMER]) {
                    if Int32(bitPattern: n.used &- n.confirmed) < 0 { n.used = n.confirmed }
                    if n.refcnt == 1 && (n.nud_state == .NUD_FAILED
                        || Int32(bitPattern: jiffies &- (n.used &+ n.parms.gc_staletime)) > 0) {
                        neigh_free(n, by: .neigh_periodic_work)
                    }
                }
            }
            queueNeighbourGC(after: tbl.parms.base_reachable_time / 2)
        }
    }

    /// Starts the table's GC work, as neigh_table_init does: the table was
    /// last flushed and randomised now, and the first run is after
    /// reachable_time.
    func startNeighbourGC() {
        arp_tbl.parms.reachable_time = neigh_rand_reach_time(arp_tbl.parms.base_reachable_time)
        arp_tbl.last_rand = jiffies
        arp_tbl.last_flush = jiffies
        queueNeighbourGC(after: arp_tbl.parms.reachable_time)
    }

    /// queue_delayed_work(..., &tbl->gc_work, delay): like a timer, it never
    /// keeps a run alive on its own.
    private func queueNeighbourGC(after delay: UInt32) {
        world.schedule(at: world.now + UInt64(delay) * World.nsPerJiffy, on: self, .workqueue, isTimer: true) {
            [unowned self] in neigh_periodic_work(arp_tbl)
        }
    }

    /// Unhashes an entry and marks it dead (neigh_cleanup_and_release).
    private func neigh_free(_ n: Neighbour, by cause: Fn) {
        n.dead = true
        n.tbl.entries[n.key] = nil
        note(.neighFreed(n.key, cause: cause))
        for skb in n.arp_queue { kfree_skb(skb, .NEIGH_DEAD, owner: n.primary_key) }
        n.arp_queue.removeAll()
    }

    // MARK: - Administration

    /// `ip neigh add ADDR lladdr MAC dev DEV nud STATE` (the RTM_NEWNEIGH
    /// handler): create the entry and force its state with an admin update.
    func neigh_add(_ dev: NetDevice, _ addr: UInt32, _ lladdr: [UInt8], _ state: NUDState) -> Int32 {
        span(.neigh_add, nil, arg: addr) {
            guard let n = neigh_lookup(arp_tbl, addr, dev) ?? __neigh_create(arp_tbl, addr, dev) else {
                return -Errno.ENOBUFS
            }
            return neigh_update(n, lladdr, state, NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_ADMIN)
        }
    }

    // MARK: - Helpers (no kernel counterpart as functions: plain assignments there)

    /// `neigh->nud_state = new`, recorded with the function that did it.
    func neigh_set_state(_ n: Neighbour, _ new: NUDState, by cause: Fn) {
        guard n.nud_state != new else { return }
        note(.nudChange(n.key, from: n.nud_state, to: new, cause: cause))
        n.nud_state = new
    }

    /// `neigh->output = fn`, recorded when the pointer actually changes.
    func set_output(_ n: Neighbour, _ fn: NeighOutput) {
        guard n.output != fn else { return }
        note(.outputSwap(n.key, from: n.output.fn, to: fn.fn))
        n.output = fn
    }

    /// Arms the entry's timer (the timer holds a reference while pending).
    func neigh_add_timer(_ n: Neighbour, _ when: UInt32) {
        spanVoid(.neigh_add_timer, nil, arg: n.primary_key) {
            let timer = n.timer ?? KernelTimer(handler: .neigh_timer_handler, object: n.primary_key) {
                [unowned self, unowned n] in neigh_timer_handler(n)
            }
            n.timer = timer
            mod_timer(timer, when)
        }
    }

    /// Stops the entry's timer if its state keeps one (NUD_IN_TIMER) and it
    /// was pending; returns 1 then, 0 otherwise.
    @discardableResult
    func neigh_del_timer(_ n: Neighbour) -> Int32 {
        span(.neigh_del_timer, nil, arg: n.primary_key) {
            guard !n.nud_state.isDisjoint(with: .NUD_IN_TIMER), let t = n.timer, del_timer(t) else { return 0 }
            return 1
        }
    }

    /// The RTM_NEWNEIGH message `ip monitor neigh` prints (neigh_fill_info,
    /// rtnl_notify). The netevent notifier call before it reaches no one in
    /// the model. Nothing in the model listens, so only the call is recorded.
    func __neigh_notify(_ n: Neighbour) {
        spanVoid(.__neigh_notify, nil, arg: n.primary_key) { _ = neigh_fill_info(n) }
    }

    /// The message's body; returns its length (ndmsg and the attributes
    /// the model has: NDA_DST, NDA_LLADDR when VALID, NDA_PROBES, NDA_CACHEINFO).
    func neigh_fill_info(_ n: Neighbour) -> Int32 {
        span(.neigh_fill_info, nil, arg: n.primary_key) {
            12 + 8 + (n.nud_state.isDisjoint(with: .NUD_VALID) ? 0 : 12) + 8 + 20
        }
    }
}

let NEIGH_UPDATE_F_OVERRIDE = 0x1
let NEIGH_UPDATE_F_ADMIN = 0x8000_0000

/// time_before_eq for jiffies that wrap.
func before_eq(_ a: UInt32, _ b: UInt32) -> Bool { Int32(bitPattern: a &- b) <= 0 }
