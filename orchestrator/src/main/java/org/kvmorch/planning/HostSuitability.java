package org.kvmorch.planning;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether one host could take one VM, with each check's outcome and every reason it cannot
 * (CloudSim Plus' HostSuitability; style item 6).
 *
 * @param projectedLoadIndex the host's load index if the VM went there
 */
public record HostSuitability(String host, boolean cpuOk, boolean memoryOk, boolean diskOk, boolean networkOk,
        boolean affinityOk, boolean stateOk, boolean limitsOk, boolean loadOk, Set<Rejection> rejections,
        double projectedLoadIndex) {

    public HostSuitability {
        rejections = Set.copyOf(rejections);
    }

    public boolean suitable() {
        return rejections.isEmpty();
    }

    public String reason() {
        return suitable() ? "suitable"
                : rejections.stream().sorted().map(Rejection::text).collect(Collectors.joining("; "));
    }
}
