import Tracing

/// struct sock with its inet_sock, inet_connection_sock and tcp_sock parts,
/// reduced to the fields the handshake reads and writes.
public final class Sock {
    unowned let net: Net
    /// A number naming the socket in the log (as an inode number would).
    let id: UInt32
    var sk_state: TCPState = .TCP_CLOSE
    var inet_saddr: UInt32 = 0, inet_daddr: UInt32 = 0
    var inet_sport: UInt16 = 0, inet_dport: UInt16 = 0
    /// The IP id counter of a connected socket.
    var inet_id: UInt16 = 0
    var sk_dst_cache: Rtable?
    let icsk_af_ops = InetConnectionSockAfOps.ipv4_specific
    // Sequence space and windows (tcp_sock).
    var write_seq: UInt32 = 0, snd_una: UInt32 = 0, snd_nxt: UInt32 = 0, rcv_nxt: UInt32 = 0
    var snd_wnd: UInt32 = 0, rcv_wnd: UInt32 = 0
    var rcv_wscale: UInt8 = 0, snd_wscale: UInt8 = 0
    var advmss = 1460
    var ts_recent: UInt32 = 0
    var tstamp_ok = false
    /// tp->tsoffset: added to every TSval (6.1: random per connection; 4.9: 0).
    var tsoffset: UInt32 = 0
    /// Segments sent and not yet acknowledged, kept for retransmission.
    var sk_write_queue: [SKB] = []
    // Retransmission (inet_connection_sock).
    var icsk_rto: UInt32 = TCP_TIMEOUT_INIT
    var icsk_retransmits = 0, icsk_backoff = 0
    /// ICSK_TIME_RETRANS while the retransmit timer means something.
    var icsk_pending = false
    var retrans_stamp: UInt32 = 0
    lazy var icsk_retransmit_timer = KernelTimer(handler: .tcp_write_timer, object: id) {
        [unowned self] in net.tcp_write_timer(self)
    }
    var sk_err: Int32 = 0, sk_err_soft: Int32 = 0
    /// The socket's wait queue (sk_sleep): each sleeping task's process
    /// context and what it does when woken.
    var sk_wq: [(task: ExecutionContext, resume: () -> Void)] = []
    var fourTuple: FourTuple { FourTuple(laddr: inet_saddr, lport: inet_sport, raddr: inet_daddr, rport: inet_dport) }

    init(net: Net) {
        self.net = net
        id = net.world.nextSockID()
    }
}

/// struct inet_connection_sock_af_ops: ipv4_specific's function pointers.
struct InetConnectionSockAfOps {
    let queue_xmit: Fn
    let send_check: Fn
    let conn_request: Fn
    let syn_recv_sock: Fn
    static let ipv4_specific = InetConnectionSockAfOps(
        queue_xmit: .ip_queue_xmit, send_check: .tcp_v4_send_check,
        conn_request: .tcp_v4_conn_request, syn_recv_sock: .tcp_v4_syn_recv_sock)
}

/// struct tcp_request_sock: a SYN received by a listener, answered with a
/// SYN-ACK, waiting for the handshake's ACK.
final class RequestSock {
    unowned let listener: Sock
    let ir_loc_addr: UInt32, ir_rmt_addr: UInt32
    let ir_num: UInt16, ir_rmt_port: UInt16
    let rcv_isn: UInt32
    var snt_isn: UInt32 = 0
    let ts_recent: UInt32
    let mss: Int
    let snd_wscale: UInt8
    var rcv_wscale: UInt8 = 0
    var rsk_rcv_wnd: UInt32 = 0
    /// tcp_rsk(req)->ts_off, the child's tsoffset (6.1: random; 4.9: 0).
    var ts_off: UInt32 = 0
    let tstamp_ok: Bool, sack_ok: Bool, wscale_ok: Bool

    init(listener: Sock, loc: UInt32, rmt: UInt32, num: UInt16, rmtPort: UInt16, rcvIsn: UInt32, opts: TCPOptions) {
        self.listener = listener; ir_loc_addr = loc; ir_rmt_addr = rmt; ir_num = num; ir_rmt_port = rmtPort
        rcv_isn = rcvIsn; ts_recent = opts.tsval ?? 0; mss = Int(opts.mss ?? 536)
        snd_wscale = opts.wscale ?? 0; tstamp_ok = opts.tsval != nil; sack_ok = opts.sackOK
        wscale_ok = opts.wscale != nil
    }
}

/// The key of the established hash: our address and port, the peer's.
struct FourTuple: Hashable {
    let laddr: UInt32, lport: UInt16, raddr: UInt32, rport: UInt16
}

extension RequestSock {
    var fourTuple: FourTuple { FourTuple(laddr: ir_loc_addr, lport: ir_num, raddr: ir_rmt_addr, rport: ir_rmt_port) }
}

let TCP_TIMEOUT_INIT: UInt32 = 1000   // 1 * HZ
let TCP_RTO_MAX: UInt32 = 120_000     // 120 * HZ

extension Net {
    /// net/core/sock.c: the default sk->sk_state_change: wake every task
    /// sleeping on the socket.
    func sock_def_wakeup(_ sk: Sock) {
        spanVoid(.sock_def_wakeup, nil, arg: sk.id) { wake_up_sleeper(sk) }
    }

    /// net/core/sock.c: the default sk->sk_error_report: wake the sleeping
    /// tasks with POLLERR. Simplified away: the async (SIGIO) notification.
    func sock_def_error_report(_ sk: Sock) {
        spanVoid(.sock_def_error_report, nil, arg: sk.id) { wake_up_sleeper(sk) }
    }

    /// wake_up_interruptible on the socket's wait queue: each woken task
    /// runs as a new process-context task on this host, after the current
    /// softirq, in the order they went to sleep.
    private func wake_up_sleeper(_ sk: Sock) {
        guard !sk.sk_wq.isEmpty else { return }
        let waiters = sk.sk_wq
        sk.sk_wq = []
        note(.wakeup(sock: sk.id))
        for w in waiters { world.schedule(at: world.now, on: self, w.task, w.resume) }
    }

    /// include/net/sock.h: the pending error, taken (it is reported once),
    /// as a negative errno; 0 if none.
    func sock_error(_ sk: Sock) -> Int32 {
        let err = sk.sk_err
        sk.sk_err = 0
        return -err
    }

    /// Puts the current task to sleep on the socket's wait queue.
    func sleep_on(_ sk: Sock, then resume: @escaping () -> Void) {
        sk.sk_wq.append((context, resume))
    }
}
