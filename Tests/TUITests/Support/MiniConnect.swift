import Tracing

/// Writes a log the way the kernel model does, through a real ``Tracer``:
/// `call` brackets a body with enter/exit at the right depth.
final class LogScript {
    let tracer: Tracer
    var time: UInt64 = 0
    var host: UInt8 = 0
    var context: ExecutionContext = .process

    init(scenario: String = "mini-connect") {
        tracer = Tracer(scenario: scenario, seed: 1)
    }

    var log: TraceLog { tracer.log }

    func on(_ host: UInt8, _ context: ExecutionContext, _ body: () -> Void) {
        let saved = (self.host, self.context)
        (self.host, self.context) = (host, context)
        body()
        (self.host, self.context) = saved
    }

    func call(_ fn: Fn, skb: UInt32 = 0, ret: Int32 = 0, _ body: () -> Void = {}) {
        time += 1000
        tracer.enter(fn, host: host, context: context, time: time, skb: skb)
        body()
        time += 1000
        tracer.exit(fn, host: host, context: context, time: time, skb: skb, ret: ret)
    }

    func emit(_ m: Moment) {
        time += 500
        tracer.emit(m, host: host, context: context, time: time)
    }

    func frame(skb: UInt32, _ bytes: [UInt8]) {
        let p = tracer.store(bytes)
        emit(.skbData(skb, packet: p))
        emit(.frame(skb, packet: p, ifindex: 0))
    }
}

/// Real frames with the fields the panes decode.
enum Frames {
    static let clientMAC: [UInt8] = [0x02, 0, 0, 0, 0, 0x01], serverMAC: [UInt8] = [0x02, 0, 0, 0, 0, 0x02]
    static let clientIP: [UInt8] = [10, 0, 0, 1], serverIP: [UInt8] = [10, 0, 0, 2]

    static func arp(op: UInt8, sha: [UInt8], spa: [UInt8], tha: [UInt8], tpa: [UInt8], dst: [UInt8]) -> [UInt8] {
        dst + sha + [0x08, 0x06] + [0, 1, 0x08, 0, 6, 4, 0, op] + sha + spa + tha + tpa
    }
    static var arpRequest: [UInt8] {
        arp(op: 1, sha: clientMAC, spa: clientIP, tha: [0, 0, 0, 0, 0, 0], tpa: serverIP, dst: [0xff, 0xff, 0xff, 0xff, 0xff, 0xff])
    }
    static var arpReply: [UInt8] {
        arp(op: 2, sha: serverMAC, spa: serverIP, tha: clientMAC, tpa: clientIP, dst: clientMAC)
    }
    static func tcp(flags: UInt8, from: [UInt8], to: [UInt8], srcMAC: [UInt8], dstMAC: [UInt8], seq: UInt32, ack: UInt32) -> [UInt8] {
        let options: [UInt8] = [2, 4, 0x05, 0xb4, 4, 2, 1, 3, 3, 7]   // MSS 1460, SACK_PERM, NOP, WS 7
        let tcpLen = 20 + options.count + 2                            // padded with two NOPs
        let ip: [UInt8] = [0x45, 0, 0, UInt8(20 + tcpLen), 0, 0, 0x40, 0, 64, 6, 0, 0] + from + to
        func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)] }
        let tcp: [UInt8] = [0x9c, 0x40, 0, 80] + be32(seq) + be32(ack) + [UInt8(tcpLen / 4) << 4, flags, 0xfa, 0xf0, 0, 0, 0, 0]
            + options + [1, 1]
        return dstMAC + srcMAC + [0x08, 0x00] + ip + tcp
    }
}

/// A small cold connect, shaped like the real one: the SYN finds no
/// neighbour, waits on arp_queue while ARP resolves, then goes out when the
/// reply makes the entry REACHABLE and neigh_connect swaps the output.
enum MiniConnect {
    static let server = NeighKey(ifindex: 1, ip: 0x0a00_0002)
    static let client = NeighKey(ifindex: 1, ip: 0x0a00_0001)

    static func log() -> TraceLog { script().log }

