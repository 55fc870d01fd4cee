package org.kvmorch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kvmorch.control.Policies;
import org.kvmorch.hypervisor.sim.SimRunParameters;
import org.kvmorch.hypervisor.sim.SimRunResult;
import org.kvmorch.hypervisor.sim.WorkloadSpec;
import org.kvmorch.prediction.PolicyRun;

/**
 * A policy that gives up aborts the job, which the hypervisor reports as cancelled; the control loop
 * must report a failure with the policy's reason, so the record says why the VM stayed on the source.
 */
class PolicyAbortSimulationTest {

    @Test
    void aPolicyThatGivesUpEndsFailedWithItsReason() {
        // 4 GiB, 1 GiB hot set written at 150 MiB/s over a 100 MiB/s link: pre-copy never converges.
        SimRunParameters p = SimRunParameters.of(4096, 100, WorkloadSpec.hotset(150L << 20, 1L << 30));
        PolicyRun.Outcome ladder = PolicyRun.run(p, Policies.require("ovirt-minimal-downtime"));
        assertThat(ladder.result().result()).isEqualTo(SimRunResult.Result.FAILED);
        assertThat(ladder.result().reason()).startsWith("aborted by the policy: ")
                .contains(ladder.decisions().get(ladder.decisions().size() - 1).reason());
    }
}
