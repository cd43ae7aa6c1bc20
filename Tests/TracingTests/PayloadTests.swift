import Testing
@testable import Tracing

/// Every payload and every branch reason, packed into an event and decoded
/// back, at the edges of each field.
@Suite struct PayloadTests {
    static let firstFn = Fn.allCases.first!, lastFn = Fn.allCases.last!
    static let keys = [NeighKey(ifindex: 0, ip: 0), NeighKey(ifindex: .max, ip: .max)]
    static let states: [NUDState] = [.NUD_NONE, .NUD_PERMANENT, NUDState(rawValue: 0xff)]
    static let hooks: [NFHook] = [.NF_INET_PRE_ROUTING, .NF_INET_POST_ROUTING, .NF_ARP_IN, .NF_ARP_FORWARD]
    static let words: [UInt32] = [0, 1, 65535, 65536, .max]
    static let ints: [Int32] = [.min, -1, 0, 1, .max]

    static var branches: [Branch] {
        var all: [Branch] = [.routeFromSocket, .nfNoHooks, .nfAllAccepted, .nfOkfnRuns, .neighLookupMiss,
                             .pendingConfirm, .sockConfirmNeigh, .queueOnArp, .dropOldest, .solicitBroadcast, .solicitUnicast, .hhInit,
                             .qdiscBypass, .noQueue, .arpReplyForUs, .updateDrain, .synAckAcksSyn,
                             .listenGotSyn, .ackCompletesHandshake, .notForwarding]
        for w in words {
            all += [.stillInHostQueue(skb: w), .icmpUndoBackoff(remainingMs: w), .routeOnLink(nexthop: w), .routeViaGateway(gateway: w), .routeLocal(daddr: w),
                    .routeForward(daddr: w), .routeBroadcast(daddr: w), .qdiscEnqueue(qlen: w), .arpRequestForUs(tip: w), .arpNotForUs(tip: w),
                    .arpReplyDelayed(ms: w)]
            for mtu in words { all.append(.finishOutputPlain(len: w, deviceMTU: mtu)) }
        }
        for r in ints {
            all += [.arpIgnored(arpIgnore: r), .nfDropped(ret: r), .nfOkfnSkipped(ret: r), .tcpIgnoresXmitError(err: r), .icmpHardError(err: r),
                    .icmpSoftError(err: r)]
            for w in words { all.append(.routeUnreachable(daddr: w, err: r)) }
        }
        for s in states {
            all += [.neighLookupHit(s), .eventSendNow(s), .eventSendResolve(s), .updateConnect(s), .updateSuspect(s),
                    .startResolve(s, probes: 0), .startResolve(s, probes: .max)]
            for hh in [UInt16(0), 14, .max] {
                all.append(.hhFastPath(s, hhLen: hh))
                for fn in [firstFn, lastFn] { all.append(.slowPath(s, hhLen: hh, output: fn)) }
            }
        }
        all += NeighOpsKind.allCases.map { .ctorOps($0) }
        return all
    }

