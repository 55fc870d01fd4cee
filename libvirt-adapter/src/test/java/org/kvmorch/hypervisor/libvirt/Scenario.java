package org.kvmorch.hypervisor.libvirt;

import org.kvmorch.hypervisor.JobStats;

/** Prints a lab scenario's measured numbers in one greppable line (the lead quotes them). */
public final class Scenario {

    private Scenario() {
    }

    public static void report(String name, long wallMillis, JobStats s) {
        System.out.printf("LAB-RESULT %-28s phase=%s wall=%d ms total=%d ms downtime=%d ms data=%.1f MiB "
                        + "memory=%.1f MiB iterations=%d throttle=%d%% postcopyAt=%d ms postcopyRequests=%d%n",
                name, s.phase(), wallMillis, s.timeElapsedMillis(), s.downtimeMillis(),
                s.dataProcessedBytes() / 1048576.0, s.memoryTotalBytes() / 1048576.0, s.memoryIteration(),
                s.autoConvergeThrottlePercent(), s.postcopyStartedAtMillis(), s.memoryPostcopyRequests());
    }
}
