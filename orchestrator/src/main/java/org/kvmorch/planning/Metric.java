package org.kvmorch.planning;

/** What a detector measures, which decides how moving a VM changes it. */
public enum Metric {
    /** Seed 003's index, recomputed from the projected fractions. */
    LOAD_INDEX,
    /** CPU in cores (current or predicted); a VM's contribution is subtracted or added. */
    CPU_CORES
}
