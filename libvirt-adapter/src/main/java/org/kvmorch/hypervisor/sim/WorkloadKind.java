package org.kvmorch.hypervisor.sim;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The workloads the simulator knows, by their command-line names. */
public enum WorkloadKind {
    CONSTANT("constant"),
    HOTSET("hotset"),
    KERNEL_COMPILE("kernel-compile"),
    LMBENCH("lmbench"),
    MEMCACHED("memcached"),
    MEMCACHED_RISING("memcached-rising"),
    BURSTY("bursty"),
    IDLE("idle");

    private final String cliName;

    WorkloadKind(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static Optional<WorkloadKind> byName(String name) {
        return Arrays.stream(values()).filter(k -> k.cliName.equals(name)).findFirst();
    }

    /** "constant, hotset, ..." for error messages. */
    public static String allowedNames() {
        return Arrays.stream(values()).map(WorkloadKind::cliName).collect(Collectors.joining(", "));
    }
}