    static func script() -> LogScript {
        let s = LogScript()
        _ = s.tracer.addHost(HostInfo(name: "client", devices: ["lo", "eth0"]))
        _ = s.tracer.addHost(HostInfo(name: "server", devices: ["lo", "eth0"]))
        s.on(0, .process) {
            s.call(.__inet_stream_connect, ret: 0) {
                s.call(.tcp_v4_connect) {
                    s.emit(.sockState(sock: 1, from: .TCP_CLOSE, to: .TCP_SYN_SENT))
                    s.call(.tcp_connect) {
                        s.emit(.skbAlloc(1, parent: 0, .alloc))
                        s.call(.tcp_transmit_skb, skb: 1) {
                            s.emit(.skbAlloc(2, parent: 1, .clone))
                            s.emit(.indirectCall(.icsk_af_ops_queue_xmit, .ip_queue_xmit))
                            s.call(.ip_queue_xmit, skb: 2) { sendPath(s) }
                        }
                    }
                }
            }
        }
        // The server answers the ARP request.
        s.on(1, .softirq) {
            s.call(.netif_receive_skb, skb: 10) {
                s.call(.arp_rcv, skb: 10) {
                    s.emit(.branch(.arp_process, .arpRequestForUs(tip: 0x0a00_0002)))
                    s.frame(skb: 11, Frames.arpReply)
                }
            }
        }
        // The reply reaches the client: REACHABLE, the output swaps, the SYN leaves.
        s.on(0, .softirq) {
            s.call(.netif_receive_skb, skb: 12) {
                s.call(.arp_process, skb: 12) {
                    s.emit(.branch(.arp_process, .arpReplyForUs))
                    s.call(.neigh_update, ret: 0) {
                        s.emit(.nudChange(server, from: .NUD_INCOMPLETE, to: .NUD_REACHABLE, cause: .neigh_update))
                        s.emit(.branch(.neigh_update, .updateConnect(.NUD_REACHABLE)))
                        s.call(.neigh_connect) {
                            s.emit(.outputSwap(server, from: .neigh_resolve_output, to: .neigh_connected_output))
                        }
                        s.emit(.skbDequeued(2, .arp_queue, length: 0, owner: server.ip))
                        s.emit(.indirectCall(.n1_output, .neigh_connected_output))
                        s.call(.neigh_connected_output, skb: 2) {
                            s.call(.dev_queue_xmit, skb: 2) {
                                s.frame(skb: 2, Frames.tcp(flags: 0x02, from: Frames.clientIP, to: Frames.serverIP,
                                                           srcMAC: Frames.clientMAC, dstMAC: Frames.serverMAC, seq: 1000, ack: 0))
                            }
                        }
                    }
                }
            }
        }
        return s
    }

    private static func sendPath(_ s: LogScript) {
        s.emit(.branch(.ip_queue_xmit, .routeFromSocket))
        s.call(.ip_local_out, skb: 2, ret: 0) {
            s.call(.__ip_local_out, skb: 2, ret: 1) {
                s.call(.nf_hook, skb: 2, ret: 1) {
                    s.emit(.hookVerdict(.NF_INET_LOCAL_OUT, .iptable_mangle, priority: -150, .NF_ACCEPT, rule: .policy, skb: 2))
                    s.emit(.hookVerdict(.NF_INET_LOCAL_OUT, .iptable_filter, priority: 0, .NF_ACCEPT, rule: .policy, skb: 2))
                    s.emit(.hookResult(.NF_INET_LOCAL_OUT, 1, skb: 2))
                }
            }
            s.call(.dst_output, skb: 2) {
                s.emit(.indirectCall(.skb_dst_output, .ip_output))
                s.call(.ip_output, skb: 2) {
                    s.call(.ip_finish_output2, skb: 2) {
                        s.emit(.branch(.ip_finish_output2, .neighLookupMiss))
                        s.call(.__neigh_create) {
                            s.emit(.neighCreated(server, .arp_hh_ops, .NUD_NONE, output: .neigh_resolve_output))
                        }
                        s.call(.dst_neigh_output, skb: 2) {
                            s.emit(.branch(.dst_neigh_output, .slowPath(.NUD_NONE, hhLen: 0, output: .neigh_resolve_output)))
                            s.emit(.indirectCall(.n_output, .neigh_resolve_output))
                            s.call(.neigh_resolve_output, skb: 2) {
                                s.call(.__neigh_event_send, skb: 2, ret: 1) {
                                    s.emit(.nudChange(server, from: .NUD_NONE, to: .NUD_INCOMPLETE, cause: .__neigh_event_send))
                                    s.emit(.neighProbes(server, 1))
                                    s.emit(.skbQueued(2, .arp_queue, length: 1, owner: server.ip))
                                    s.call(.arp_solicit, skb: 2) { s.frame(skb: 3, Frames.arpRequest) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

extension TraceLog {
    /// The index of the first event matching `predicate`, for pinning tests to a step.
    func first(_ predicate: (Event) -> Bool) -> Int? { events.firstIndex(where: predicate) }

    func enter(_ fn: Fn) -> Int? { first { $0.kind == .enter && $0.function == fn } }
    func exit(_ fn: Fn) -> Int? { first { $0.kind == .exit && $0.function == fn } }
}
