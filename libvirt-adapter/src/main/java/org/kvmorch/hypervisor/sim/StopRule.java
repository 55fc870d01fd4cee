package org.kvmorch.hypervisor.sim;

/** When pre-copy stops the guest for the final copy. */
public enum StopRule {
    /**
     * QEMU's rule: the bitmap is synced when the bytes still pending in the current pass fall to
     * the threshold (bandwidth measured over the last 100 ms × downtime limit), which can be
     * before the pass has ended; right after the sync the guest stops if the pending bytes (left
     * of this pass + newly dirtied) are below the threshold. Syncs are at least one iterate chunk
     * (50 ms) apart unless a pass has ended.
     */
    QEMU,
    /**
     * Clark's model, for the analytical oracle: sync only when a pass has sent all its pages, and
     * stop when the pages dirtied during it, V_n, satisfy V_n ≤ bandwidth × downtime limit.
     */
    ROUND_END
}
