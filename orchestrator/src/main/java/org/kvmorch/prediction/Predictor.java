package org.kvmorch.prediction;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.kvmorch.control.MigrationContext;
import org.kvmorch.control.MigrationPolicy;
import org.kvmorch.control.Policies;
import org.kvmorch.hypervisor.MigrationFlag;
import org.kvmorch.hypervisor.sim.SimRunParameters;
import org.kvmorch.hypervisor.sim.SimRunResult;
import org.kvmorch.hypervisor.sim.WorkloadSpec;

/**
 * Predicts a migration before it starts by running it in the simulator, page by page, with the
 * VM's observed dirty rate over its observed working set, on a link of the hosts' bandwidth,
 * under the same policy and control loop the service will use. A run is capped at one virtual
 * hour: a pre-copy still going then is predicted NOT_CONVERGED.
 */
public final class Predictor {

    /**
     * What is known of the VM and the path when predicting. The bandwidth cap (0 = none) is the
     * migration's own limit, not the link: QEMU lifts it for the final stop-and-copy and for the
     * switch to post-copy, so it must not be modelled as a slower link. {@code tls}: encrypted
     * streams (slower). {@code residentBytes}: the guest's resident set as polled (0 = unknown), told
     * to the policy as the service will.
     */
    public record Input(long memoryBytes, long dirtyRateBytesPerSecond, long workingSetBytes,
                        long linkBytesPerSecond, long maxDowntimeMs, long bandwidthCapBytesPerSecond, boolean tls,
                        long residentBytes) {

        public Input(long memoryBytes, long dirtyRateBytesPerSecond, long workingSetBytes, long linkBytesPerSecond,
                     long maxDowntimeMs, long bandwidthCapBytesPerSecond, boolean tls) {
            this(memoryBytes, dirtyRateBytesPerSecond, workingSetBytes, linkBytesPerSecond, maxDowntimeMs,
                    bandwidthCapBytesPerSecond, tls, 0);
        }

        public Input(long memoryBytes, long dirtyRateBytesPerSecond, long workingSetBytes, long linkBytesPerSecond,
                     long maxDowntimeMs, long bandwidthCapBytesPerSecond) {
            this(memoryBytes, dirtyRateBytesPerSecond, workingSetBytes, linkBytesPerSecond, maxDowntimeMs,
                    bandwidthCapBytesPerSecond, false);
        }

        public Input(long memoryBytes, long dirtyRateBytesPerSecond, long workingSetBytes, long linkBytesPerSecond,
                     long maxDowntimeMs, boolean tls) {
            this(memoryBytes, dirtyRateBytesPerSecond, workingSetBytes, linkBytesPerSecond, maxDowntimeMs, 0, tls);
        }

        public Input(long memoryBytes, long dirtyRateBytesPerSecond, long workingSetBytes, long linkBytesPerSecond,
                     long maxDowntimeMs) {
            this(memoryBytes, dirtyRateBytesPerSecond, workingSetBytes, linkBytesPerSecond, maxDowntimeMs, 0, false);
        }
    }

    static final long TIME_LIMIT_SECONDS = 3600;
    private static final double MIB = 1024.0 * 1024.0;

    public Prediction predict(Input in, String policyName) {
        MigrationPolicy policy = Policies.require(policyName);
        long memoryMib = Math.max(1, in.memoryBytes() >> 20);
        long wss = in.workingSetBytes() > 0 ? Math.min(in.workingSetBytes(), in.memoryBytes()) : in.memoryBytes();
        WorkloadSpec workload = in.dirtyRateBytesPerSecond() > 0
                ? WorkloadSpec.hotset(in.dirtyRateBytesPerSecond(), wss) : WorkloadSpec.idle();
        SimRunParameters p = SimRunParameters.of(memoryMib, in.linkBytesPerSecond() / MIB, workload)
                .withDowntimeMs(Math.max(1, in.maxDowntimeMs()))
                .withTimeLimitSeconds(TIME_LIMIT_SECONDS)
                .withExtraFlags(in.tls() ? Set.of(MigrationFlag.TLS) : Set.of());
        // The policy learns what the service will know of the VM, not the model's stand-in working set.
        PolicyRun.Outcome o = PolicyRun.run(p, policy, in.bandwidthCapBytesPerSecond(),
                new MigrationContext.GuestWrites(Math.max(0, in.dirtyRateBytesPerSecond()),
                        Math.max(0, in.workingSetBytes()), Math.max(0, in.residentBytes())));
        SimRunResult r = o.result();
        return new Prediction(policy.name(), r.result().name(), r.totalTimeMs(), Math.round(r.totalMib() * MIB),
                r.downtimeMs(), r.postcopyMs(), Math.round(r.postcopyMib() * MIB), r.precopyRounds(), o.floorRatio());
    }

    /** Every policy that can run for this VM, best (fastest completed) first. */
    public List<Prediction> predictAll(Input in) {
        List<Prediction> all = new ArrayList<>();
        for (String name : Policies.names()) {
            try {
                all.add(predict(in, name));
            } catch (IllegalArgumentException notApplicable) {
                // e.g. pa-hybrid without a storage path
            }
        }
        all.sort((a, b) -> {
            boolean ac = a.result().equals("COMPLETED");
            boolean bc = b.result().equals("COMPLETED");
            return ac != bc ? (ac ? -1 : 1) : Long.compare(a.totalTimeMs(), b.totalTimeMs());
        });
        return all;
    }
}
