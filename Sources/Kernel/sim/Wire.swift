import Tracing

/// A shared link (one Ethernet segment): a frame put on it by one device
/// reaches every other attached device after `delay` virtual nanoseconds.
public final class Wire {
    unowned let world: World
    public let name: String
    public let delay: UInt64
    private(set) var ports: [NetDevice] = []

    init(world: World, name: String, delay: UInt64) { self.world = world; self.name = name; self.delay = delay }

    public func attach(_ dev: NetDevice) {
        dev.wire = self
        ports.append(dev)
        if let net = dev.net { world.tracer.setLink(host: net.id, ifindex: dev.ifindex, link: name) }
    }

    /// Called by the sending driver: records the frame and schedules its
    /// arrival, in NET_RX softirq, at every other port.
    func transmit(_ frame: ArraySlice<UInt8>, from dev: NetDevice, skb: SKB) {
        guard let sender = dev.net else { return }
        sender.note(.frame(skb.id, packet: world.tracer.store(frame), ifindex: dev.ifindex))
        let bytes = Array(frame)
        for port in ports where port !== dev {
            guard let net = port.net else { continue }
            world.schedule(at: world.now + delay, on: net, .softirq) { net.driver_rx(bytes, port) }
        }
    }
}
