import Tracing

/// net/core/dev.c: the device-independent transmit and receive paths.
extension Net {
    /// Queue a buffer for transmission to a network device.
    /// 4.9: exported function; 6.1: an inline wrapper of __dev_queue_xmit.
    func dev_queue_xmit(_ skb: SKB) -> Int32 {
        span(.dev_queue_xmit, skb) { __dev_queue_xmit(skb) }
    }

    /// Picks the TX queue's qdisc and sends through it; a device without an
    /// enqueue function (noqueue: lo) goes straight to dev_hard_start_xmit,
    /// whose code is returned when the skb was consumed. Simplified away:
    /// the tc egress classifier, netprio, XPS (one TX queue per device), the
    /// recursion and "Virtual device asks to queue packet!" checks.
    func __dev_queue_xmit(_ skb: SKB) -> Int32 {
        span(.__dev_queue_xmit, skb) {
            let dev = skb.dev!
            if dev.qdisc.enqueues { return __dev_xmit_skb(skb, dev.qdisc, dev) }
            branch(.__dev_queue_xmit, .noQueue)
            var rc = NETDEV_TX_OK
            dev_hard_start_xmit(skb, dev, &rc)
            return rc
        }
    }

    /// The qdisc step: with an empty queue and TCQ_F_CAN_BYPASS the skb skips
    /// the queue (sch_direct_xmit); otherwise q->enqueue and __qdisc_run.
    func __dev_xmit_skb(_ skb: SKB, _ q: Qdisc, _ dev: NetDevice) -> Int32 {
        span(.__dev_xmit_skb, skb) {
            if q.TCQ_F_CAN_BYPASS && q.qlen == 0 && !q.running {
                branch(.__dev_xmit_skb, .qdiscBypass)
                q.running = true
                if sch_direct_xmit(skb, q, dev) != 0 { __qdisc_run(q, dev) } else { q.running = false }
                return NET_XMIT_SUCCESS
            }
            branch(.__dev_xmit_skb, .qdiscEnqueue(qlen: UInt32(q.qlen)))
            let rc = q.enqueue(skb)
            if rc == NET_XMIT_DROP {
                kfree_skb(skb, .QDISC_DROP, owner: UInt32(dev.ifindex))
                return rc
            }
            note(.skbQueued(skb.id, .qdisc, length: q.qlen, owner: UInt32(dev.ifindex)))
            if !q.running {
                q.running = true
                __qdisc_run(q, dev)
            }
            return rc
        }
    }

    /// Hands the skb (a list of one here) to xmit_one; `rc` is the driver's code.
    func dev_hard_start_xmit(_ skb: SKB, _ dev: NetDevice, _ rc: inout Int32) {
        var result = rc
        spanVoid(.dev_hard_start_xmit, skb) { result = xmit_one(skb, dev) }
        rc = result
    }

    /// Packet taps would get their copy here (dev_queue_xmit_nit, where
    /// tcpdump sees outgoing frames); then the driver.
    func xmit_one(_ skb: SKB, _ dev: NetDevice) -> Int32 {
        span(.xmit_one, skb) { netdev_start_xmit(skb, dev) }
    }

    /// Queues the skb on this CPU's backlog and raises NET_RX softirq:
    /// process_backlog runs it after the current work. Returns NET_RX_SUCCESS.
    func netif_rx(_ skb: SKB) -> Int32 {
        span(.netif_rx, skb) {
            world.schedule(at: world.now, on: self, .softirq) { [unowned self] in process_backlog(skb) }
            return NET_RX_SUCCESS
        }
    }

    /// The backlog's poll function in NET_RX softirq (one skb per run here).
    func process_backlog(_ skb: SKB) {
        spanVoid(.process_backlog, skb) { _ = __netif_receive_skb_core(skb) }
    }

    /// Receive entry from a driver (NAPI context). Simplified away: RPS, GRO
    /// and the backlog queue.
    func netif_receive_skb(_ skb: SKB) -> Int32 {
        span(.netif_receive_skb, skb) { __netif_receive_skb_core(skb) }
    }

    /// Delivers to the handler registered for the EtherType (ptype_base):
    /// arp_rcv for ETH_P_ARP, ip_rcv for ETH_P_IP.
    func __netif_receive_skb_core(_ skb: SKB) -> Int32 {
        span(.__netif_receive_skb_core, skb) {
            skb.reset_network_header()
            switch skb.protocol {
            case ETH_P_ARP:
                indirect(.ptype_func, .arp_rcv)
                return arp_rcv(skb, skb.dev!)
            case ETH_P_IP:
                indirect(.ptype_func, .ip_rcv)
                return ip_rcv(skb, skb.dev!)
            default:
                kfree_skb(skb, .UNHANDLED_PROTO)
                return NET_RX_DROP
            }
        }
    }
}
