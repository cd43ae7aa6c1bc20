import Tracing

/// include/linux/netfilter.h: the static inlines every hook point goes
/// through. `okfn` is the continuation the hook guards. 4.9 routes every
/// hook through nf_hook_thresh; 6.1 has no thresholds: nf_hook tests the
/// hook point's entries itself and calls nf_hook_slow.
extension Net {
    typealias Okfn = (Net, Sock?, SKB) -> Int32

    /// 4.9: nf_hook_thresh with thresh INT_MIN. 6.1: 1 at once when no
    /// entry is registered at the hook point (hook_head is NULL), else
    /// nf_hook_slow over every entry. As in the kernel, nf_hook never calls
    /// the okfn: its caller does when the result is 1.
    func nf_hook(_ hook: NFHook, _ sk: Sock?, _ skb: SKB, _ indev: NetDevice?, _ outdev: NetDevice?) -> Int32 {
        span(.nf_hook, skb, arg: UInt32(hook.hooknum)) {
            guard kernel == .v6_1 else { return nf_hook_thresh(hook, sk, skb, indev, outdev, Int32.min) }
            var ret: Int32 = 1
            let entries = nf.entries(hook)
            if entries.isEmpty {
                branch(.nf_hook, .nfNoHooks)
            } else {
                ret = nf_hook_slow(skb, NFHookState(hook: hook, thresh: Int32.min, entries: entries,
                                                    indev: indev, outdev: outdev))
            }
            note(.hookResult(hook, ret, skb: skb.id))
            return ret
        }
    }

    /// Returns 1 if the hook has allowed the packet to pass: at once when no
    /// entry is registered (the static key is off), else nf_hook_slow.
    func nf_hook_thresh(_ hook: NFHook, _ sk: Sock?, _ skb: SKB, _ indev: NetDevice?,
                        _ outdev: NetDevice?, _ thresh: Int32) -> Int32 {
        span(.nf_hook_thresh, skb, arg: UInt32(hook.hooknum)) {
            var ret: Int32 = 1
            let entries = nf.entries(hook)
            if entries.isEmpty {
                branch(.nf_hook_thresh, .nfNoHooks)
            } else {
                ret = nf_hook_slow(skb, NFHookState(hook: hook, thresh: thresh, entries: entries,
                                                    indev: indev, outdev: outdev))
            }
            note(.hookResult(hook, ret, skb: skb.id))
            return ret
        }
    }

    /// nf_hook, then the okfn when the result is 1 (4.9: through NF_HOOK_THRESH).
    func NF_HOOK(_ hook: NFHook, _ sk: Sock?, _ skb: SKB, _ indev: NetDevice?, _ outdev: NetDevice?,
                 _ okfn: Okfn) -> Int32 {
        span(.NF_HOOK, skb, arg: UInt32(hook.hooknum)) {
            guard kernel == .v6_1 else { return NF_HOOK_THRESH(hook, sk, skb, indev, outdev, okfn, Int32.min) }
            let ret = nf_hook(hook, sk, skb, indev, outdev)
            guard ret == 1 else {
                branch(.NF_HOOK, .nfOkfnSkipped(ret: ret))
                return ret
            }
            branch(.NF_HOOK, .nfOkfnRuns)
            return okfn(self, sk, skb)
        }
    }

    func NF_HOOK_THRESH(_ hook: NFHook, _ sk: Sock?, _ skb: SKB, _ indev: NetDevice?, _ outdev: NetDevice?,
                        _ okfn: Okfn, _ thresh: Int32) -> Int32 {
        span(.NF_HOOK_THRESH, skb, arg: UInt32(hook.hooknum)) {
            let ret = nf_hook_thresh(hook, sk, skb, indev, outdev, thresh)
            guard ret == 1 else {
                branch(.NF_HOOK_THRESH, .nfOkfnSkipped(ret: ret))
                return ret
            }
            branch(.NF_HOOK_THRESH, .nfOkfnRuns)
            return okfn(self, sk, skb)
        }
    }

    /// NF_HOOK when `cond` holds; the okfn directly otherwise (ip_output
    /// skips POST_ROUTING for packets re-routed after an IPsec transform).
    func NF_HOOK_COND(_ hook: NFHook, _ sk: Sock?, _ skb: SKB, _ indev: NetDevice?, _ outdev: NetDevice?,
                      _ okfn: Okfn, _ cond: Bool) -> Int32 {
        span(.NF_HOOK_COND, skb, arg: UInt32(hook.hooknum)) {
            if cond {
                let ret = kernel == .v6_1 ? nf_hook(hook, sk, skb, indev, outdev)
                    : nf_hook_thresh(hook, sk, skb, indev, outdev, Int32.min)
                guard ret == 1 else {
                    branch(.NF_HOOK_COND, .nfOkfnSkipped(ret: ret))
                    return ret
                }
                branch(.NF_HOOK_COND, .nfOkfnRuns)
            }
            return okfn(self, sk, skb)
        }
    }
}
