import Tracing

/// security/apparmor/lsm.c: AppArmor's netfilter hook. Since 4.17 AppArmor
/// registers apparmor_ip_postroute at NF_INET_POST_ROUTING (priority
/// NF_IP_PRI_SELINUX_FIRST) in every network namespace, so a host with no
/// iptables table at all still goes through nf_hook_slow in ip_output.
/// 4.9's AppArmor registers no netfilter hook.
extension Net {
    /// apparmor_nf_register (6.1): the POST_ROUTING entry. Nothing on 4.9.
    public func registerAppArmorHooks() {
        guard kernel == .v6_1 else { return }
        nf.register(NFHookEntry(owner: .apparmor, hook: .NF_INET_POST_ROUTING, priority: NF_IP_PRI_SELINUX_FIRST) {
            net, skb, _ in net.apparmor_ip_postroute(skb)
        })
    }

    /// Checks the packet's secmark against the sending task's profile
    /// (apparmor_secmark_check). Without secmark rules, which is how the
    /// model runs, every packet is NF_ACCEPT.
    func apparmor_ip_postroute(_ skb: SKB) -> Verdict {
        span(.apparmor_ip_postroute, skb, ret: { Int32($0.rawValue) }) { .NF_ACCEPT }
    }
}

let NF_IP_PRI_SELINUX_FIRST: Int32 = -225