    static var payloads: [Payload] {
        var all: [Payload] = [.skbFreed, .skbConsumed]
        for fn in [firstFn, lastFn] {
            all += words.map { .enter(fn, arg: $0) } + ints.map { .exit(fn, ret: $0) }
            all += PointerExpr.allCases.map { .indirectCall($0, target: fn) }
            all += branches.map { .branch(fn, $0) }
            for w in words {
                all += [.timerArmed(handler: fn, object: w, expires: w), .timerFired(handler: fn, object: w),
                        .timerCancelled(handler: fn, object: w)]
            }
            for n in keys {
                all += [.neighFreed(n, cause: fn), .outputSwap(n, from: fn, to: lastFn)]
                for s in states {
                    all.append(.nudChange(n, from: s, to: states.last!, cause: fn))
                    all += NeighOpsKind.allCases.map { .neighCreated(n, ops: $0, state: s, output: fn) }
                }
            }
        }
        for hook in hooks {
            all += ints.map { .hookResult(hook, result: $0) }
            for owner in HookOwner.allCases {
                for v in Verdict.allCases {
                    for decided in [RuleRef.policy, .natBinding, .rule(0), .rule(1), .rule(127), .rule(128), .rule(.max)] {
                        for p in [Int32.min, 0, .max] {
                            all.append(.hookVerdict(hook, owner: owner, priority: p, verdict: v, decidedBy: decided))
                        }
                    }
                }
            }
        }
        for n in keys {
            all += words.map { .neighProbes(n, probes: $0) }
            all += [0, 14, UInt16.max].map { .hhFilled(n, hhLen: $0) }
        }
        for w in words {
            all += [.kernelMessage(.neighTableOverflow, packet: w), .kernelMessage(.iptLog, packet: w),
                    .skbAlloc(parent: w, .alloc), .skbAlloc(parent: w, .clone), .skbAlloc(parent: w, .rx),
                    .skbData(packet: w), .wakeup(sock: w)]
            all += DropReason.allCases.map { .skbDropped($0, owner: w) }
            for ifindex in [UInt16(0), .max] { all.append(.frame(packet: w, ifindex: ifindex)) }
            for q in [QueueKind.arp_queue, .qdisc, .sk_write_queue] {
                for length in [0, 65535, 65536, Moment.maxQueueLength] {
                    all += [.skbQueued(q, length: length, owner: w), .skbDequeued(q, length: length, owner: w)]
                }
            }
            for from in TCPState.allCases { all.append(.sockState(sock: w, from: from, to: .TCP_NEW_SYN_RECV)) }
        }
        return all
    }

    @Test func everyPayloadDecodesToWhatWasPacked() {
        let tracer = Tracer(scenario: "t", seed: 0)
        for i in 0...255 { _ = tracer.addHost(HostInfo(name: "h\(i)", devices: [""])) }
        var kinds = Set<Event.Kind>()
        for (i, p) in Self.payloads.enumerated() {
            let m = Moment(p, skb: UInt32.max - UInt32(i))
            kinds.insert(m.kind)
            tracer.emit(m, host: UInt8(i & 255), context: ExecutionContext(rawValue: UInt8(i * 7 & 255)), time: UInt64.max - UInt64(i))
            let e = tracer.log.events.last!
            #expect(e.payload == p, "\(p)")
            #expect(e.host == UInt8(i & 255) && e.time == UInt64.max - UInt64(i))
        }
        #expect(kinds == Set(Event.Kind.allCases), "a kind without a round-trip case")
    }

    @Test func everyBranchReasonIsCovered() {
        #expect(Set(Self.branches.map(\.packed.reason)) == Set(Branch.Reason.allCases))
    }

    @Test func theLoopbackMTUSurvivesAndIsCappedAsIpv4MtuCapsIt() {
        let b = Branch.finishOutputPlain(len: 60, deviceMTU: 65536)
        #expect(b.explanation == "not GSO, len 60 <= mtu 65535 (dev->mtu 65536, capped at IP_MAX_MTU) → ip_finish_output2")
        #expect(Branch.finishOutputPlain(len: 60, deviceMTU: 1500).explanation == "not GSO, len 60 <= mtu 1500 → ip_finish_output2")
    }

    @Test func ruleNumbersPast127AreRules() {
        let e = event(Moment(.hookVerdict(.NF_INET_LOCAL_OUT, owner: .iptable_filter, priority: 0, verdict: .NF_DROP,
                                          decidedBy: .rule(128)), skb: 1))
        var log = TraceLog(scenario: "t", seed: 0)
        log.append(e)
        #expect(log.describe(e) == "NF_INET_LOCAL_OUT iptable_filter (filter) priority 0: NF_DROP by rule 128")
    }

