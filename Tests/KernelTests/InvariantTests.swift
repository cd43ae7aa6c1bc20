import Scenarios
import Testing
import Tracing

/// What must hold in every log, whatever the lesson.
@Suite struct InvariantTests {
    static let logs = Scenario.builtIn.flatMap { s in
        [s.log(), s.with(.peerIgnoresARP(host: "server")).log(),
         s.with(.hookDrops(host: "client", hook: .NF_INET_LOCAL_OUT, owner: .iptable_filter)).log()]
    }

    /// Lessons whose log starts late (`record-from:`), as a real capture
    /// does: a call entered before it may exit inside it.
    static let startsLate = Set(Scenario.builtIn.filter { $0.spec.recordFrom > 0 }.map(\.name))

    @Test func everyEnterHasItsExitInTheSameContext() {
        for log in Self.logs {
            var stacks: [Int: [Fn]] = [:]
            for e in log.events {
                let key = Int(e.host) << 8 | Int(e.context.rawValue)
                switch e.payload {
                case .enter(let fn, _):
                    #expect(Int(e.depth) == stacks[key, default: []].count)
                    stacks[key, default: []].append(fn)
                case .exit(let fn, _):
                    if Self.startsLate.contains(log.scenario), stacks[key, default: []].isEmpty { break }
                    #expect(stacks[key]?.popLast() == fn, "exit of \(fn.name) in \(log.scenario)")
                    #expect(Int(e.depth) == stacks[key, default: []].count)
                default:
                    break
                }
            }
            // A task may still sleep in connect() or send() when a lesson ends without an answer.
            let sleeping: Set<Fn> = [.__inet_stream_connect, .inet_wait_for_connect, .tcp_sendmsg, .sk_stream_wait_connect]
            let open = stacks.values.flatMap { $0 }.filter { !sleeping.contains($0) }
            #expect(open.isEmpty, "\(log.scenario): unclosed \(open.map(\.name))")
        }
    }

    @Test func everySkbEndsSentDroppedOrFreedOrStillQueued() {
        for log in Self.logs {
            var live: [UInt32: Bool] = [:]     // skb → still on a queue
            for e in log.events {
                switch e.payload {
                case .skbAlloc: live[e.skb] = false
                case .skbQueued: live[e.skb] = true
                case .skbDequeued: live[e.skb] = false
                case .skbConsumed, .skbDropped, .skbFreed:
                    #expect(live.removeValue(forKey: e.skb) != nil, "skb \(e.skb) ended twice or was never made")
                default: break
                }
            }
            // What is left must be waiting on a queue (arp_queue, the retransmit queue).
            #expect(live.values.allSatisfy { $0 }, "\(log.scenario): skbs lost: \(live.filter { !$0.value }.keys.sorted())")
        }
    }

    @Test func everyNUDTransitionIsOneTheKernelMakes() {
        let allowed: Set<[UInt8]> = [
            [0x00, 0x01], [0x20, 0x01], [0x00, 0x20], [0x01, 0x02], [0x01, 0x04], [0x01, 0x20],
            [0x00, 0x04], [0x04, 0x08], [0x02, 0x08], [0x02, 0x04], [0x08, 0x02], [0x08, 0x10],
            [0x10, 0x02], [0x10, 0x20], [0x04, 0x02], [0x08, 0x04], [0x10, 0x04], [0x00, 0x80],
        ]
        for log in Self.logs {
            for case .nudChange(_, let from, let to, _) in log.payloads {
                #expect(allowed.contains([from.rawValue, to.rawValue]), "\(from) → \(to) in \(log.scenario)")
            }
        }
    }

    @Test func timeNeverGoesBackwards() {
        for log in Self.logs {
            #expect(zip(log.events, log.events.dropFirst()).allSatisfy { $0.time <= $1.time })
        }
    }
}
