import Tracing

/// include/linux/netfilter.h (4.9): the static inlines every hook point
/// goes through. `okfn` is the continuation the hook guards.
extension Net {
    typealias Okfn = (Net, Sock?, SKB) -> Int32

    /// nf_hook_thresh with thresh INT_MIN. As in the kernel, nf_hook never
    /// calls the okfn: its caller does when the result is 1.
    func nf_hook(_ hook: NFHook, _ sk: Sock?, _ skb: SKB, _ indev: NetDevice?, _ outdev: NetDevice?) -> Int32 {
        span(.nf_hook, skb, arg: UInt32(hook.hooknum)) {
            nf_hook_thresh(hook, sk, skb, indev, outdev, Int32.min)
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

    /// nf_hook, then the okfn when the result is 1.
    func NF_HOOK(_ hook: NFHook, _ sk: Sock?, _ skb: SKB, _ indev: NetDevice?, _ outdev: NetDevice?,
                 _ okfn: Okfn) -> Int32 {
        span(.NF_HOOK, skb, arg: UInt32(hook.hooknum)) {
            NF_HOOK_THRESH(hook, sk, skb, indev, outdev, okfn, Int32.min)
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
                let ret = nf_hook_thresh(hook, sk, skb, indev, outdev, Int32.min)
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