    @Test func unknownCodesDecodeAsUnknown() {
        let bad: [Event] = [
            raw(.enter, code: .max), raw(.exit, code: .max), raw(.indirectCall, aux: .max),
            raw(.branch, aux: .max),
            raw(.branch, aux: Branch.Reason.ctorOps.rawValue, arg: 200),
            raw(.branch, aux: Branch.Reason.neighLookupHit.rawValue, arg: 0x100),
            raw(.branch, aux: Branch.Reason.slowPath.rawValue, arg: 0xffff_0000),
            raw(.branch, aux: Branch.Reason.hhFastPath.rawValue, skb: 0x10000),
            raw(.hookVerdict, aux: 7 << 7),          // verdict 7
            raw(.hookVerdict, aux: 31),              // owner 31
            raw(.hookVerdict, aux: 3 << 5),          // decided by: kind 3
            raw(.hookVerdict, code: 5, aux: 0),      // the policy with a rule number
            raw(.hookVerdict, aux: 7 << 10),         // NF_INET hook 7
            raw(.hookVerdict, aux: 3 << 14),         // family 3
            raw(.hookVerdict, aux: 1 << 13),         // the bit that stays 0
            raw(.hookResult, aux: 1),
            raw(.neighCreated, code: .max), raw(.neighCreated, aux: 0xff00), raw(.nudChange, code: .max),
            raw(.outputSwap, aux: .max), raw(.hhFilled, code: 1), raw(.neighFreed, code: .max),
            raw(.kernelMessage, code: .max), raw(.skbAlloc, code: .max), raw(.skbQueued, code: 0xff),
            raw(.skbDequeued, code: 0x00ff), raw(.skbDropped, code: 0), raw(.skbDropped, code: .max),
            raw(.timerArmed, code: .max), raw(.timerFired, code: .max), raw(.timerCancelled, code: .max),
            raw(.sockState, aux: 0), raw(.sockState, aux: 0x01ff),
        ]
        for e in bad {
            #expect(e.payload == .unknown(e), "\(e)")
            #expect(Moment(e.payload).aux == e.aux)
        }
    }

    private func raw(_ kind: Event.Kind, code: UInt16 = 0, aux: UInt16 = 0, arg: UInt32 = 0, skb: UInt32 = 0) -> Event {
        Event(time: 0, kind: kind, host: 0, context: .process, depth: 0, code: code, aux: aux, arg: arg, skb: skb)
    }

    private func event(_ m: Moment) -> Event {
        Event(time: 0, kind: m.kind, host: 0, context: .process, depth: 0, code: m.code, aux: m.aux, arg: m.arg, skb: m.skb)
    }
}

/// The wire ladder's label and the exports' tcpdump line come from one
/// reading of the headers, so they name a frame the same way.
@Suite struct FrameVocabularyTests {
    static func frame(etherType: UInt16, _ payload: [UInt8]) -> [UInt8] {
        [2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, UInt8(etherType >> 8), UInt8(etherType & 0xff)] + payload
    }
    static func ipv4(proto: UInt8, _ payload: [UInt8]) -> [UInt8] {
        [0x45, 0, 0, UInt8(20 + payload.count), 0, 0, 0x40, 0, 64, proto, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2] + payload
    }

    @Test func icmpErrorsHaveOneName() {
        let f = Self.frame(etherType: 0x0800, Self.ipv4(proto: 1, [3, 1, 0, 0, 0, 0, 0, 0]))
        #expect(PacketDecoder.summary(f) == "ICMP host unreachable")
        #expect(PacketDecoder.tcpdumpLine(f) == "IP 10.0.0.1 > 10.0.0.2: ICMP host unreachable")
    }

    @Test func aSynIsReadTheSameWay() {
        let tcp: [UInt8] = [0x9c, 0x40, 0, 80, 0, 0, 0, 7, 0, 0, 0, 0, 0x50, 0x02, 0x72, 0x10, 0, 0, 0, 0]
        let f = Self.frame(etherType: 0x0800, Self.ipv4(proto: 6, tcp))
        #expect(PacketDecoder.summary(f) == "SYN seq 7")
        #expect(PacketDecoder.tcpdumpLine(f) == "IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 7, win 29200")
        #expect(PacketDecoder.summary(f.prefix(20)) == "20 bytes")
        #expect(PacketDecoder.tcpdumpLine(f.prefix(10)) == "runt (10 bytes)")
    }
}
