import Testing
@testable import Tracing

@Suite struct EventTests {
    @Test func anEventIs24BytesWithNoReferences() {
        #expect(MemoryLayout<Event>.size <= 24)
        #expect(MemoryLayout<Event>.stride == 24)
        #expect(_isPOD(Event.self))
    }

    @Test func spansTrackDepthPerHostAndContext() {
        let tracer = Tracer(scenario: "t", seed: 0)
        let a = tracer.addHost(HostInfo(name: "a", devices: [""]))
        let b = tracer.addHost(HostInfo(name: "b", devices: [""]))
        tracer.enter(.tcp_connect, host: a, context: .process, time: 0, skb: 0)
        tracer.enter(.arp_rcv, host: b, context: .softirq, time: 1, skb: 0)
        tracer.enter(.tcp_transmit_skb, host: a, context: .process, time: 2, skb: 0)
        tracer.exit(.tcp_transmit_skb, host: a, context: .process, time: 3, skb: 0, ret: -1)
        #expect(tracer.log.events.map(\.depth) == [0, 0, 1, 1])
        #expect(tracer.log.events[3].payload == .exit(.tcp_transmit_skb, ret: -1))
    }

    @Test func aDiscardingTracerCountsButKeepsNothing() {
        let tracer = Tracer(scenario: "t", seed: 0, recording: false)
        let a = tracer.addHost(HostInfo(name: "a", devices: [""]))
        tracer.enter(.tcp_connect, host: a, context: .process, time: 0, skb: 0)
        #expect(tracer.emitted == 1)
        #expect(tracer.log.count == 0)
    }

    @Test func packetsAreStoredOnceAndReadBack() {
        var store = PacketStore()
        let a = store.append([1, 2, 3]), b = store.append([UInt8]()), c = store.append([9])
        #expect(Array(store[a]) == [1, 2, 3])
        #expect(store[b].isEmpty)
        #expect(Array(store[c]) == [9])
    }

    @Test func everyFunctionHasACatalogueEntryAndAUniqueName() {
        let names = Fn.allCases.map(\.name)
        #expect(Set(names).count == names.count)
        for fn in Fn.allCases {
            #expect(Fn(name: fn.name) == fn)
            #expect(!fn.info.summary.isEmpty)
            #expect(fn.info.file.hasSuffix(".c") || fn.info.file.hasSuffix(".h"), "\(fn.name)")
        }
    }

    @Test func nudNamesAndMasksAreTheKernels() {
        #expect(NUDState.NUD_CONNECTED.rawValue == 0xC2)
        #expect(NUDState.NUD_VALID.rawValue == 0xDE)
        #expect(NUDState.NUD_IN_TIMER.rawValue == 0x1B)
        #expect(NUDState.NUD_INCOMPLETE.description == "NUD_INCOMPLETE")
        #expect(Jiffies.at(0) == 4_294_667_296)
    }
}
