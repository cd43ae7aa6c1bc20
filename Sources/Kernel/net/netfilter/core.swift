import Tracing

/// struct nf_hook_ops as registered: who, where, in which order.
struct NFHookEntry {
    let owner: HookOwner
    let hook: NFHook
    let priority: Int32
    /// The hook function: returns a verdict for the skb.
    let fn: (Net, SKB, NFHookState) -> Verdict
}

/// struct nf_hook_state: what nf_hook_slow hands each hook function.
struct NFHookState {
    let hook: NFHook
    let thresh: Int32
    let entries: [NFHookEntry]
    let indev: NetDevice?
    let outdev: NetDevice?
}

/// net->nf.hooks[pf][hooknum]: per hook point, the entries in ascending
/// priority; a new entry goes after existing entries of equal priority
/// (the invariant nf_register_net_hook intends in 4.9).
public final class NFHookRegistry {
    private var hooks: [NFHook: [NFHookEntry]] = [:]

    func entries(_ hook: NFHook) -> [NFHookEntry] { hooks[hook] ?? [] }

    /// nf_register_net_hook.
    func register(_ entry: NFHookEntry) {
        var list = hooks[entry.hook] ?? []
        let at = list.firstIndex { $0.priority > entry.priority } ?? list.count
        list.insert(entry, at: at)
        hooks[entry.hook] = list
    }

    /// Every registered entry, for `iptables -L`-like views.
    public var registered: [(hook: NFHook, owner: HookOwner, priority: Int32)] {
        hooks.keys.sorted { ($0.pf.rawValue, $0.hooknum) < ($1.pf.rawValue, $1.hooknum) }
            .flatMap { h in hooks[h]!.map { (h, $0.owner, $0.priority) } }
    }
}

extension Net {
    /// net/netfilter/core.c (4.9, with nf_iterate folded in): runs each entry
    /// at or above the threshold in order. NF_ACCEPT → next entry; NF_REPEAT
    /// → the same entry again; NF_DROP → free the skb, return -EPERM;
    /// NF_STOLEN → 0; NF_STOP or the end of the list → 1. Simplified away:
    /// NF_QUEUE (no userspace queue exists in the model; it is handled as a
    /// drop would be when no listener is bound, without the bypass flag).
    /// 6.1 walks an array of entries instead of a list, with no threshold,
    /// and frees a dropped skb with SKB_DROP_REASON_NETFILTER_DROP.
    func nf_hook_slow(_ skb: SKB, _ state: NFHookState) -> Int32 {
        span(.nf_hook_slow, skb, arg: UInt32(state.hook.hooknum)) {
            var i = 0
            while i < state.entries.count {
                let entry = state.entries[i]
                guard entry.priority >= state.thresh else { i += 1; continue }
                switch entry.fn(self, skb, state) {
                case .NF_ACCEPT: i += 1
                case .NF_REPEAT: continue
                case .NF_STOP:
                    return 1
                case .NF_DROP, .NF_QUEUE:
                    branch(.nf_hook_slow, .nfDropped(ret: -Errno.EPERM))
                    kfree_skb(skb, .NETFILTER_DROP)
                    return -Errno.EPERM
                case .NF_STOLEN:
                    return 0
                }
            }
            branch(.nf_hook_slow, .nfAllAccepted)
            return 1
        }
    }
}
