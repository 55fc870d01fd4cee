package org.kvmorch.planning;

/** Why a host cannot take a VM. */
public enum Rejection {
    NOT_ACTIVE("host is not active (maintenance, draining or down)"),
    SAME_HOST("the VM is already there"),
    IN_PLAN("host gives VMs away in this plan"),
    OVERLOADED("host is overloaded"),
    EMPTY_HOST("consolidation does not wake idle hosts"),
    INCOMING_LIMIT("host's incoming migration limit is reached"),
    CPU("not enough CPU"),
    MEMORY("not enough memory"),
    DISK("not enough disk bandwidth"),
    NETWORK("not enough network bandwidth"),
    ANTI_AFFINITY("a VM of the same anti-affinity group is there"),
    AFFINITY("the VM's affinity group lives elsewhere"),
    RECENT_SOURCE("a recent plan moved the VM away from this host"),
    WOULD_OVERLOAD("host would become overloaded");

    private final String text;

    Rejection(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
