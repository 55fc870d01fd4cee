package org.kvmorch.planning;

/** A host's seed 003 load index and CPU share before and after the plan. */
public record HostLoad(String host, double loadIndexBefore, double loadIndexAfter, double cpuBefore,
        double cpuAfter, boolean overloadedBefore, int vmsBefore, int vmsAfter) {
}
