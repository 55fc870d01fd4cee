package org.kvmorch.hypervisor.sim;

/**
 * What the datacenter grants a job for one step, in bytes per second: its fair share of the
 * migration links with its own rate limit ({@code link}), the share it would get without that
 * limit ({@code linkUncapped}, for the final copy, which QEMU does not rate-limit), and its share
 * of the storage paths.
 */
record FlowRates(double link, double linkUncapped, double storage) {

    static final FlowRates NONE = new FlowRates(0, 0, 0);
}
