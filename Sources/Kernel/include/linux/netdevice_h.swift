import Tracing

/// struct net_device, reduced to what the connect path reads.
public final class NetDevice {
    public let name: String
    public internal(set) var ifindex = 0
    weak var net: Net?
    /// dev->dev_addr.
    public let dev_addr: [UInt8]
    public let broadcast: [UInt8]
    public let mtu: Int
    /// ARPHRD_ETHER (1) or ARPHRD_LOOPBACK (772).
    public let type: UInt16
    public let flags: DeviceFlags
    public let header_ops: HeaderOps
    let qdisc: Qdisc
    /// dev->netdev_ops: which driver's ndo_start_xmit.
    let netdev_ops: NetDeviceOps
    /// The simulated link, if the device is plugged in.
    var wire: Wire?
    /// in_dev->arp_parms: the neighbour parameters of this device.
    public var arp_parms: NeighParms

    init(name: String, dev_addr: [UInt8], mtu: Int, type: UInt16, flags: DeviceFlags,
         header_ops: HeaderOps, qdisc: Qdisc, netdev_ops: NetDeviceOps) {
        self.name = name; self.dev_addr = dev_addr; broadcast = [UInt8](repeating: 0xff, count: 6)
        self.mtu = mtu; self.type = type; self.flags = flags; self.header_ops = header_ops
        self.qdisc = qdisc; self.netdev_ops = netdev_ops; arp_parms = NeighParms()
    }

    /// An Ethernet-like device of kpath's model NIC (drivers/net/simnic).
    /// - Parameter headerCache: whether header_ops has a `cache` method. Real
    ///   Ethernet (eth_header_ops) has one, so arp_constructor picks
    ///   arp_hh_ops; without it, arp_generic_ops and neigh_connected_output,
    ///   the seed call chain (Tests/KernelTests/Fixtures/seed-call-chain.txt).
    /// - Parameter qdisc: the root qdisc (net.core.default_qdisc).
    public static func simnic(name: String, mac: [UInt8], headerCache: Bool, qdisc: QdiscKind = .pfifo_fast) -> NetDevice {
        NetDevice(name: name, dev_addr: mac, mtu: 1500, type: ARPHRD_ETHER, flags: [],
                  header_ops: headerCache ? .eth_header_ops : .simnic_header_ops,
                  qdisc: Qdisc(qdisc), netdev_ops: .simnic)
    }

    /// A virtio-net device (drivers/net/virtio_net.c, as qemu gives a
    /// guest): Ethernet with eth_header_ops, so a header cache.
    public static func virtio_net(name: String, mac: [UInt8], qdisc: QdiscKind) -> NetDevice {
        NetDevice(name: name, dev_addr: mac, mtu: 1500, type: ARPHRD_ETHER, flags: [],
                  header_ops: .eth_header_ops, qdisc: Qdisc(qdisc), netdev_ops: .virtio_net)
    }

    /// lo (drivers/net/loopback.c, loopback_setup): MTU 65536, IFF_LOOPBACK,
    /// eth_header_ops, all-zero address, and noqueue: no qdisc enqueue.
    static func loopback() -> NetDevice {
        NetDevice(name: "lo", dev_addr: [0, 0, 0, 0, 0, 0], mtu: 65536, type: ARPHRD_LOOPBACK,
                  flags: [.IFF_LOOPBACK], header_ops: .eth_header_ops, qdisc: Qdisc.noqueue(), netdev_ops: .loopback)
    }

    public var hasHeaderCache: Bool { header_ops.cache }
}

public let ARPHRD_ETHER: UInt16 = 1
public let ARPHRD_LOOPBACK: UInt16 = 772
let IPv4_LOOPBACK: UInt32 = 0x7f00_0001

/// The drivers a device can have (struct net_device_ops).
enum NetDeviceOps {
    case simnic, virtio_net, loopback
    var ndo_start_xmit: Fn {
        switch self {
        case .simnic: .simnic_start_xmit
        case .virtio_net: .start_xmit
        case .loopback: .loopback_xmit
        }
    }
    /// The driver's receive function (its NAPI poll).
    var rx: Fn { self == .virtio_net ? .virtnet_poll : .simnic_rx }
}

public struct DeviceFlags: OptionSet, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public static let IFF_LOOPBACK = DeviceFlags(rawValue: 0x8)
    public static let IFF_NOARP = DeviceFlags(rawValue: 0x80)
}

/// struct header_ops: `create` is always eth_header here; what differs is
/// whether a `cache` method exists, which decides arp_constructor's ops.
public struct HeaderOps: Sendable {
    public let name: String
    public let cache: Bool
    /// net/ethernet/eth.c: create, parse, cache, cache_update.
    public static let eth_header_ops = HeaderOps(name: "eth_header_ops", cache: true)
    /// The model NIC's header_ops: eth_header for create, no cache method.
    public static let simnic_header_ops = HeaderOps(name: "simnic_header_ops", cache: false)
}

extension Net {
    /// include/linux/netdevice.h: builds the link header through
    /// dev->header_ops->create. Returns the header length, or negative on error.
    func dev_hard_header(_ skb: SKB, _ dev: NetDevice, _ type: UInt16, _ daddr: [UInt8]?,
                         _ saddr: [UInt8]?, _ len: Int) -> Int32 {
        span(.dev_hard_header, skb) {
            indirect(.header_ops_create, .eth_header)
            return eth_header(skb, dev, type, daddr, saddr, len)
        }
    }

    /// include/linux/netdevice.h: calls the driver's ndo_start_xmit. The
    /// xmit_more hint and trans_start update are simplified away.
    func netdev_start_xmit(_ skb: SKB, _ dev: NetDevice) -> Int32 {
        span(.netdev_start_xmit, skb) {
            indirect(.ndo_start_xmit, dev.netdev_ops.ndo_start_xmit)
            switch dev.netdev_ops {
            case .simnic, .virtio_net: return driver_start_xmit(skb, dev)
            case .loopback: return loopback_xmit(skb, dev)
            }
        }
    }
}

/// Driver return codes and the qdisc layer's (include/linux/netdevice.h).
let NETDEV_TX_OK: Int32 = 0x00
let NETDEV_TX_BUSY: Int32 = 0x10
let NET_XMIT_SUCCESS: Int32 = 0x00
let NET_XMIT_DROP: Int32 = 0x01
let NET_XMIT_CN: Int32 = 0x02
let NET_XMIT_MASK: Int32 = 0x0f
let NET_RX_SUCCESS: Int32 = 0
let NET_RX_DROP: Int32 = 1

/// dev_xmit_complete: the skb was consumed (anything but NETDEV_TX_BUSY).
func dev_xmit_complete(_ rc: Int32) -> Bool { rc < NET_XMIT_MASK }

/// net_xmit_eval: congestion notification is not an error.
func net_xmit_eval(_ e: Int32) -> Int32 { e == NET_XMIT_CN ? 0 : e }
