package org.kvmorch.hypervisor.sim;

import java.time.Duration;
import org.kvmorch.hypervisor.MigrationRequest;

/** Small datacenters for tests: hosts "src" and "dst" joined by links of a given speed. */
final class SimFixtures {

    static final long MIB = Units.MIB;

    private SimFixtures() {
    }

    static SimulatedDatacenter.Builder twoHosts(double linkMibps) {
        LinkSpec link = LinkSpec.ofMibPerSecond(linkMibps);
        return SimulatedDatacenter.builder().seed(7)
                .host(HostSpec.of("src", 16, 64 * Units.GIB, link))
                .host(HostSpec.of("dst", 16, 64 * Units.GIB, link));
    }

    static VmSpec vm(String name, long memoryMib, WorkloadSpec workload) {
        return VmSpec.of(name, "src", 2, memoryMib * MIB, workload).withDeviceStateBytes(0);
    }

    static WorkloadSpec sequential(double dirtyMibps, long wssMib) {
        return WorkloadSpec.constant(Math.round(dirtyMibps * MIB), wssMib * MIB);
    }

    static MigrationRequest live(long downtimeMs) {
        return MigrationRequest.live().withMaxDowntime(Duration.ofMillis(downtimeMs));
    }

    static SimMigrationJob start(SimulatedDatacenter dc, String vm, MigrationRequest request, StopRule rule) {
        return dc.host("src").migrate(vm, dc.host("dst"), request, SimMigrationOptions.defaults().withStopRule(rule));
    }

    /** Drives a job to its end in virtual time. */
    static void finish(SimMigrationJob job) {
        for (int i = 0; i < 10_000_000 && !job.phase().isTerminal(); i++) {
            job.awaitProgress(Duration.ofSeconds(10));
        }
    }
}
