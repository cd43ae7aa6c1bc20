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
            if !n.nud_state.isDisjoint(with: .NUD_CONNECTED) && n.hh.hh_len != 0 {
                branch(.dst_neigh_output, .hhFastPath(n.nud_state, hhLen: UInt16(n.hh.hh_len)))
                return neigh_hh_output(n.hh, skb)
            }
            branch(.dst_neigh_output, .slowPath(n.nud_state, hhLen: UInt16(n.hh.hh_len), output: n.output.fn))
            indirect(.n_output, n.output.fn)
            return n.output(n, skb)
        }
    }

    /// Marks the route so that the next output confirms the neighbour.
    /// 4.9; 4.11+ confirm through sock_confirm_neigh / neigh_confirm.
    func dst_confirm(_ dst: Rtable?) {
        spanVoid(.dst_confirm, nil) { dst?.pending_confirm = true }
    }

    /// dst->ops->link_failure (ipv4_link_failure for IPv4 routes).
    func dst_link_failure(_ skb: SKB) {
        spanVoid(.dst_link_failure, skb) {
            indirect(.dst_ops_link_failure, .ipv4_link_failure)
            ipv4_link_failure(skb)
        }
    }
}
