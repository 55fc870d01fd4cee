package org.kvmorch.migration;

import java.util.Optional;

/**
 * An operator's (or a plan's) request to move one VM; empty fields take the defaults (the VM's
 * own limits, then the policy in force).
 */
public record MigrationCommand(
        String vm,
        Optional<String> destination,
        Optional<String> policy,
        Optional<Integer> maxDowntimeMs,
        Optional<Long> bandwidthBytesPerSecond,
        Optional<Boolean> tls) {

    public static MigrationCommand of(String vm, String destination, String policy) {
        return new MigrationCommand(vm, Optional.ofNullable(destination), Optional.ofNullable(policy),
                Optional.empty(), Optional.empty(), Optional.empty());
    }
}
