import Tracing

/// net/netfilter/nf_tables_api.c, as iptables-nft uses it: the first rule
/// in a chain creates the `ip filter` table and that chain as a base chain
/// (type filter, priority 0) at its hook; other chains get no hook.
extension Net {
    /// The `ip filter` table with a base chain at `hook`, registering the
    /// chain's hook (nf_tables_register_hook) the first time.
    @discardableResult
    public func nft_base_chain(_ hook: NFHook) -> XTTable {
        let table = loadTable(.nf_tables)
        if table.priorities[hook] == nil {
            table.priorities[hook] = NF_IP_PRI_FILTER
            table.chains[hook] = table.chains[hook] ?? Chain()
            nf.register(NFHookEntry(owner: .nf_tables, hook: hook, priority: NF_IP_PRI_FILTER) { net, skb, state in
                net.xt_hook(.nft_do_chain_ipv4, table, skb, state)
            })
        }
        return table
    }

    /// net/netfilter/nf_tables_core.c: runs the base chain's rules. An
    /// iptables-nft rule is expressions (payload loads and compares for
    /// -p and -d, nft_compat's xt match for --syn, an immediate verdict);
    /// the model walks them as the iptables rule they came from.
    func nft_do_chain(_ table: XTTable, _ skb: SKB, _ state: NFHookState) -> Verdict {
        span(.nft_do_chain, skb, arg: UInt32(state.hook.hooknum), ret: { Int32($0.rawValue) }) {
            xt_walk(table, skb, state)
        }
    }
}
