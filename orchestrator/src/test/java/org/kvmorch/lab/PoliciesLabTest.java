package org.kvmorch.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kvmorch.control.ControlLoop;
import org.kvmorch.control.MigrationContext;
import org.kvmorch.control.MigrationPolicy;
import org.kvmorch.control.Policies;
import org.kvmorch.hypervisor.JobStats;
import org.kvmorch.hypervisor.MigrationJob;
import org.kvmorch.hypervisor.MigrationRequest;
import org.kvmorch.hypervisor.libvirt.Lab;
import org.kvmorch.hypervisor.libvirt.LabHypervisor;

/**
 * The migration policies end to end on real libvirt (deploy/lab): each policy's first request and
 * controller drive a real migration of the same guest through the ControlLoop, and the outcome is
 * checked on libvirt's own view. Guest: 256 MiB, 64 MiB written at 6 MiB/s, link ~12 MiB/s.
 */
@Tag("lab")
class PoliciesLabTest {

    static final Lab lab = Lab.load();
    @RegisterExtension
    static final LabHypervisor hypervisor = new LabHypervisor(lab);

    @ParameterizedTest
    @ValueSource(strings = {"precopy", "autoconverge", "hybrid-1", "adaptive", "auto"})
    void policyMigratesTheGuest(String policyName) {
        String vm = Lab.uniqueName("policy-" + policyName);
        try {
            lab.startGuest("host1", vm, 256, 64, 6);
            lab.labSh("throttle", "host2", "100");
            MigrationPolicy policy = Policies.require(policyName);
            MigrationContext ctx = new MigrationContext(256L << 20, true, true, Duration.ofMillis(300), 0,
                    Optional.of(Duration.ofMinutes(3)));
            MigrationRequest request = policy.initialRequest(ctx);
            long t0 = System.nanoTime();
            MigrationJob job = hypervisor.host("host1").migrate(vm, hypervisor.host("host2"), request);
            ControlLoop.Outcome outcome = new ControlLoop(job, policy.newController(ctx), request.maxDowntime(),
                    new ControlLoop.Settings(Duration.ofSeconds(1), Duration.ofMinutes(4), Duration.ofMinutes(2)),
                    new ControlLoop.Listener() { }).run();
            long wall = (System.nanoTime() - t0) / 1_000_000;
            JobStats s = outcome.finalStats();
            System.out.printf("LAB-RESULT policy %-12s result=%s wall=%d ms total=%d ms downtime=%d ms data=%.1f MiB "
                            + "passes=%d postcopyAt=%d ms decisions=%d%n", policyName, outcome.result(), wall,
                    s.timeElapsedMillis(), s.downtimeMillis(), s.dataProcessedBytes() / 1048576.0,
                    outcome.passes().completedPasses(), s.postcopyStartedAtMillis(), outcome.decisions().size());
            assertThat(outcome.result()).isEqualTo(ControlLoop.Result.COMPLETED);
            if (policyName.startsWith("hybrid")) {
                assertThat(s.inPostcopy()).isTrue();
            }
            assertThat(lab.runningOn("host2", vm)).isTrue();
            assertThat(lab.state("host1", vm)).isEmpty();
        } finally {
            lab.labSh("unthrottle", "host2");
            lab.removeEverywhere(vm);
        }
    }
}
