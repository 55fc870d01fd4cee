package org.kvmorch.control;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import org.kvmorch.hypervisor.JobStats;

/**
 * Turns the stream of cumulative job statistics into completed passes. A pass ends when libvirt's
 * {@code memory_iteration} (the bitmap-sync count) moves on; the pages of that pass are the pages
 * sent since the previous boundary (the first pass counts from the job's start). Works the same
 * whether statistics arrive per event or per poll; passes that end between two samples are merged.
 */
public final class PassHistory {

    private final List<PassRecord> passes = new ArrayList<>();
    /** QEMU counts the first bitmap sync at setup, so the bulk pass runs as memory_iteration 1. */
    private long iterationAtBoundary = 1;
    private long pagesAtBoundary;
    private long bytesAtBoundary;
    private long timeAtBoundary;

    /** Feeds one statistics sample; returns true when it completed at least one pass. */
    public boolean observe(JobStats stats) {
        if (stats.inPostcopy()) {
            return false;
        }
        long pages = stats.memoryNormalPages() + stats.memoryConstantPages();
        if (stats.memoryIteration() <= iterationAtBoundary) {
            return false;
        }
        passes.add(new PassRecord(passes.size() + 1, pages - pagesAtBoundary,
                stats.memoryProcessedBytes() - bytesAtBoundary, stats.timeElapsedMillis(),
                stats.timeElapsedMillis() - timeAtBoundary, stats.memoryDirtyRatePagesPerSecond(),
                stats.autoConvergeThrottlePercent()));
        iterationAtBoundary = stats.memoryIteration();
        pagesAtBoundary = pages;
        bytesAtBoundary = stats.memoryProcessedBytes();
        timeAtBoundary = stats.timeElapsedMillis();
        return true;
    }

    /** Appends a pass directly (tests, and adapters that report passes themselves). */
    public void add(PassRecord pass) {
        passes.add(pass);
    }

    public List<PassRecord> passes() {
        return Collections.unmodifiableList(passes);
    }

    public int completedPasses() {
        return passes.size();
    }

    /**
     * Seed 002's convergence factor λ(i) = pages(i+1) / pages(i) for every pair of consecutive
     * passes; element 0 is λ(1).
     */
    public List<Double> lambdas() {
        List<Double> result = new ArrayList<>();
        for (int i = 0; i + 1 < passes.size(); i++) {
            long previous = passes.get(i).pages();
            result.add(previous == 0 ? 1.0 : (double) passes.get(i + 1).pages() / previous);
        }
        return result;
    }

    public OptionalDouble lastLambda() {
        List<Double> l = lambdas();
        return l.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(l.get(l.size() - 1));
    }
}
