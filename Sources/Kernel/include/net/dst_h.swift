import Tracing

/// include/net/dst.h: the static inlines between IP and the neighbour layer.
extension Net {
    /// skb_dst(skb)->output(net, sk, skb): ip_output for IPv4 unicast.
    func dst_output(_ sk: Sock?, _ skb: SKB) -> Int32 {
        span(.dst_output, skb) {
            let output = skb.dst!.output
            indirect(.skb_dst_output, output.fn)
            return output(self, sk, skb)
        }
    }

    /// skb_dst(skb)->input(skb): ip_local_deliver for a local route.
    func dst_input(_ skb: SKB) -> Int32 {
        span(.dst_input, skb) {
            let input = skb.dst!.input
            indirect(.skb_dst_input, input.fn)
            return input(self, skb)
        }
    }

    /// Picks the transmit path: NUD_CONNECTED with a filled hh cache takes
    /// neigh_hh_output; anything else calls through n->output. A pending
    /// confirmation from dst_confirm is stamped on the neighbour first.
    /// 4.9; from ~4.11 this is neigh_output() in include/net/neighbour.h.
    func dst_neigh_output(_ dst: Rtable, _ n: Neighbour, _ skb: SKB) -> Int32 {
        span(.dst_neigh_output, skb, arg: n.primary_key) {
            if dst.pending_confirm {
                branch(.dst_neigh_output, .pendingConfirm)
                dst.pending_confirm = false
                n.confirmed = jiffies
            }
            return transmit(n, skb, choosing: .dst_neigh_output)
        }
    }

    /// Marks the route so that the next output confirms the neighbour.
    /// 4.9. On 6.1 the caller's sk_dst_confirm (an inline, no call) sets
    /// sk->sk_dst_pending_confirm instead, and sock_confirm_neigh stamps the
    /// neighbour on the next output; the model keeps the flag on the route
    /// the socket caches.
    func dst_confirm(_ dst: Rtable?) {
        guard kernel == .v4_9 else { dst?.pending_confirm = true; return }
        spanVoid(.dst_confirm, nil) { dst?.pending_confirm = true }
    }

    /// include/net/sock.h (6.1): a pending confirmation from the socket is
    /// stamped on the neighbour (neigh_confirm: n->confirmed = jiffies). An
    /// inline: no call of its own.
    func sock_confirm_neigh(_ dst: Rtable, _ n: Neighbour) {
        guard dst.pending_confirm else { return }
        branch(.ip_finish_output2, .sockConfirmNeigh)
        dst.pending_confirm = false
        n.confirmed = jiffies
    }

    /// dst->ops->link_failure (ipv4_link_failure for IPv4 routes).
    func dst_link_failure(_ skb: SKB) {
        spanVoid(.dst_link_failure, skb) {
            indirect(.dst_ops_link_failure, .ipv4_link_failure)
            ipv4_link_failure(skb)
        }
    }
}
