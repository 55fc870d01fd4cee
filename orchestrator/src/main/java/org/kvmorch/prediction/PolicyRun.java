package org.kvmorch.prediction;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.kvmorch.control.ControlLoop;
import org.kvmorch.control.Decision;
import org.kvmorch.control.MigrationContext;
import org.kvmorch.control.MigrationPolicy;
import org.kvmorch.hypervisor.DomainUtilization;
import org.kvmorch.hypervisor.JobStats;
import org.kvmorch.hypervisor.MigrationFlag;
import org.kvmorch.hypervisor.MigrationRequest;
import org.kvmorch.hypervisor.sim.PassRecord;
import org.kvmorch.hypervisor.sim.SimHost;
import org.kvmorch.hypervisor.sim.SimMigrationJob;
import org.kvmorch.hypervisor.sim.SimRunParameters;
import org.kvmorch.hypervisor.sim.SimRunResult;
import org.kvmorch.hypervisor.sim.SimulatedDatacenter;
import org.kvmorch.hypervisor.sim.SimulatedMigrationRun;

/**
 * One simulated migration under a real policy, driven exactly as the service drives it: the
 * policy's start request through the port's {@code Host.migrate}, then {@link ControlLoop} with
 * one-second ticks until the job ends. Used by {@code simulate} and by every {@code bench} suite,
 * so what they print is what the service would do.
 */
public final class PolicyRun {

    private static final double MIB = 1024.0 * 1024.0;
    /** The one VM of {@link SimulatedMigrationRun#datacenter}. */
    private static final String VM = "vm";

    /** The simulator's summary plus what the control loop decided, and the context it ran with. */
    public record Outcome(SimRunResult result, List<Decision> decisions, MigrationContext context,
                          MigrationRequest request) {

        /** Link plus storage-path bytes over the physical floor. */
        public double floorRatio() {
            return (result.totalMib() + result.storageMib()) / result.floorMib();
        }
    }

    private PolicyRun() {
    }

    /**
     * The context the service would build for this VM and these hosts (no bandwidth cap), with the
     * guest's writes as the fleet poller would have seen them just before the start.
     */
    public static MigrationContext context(SimRunParameters p, SimHost source, SimHost destination) {
        return context(p, source, destination, 0);
    }

    static MigrationContext context(SimRunParameters p, SimHost source, SimHost destination, long bandwidthCap) {
        DomainUtilization seen = source.domainUtilization(VM);
        MigrationContext.GuestWrites writes = new MigrationContext.GuestWrites(
                seen.dirtyRateBytesPerSecond().orElse(0), seen.workingSetBytes().orElse(0),
                seen.residentBytes().orElse(0));
        return new MigrationContext(p.memoryMib() * 1024L * 1024L, true, true, Duration.ofMillis(p.downtimeMs()),
                bandwidthCap, Optional.empty()).between(source, destination).withGuestWrites(writes);
    }

    /**
     * @throws IllegalArgumentException when the policy cannot run here (e.g. pa-hybrid without a
     *     storage path)
     */
    public static Outcome run(SimRunParameters p, MigrationPolicy policy) {
        return run(p, policy, 0);
    }

    /** The same, with the migration's bandwidth limit (bytes/s, 0 = none) in the policy's context. */
    public static Outcome run(SimRunParameters p, MigrationPolicy policy, long bandwidthCap) {
        return run(p, policy, bandwidthCap, null);
    }

    /**
     * The same, telling the policy {@code observed} of the guest's writes instead of what the
     * simulated guest reports: a prediction must decide on what the service will know of the real VM.
     */
    public static Outcome run(SimRunParameters p, MigrationPolicy policy, long bandwidthCap,
                              MigrationContext.GuestWrites observed) {
        try (SimulatedDatacenter dc = SimulatedMigrationRun.datacenter(p)) {
            SimHost src = dc.host("src");
            SimHost dst = dc.host("dst");
            MigrationContext ctx = context(p, src, dst, bandwidthCap);
            if (observed != null) {
                // Never more data than the simulated guest holds: its floor is what the run is measured against.
                long resident = Math.min(observed.residentBytes(), ctx.guestWrites().residentBytes());
                ctx = ctx.withGuestWrites(new MigrationContext.GuestWrites(observed.bytesPerSecond(),
                        observed.workingSetBytes(), resident));
            }
            MigrationRequest request = withTls(policy.initialRequest(ctx), p);
            SimMigrationJob job = (SimMigrationJob) src.migrate(VM, dst, request);
            ControlLoop.Settings settings = new ControlLoop.Settings(SimulatedMigrationRun.POLL,
                    p.timeLimitSeconds() > 0 ? Duration.ofSeconds(p.timeLimitSeconds()) : Duration.ofDays(365),
                    Duration.ofMinutes(10));
            ControlLoop.Outcome loop = new ControlLoop(job, policy.newController(ctx), request.maxDowntime(), settings,
                    new ControlLoop.Listener() { }).run();
            return new Outcome(summarize(job, loop), loop.decisions(), ctx, request);
        }
    }

    /** TLS is a transport choice of the run, not the policy's: added to the policy's request as the service does. */
    private static MigrationRequest withTls(MigrationRequest request, SimRunParameters p) {
        return p.extraFlags().contains(MigrationFlag.TLS) ? request.withFlag(MigrationFlag.TLS) : request;
    }

    /** The same summary {@code SimulatedMigrationRun} gives, from the job's own counters. */
    static SimRunResult summarize(SimMigrationJob job, ControlLoop.Outcome loop) {
        JobStats s = job.stats();
        SimRunResult.Result result = switch (loop.result()) {
            case COMPLETED -> SimRunResult.Result.COMPLETED;
            case NOT_CONVERGED -> SimRunResult.Result.NOT_CONVERGED;
            default -> SimRunResult.Result.FAILED;
        };
        List<PassRecord> passes = job.passes();
        int maxThrottle = passes.stream().mapToInt(PassRecord::throttlePercent).max().orElse(0);
        int live = (int) passes.stream().filter(r -> r.kind() == PassRecord.Kind.LIVE).count();
        if (s.inPostcopy() && live > 0) {
            live--; // the pass cut short by the switch to post-copy is not a pre-copy round
        }
        String reason = loop.result() == ControlLoop.Result.NOT_CONVERGED ? "time limit reached in pre-copy"
                : loop.reason().isEmpty() ? job.endReason() : loop.reason();
        return new SimRunResult(result, reason, s.timeElapsedMillis(), job.linkBytes() / MIB, s.downtimeMillis(),
                live, job.postcopyNanos() / 1_000_000, job.postcopyBytes() / MIB, s.memoryPostcopyRequests(),
                job.pagesSent(), job.floorBytes() / MIB, job.storageBytes() / MIB, s.memoryIteration(), maxThrottle,
                s, passes);
    }
}
