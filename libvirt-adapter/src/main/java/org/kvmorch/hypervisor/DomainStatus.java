package org.kvmorch.hypervisor;

/**
 * libvirt's domain state with its reason (virDomainGetState), e.g. PAUSED / "postcopy-failed"
 * for a post-copy migration that lost its link and waits to be resumed.
 */
public record DomainStatus(DomainState state, String reason) {

    public static DomainStatus running() {
        return new DomainStatus(DomainState.RUNNING, "booted");
    }
}
