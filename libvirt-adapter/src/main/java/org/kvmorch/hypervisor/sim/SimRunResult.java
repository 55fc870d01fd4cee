package org.kvmorch.hypervisor.sim;

import java.util.List;
import org.kvmorch.hypervisor.JobStats;

/**
 * The outcome of one simulated migration, in the units the command line prints.
 *
 * @param totalTimeMs from the migrate call to the end of the job (setup included)
 * @param totalMib RAM and device state that crossed the migration link (storage path excluded)
 * @param downtimeMs the guest was stopped this long (final copy, or the post-copy switchover;
 *     the whole job for COLD); -1 if it never stopped
 * @param precopyRounds live pre-copy passes (pass 1 is the bulk pass; the final stop-and-copy
 *     round is not counted, so it equals the index n of the oracle's stop round; nor is the pass
 *     cut short by a switch to post-copy, so hybrid-k reports k)
 * @param postcopyMs from the switch to post-copy to the end
 * @param postcopyMib bytes sent after the switch (faults and background push, device state excluded)
 * @param postcopyFaults pages the destination requested (memory_postcopy_requests)
 * @param pagesSent pages sent, counting every resend, over both paths
 * @param floorMib the physical floor: every page holding data at the start sent once (4 KiB plus
 *     the configured header), every zero page once as a header, plus device state
 * @param storageMib bytes over the storage path (0 without one)
 * @param memoryIteration libvirt's memory_iteration at the end (bitmap syncs)
 */
public record SimRunResult(
        Result result,
        String reason,
        long totalTimeMs,
        double totalMib,
        long downtimeMs,
        int precopyRounds,
        long postcopyMs,
        double postcopyMib,
        long postcopyFaults,
        long pagesSent,
        double floorMib,
        double storageMib,
        long memoryIteration,
        int maxThrottlePercent,
        JobStats finalStats,
        List<PassRecord> passes) {

    public enum Result {
        COMPLETED, FAILED, NOT_CONVERGED
    }

    public SimRunResult {
        passes = List.copyOf(passes);
    }
}
