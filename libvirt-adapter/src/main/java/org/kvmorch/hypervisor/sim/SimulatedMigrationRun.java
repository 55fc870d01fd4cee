package org.kvmorch.hypervisor.sim;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.kvmorch.hypervisor.JobPhase;
import org.kvmorch.hypervisor.JobStats;
import org.kvmorch.hypervisor.MigrationFlag;
import org.kvmorch.hypervisor.MigrationRequest;

/**
 * Runs one migration between two simulated hosts ("src" → "dst") under a controller, in virtual
 * time, and sums it up. The controller sees the statistics after every {@code awaitProgress}: at
 * each bitmap sync and phase change, and at least once per {@link #POLL} of virtual time.
 */
public final class SimulatedMigrationRun {

    /** Longest virtual wait between two controller calls. */
    public static final Duration POLL = Duration.ofSeconds(1);
    /** A run that neither completes nor fails within this much virtual time is given up. */
    static final long HARD_LIMIT_SECONDS = 1_000_000;
    private static final double MIB = Units.MIB;

    private SimulatedMigrationRun() {
    }

    /** Builds the two-host datacenter the parameters describe (the VM is "vm" on "src"). */
    public static SimulatedDatacenter datacenter(SimRunParameters p) {
        long vmBytes = p.memoryMib() * Units.MIB;
        LinkSpec link = new LinkSpec(Math.round(p.bandwidthMibps() * MIB), p.latency());
        SimulatedDatacenter.Builder b = SimulatedDatacenter.builder().seed(p.seed())
                .tuning(SimTuning.defaults().withStopRule(p.stopRule()));
        for (String name : new String[] {"src", "dst"}) {
            HostSpec host = HostSpec.of(name, 32, vmBytes + 4 * Units.GIB, link);
            if (p.storagePathMibps() > 0) {
                host = host.withStoragePath(new LinkSpec(Math.round(p.storagePathMibps() * MIB), p.latency()));
            }
            b.host(host);
        }
        b.vm(VmSpec.of("vm", "src", 4, vmBytes, p.workload()).withDeviceStateBytes(p.deviceStateKib() * Units.KIB));
        return b.build();
    }

    public static MigrationRequest request(SimRunParameters p) {
        Set<MigrationFlag> flags = EnumSet.copyOf(MigrationRequest.live().flags());
        flags.addAll(p.extraFlags());
        return new MigrationRequest(p.mode(), flags, Duration.ofMillis(p.downtimeMs()), 0, 20, 10,
                p.parallelConnections(), Optional.empty());
    }

    public static SimRunResult run(SimRunParameters p, MigrationController controller) {
        try (SimulatedDatacenter dc = datacenter(p)) {
            SimHost src = dc.host("src");
            SimMigrationJob job = src.migrate("vm", dc.host("dst"), request(p),
                    SimMigrationOptions.defaults().withStopRule(p.stopRule())
                            .withBulkOverStoragePath(p.bulkOverStoragePath()));
            return drive(job, p.timeLimitSeconds(), controller);
        }
    }

    /** Drives an already started job to its end; usable with any simulated datacenter. */
    public static SimRunResult drive(SimMigrationJob job, long timeLimitSeconds, MigrationController controller) {
        boolean timedOut = false;
        long limitMs = timeLimitSeconds * 1000;
        JobStats stats = job.stats();
        while (!stats.phase().isTerminal()) {
            stats = job.awaitProgress(POLL);
            if (stats.phase().isTerminal()) {
                break;
            }
            controller.observe(stats, job);
            boolean inPrecopy = stats.phase() == JobPhase.SETUP || stats.phase() == JobPhase.PRECOPY;
            if (limitMs > 0 && inPrecopy && stats.timeElapsedMillis() >= limitMs) {
                timedOut = true;
                job.abort();
            } else if (stats.timeElapsedMillis() >= HARD_LIMIT_SECONDS * 1000) {
                job.abort();
                break;
            }
            stats = job.stats();
        }
        return summarize(job, timedOut);
    }

    static SimRunResult summarize(SimMigrationJob job, boolean timedOut) {
        JobStats s = job.stats();
        SimRunResult.Result result = switch (s.phase()) {
            case COMPLETED -> SimRunResult.Result.COMPLETED;
            case CANCELLED -> timedOut ? SimRunResult.Result.NOT_CONVERGED : SimRunResult.Result.FAILED;
            default -> SimRunResult.Result.FAILED;
        };
        int maxThrottle = job.passes().stream().mapToInt(PassRecord::throttlePercent).max().orElse(0);
        int live = (int) job.passes().stream().filter(r -> r.kind() == PassRecord.Kind.LIVE).count();
        if (s.inPostcopy() && live > 0) {
            live--; // the pass cut short by the switch to post-copy is not a pre-copy round
        }
        String reason = timedOut ? "time limit reached in pre-copy" : job.endReason();
        return new SimRunResult(result, reason, s.timeElapsedMillis(), job.linkBytes() / MIB, s.downtimeMillis(),
                live, job.postcopyNanos() / Units.NANOS_PER_MILLI, job.postcopyBytes() / MIB,
                s.memoryPostcopyRequests(), job.pagesSent(), job.floorBytes() / MIB, job.storageBytes() / MIB,
                s.memoryIteration(), maxThrottle, s, job.passes());
    }
}
