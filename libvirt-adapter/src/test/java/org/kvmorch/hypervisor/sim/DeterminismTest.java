package org.kvmorch.hypervisor.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kvmorch.hypervisor.JobPhase;

class DeterminismTest {

    private static SimRunResult run(long seed) {
        return SimulatedMigrationRun.run(SimRunParameters.of(2048, 100, WorkloadSpec.of(WorkloadKind.MEMCACHED))
                .withSeed(seed), (stats, job) -> {
                    if (stats.phase() == JobPhase.PRECOPY && stats.memoryIteration() >= 3) {
                        job.startPostCopy();
                    }
                });
    }

    @Test
    void sameSeedSameRun() {
        SimRunResult a = run(5);
        SimRunResult b = run(5);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void anotherSeedAnotherRun() {
        assertThat(run(5).postcopyFaults()).isNotEqualTo(run(6).postcopyFaults());
    }
}
