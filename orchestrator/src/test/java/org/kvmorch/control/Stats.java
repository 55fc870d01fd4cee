package org.kvmorch.control;

import org.kvmorch.hypervisor.JobPhase;
import org.kvmorch.hypervisor.JobStats;

/** Hand-made job statistics for policy tests. */
final class Stats {

    private Stats() {
    }

    static JobStats precopy(long elapsedMs, long iteration, long pagesSoFar, long remainingBytes) {
        return precopy(elapsedMs, iteration, pagesSoFar, remainingBytes, 0);
    }

    /** The same, with the link's measured rate (QEMU's stop threshold is that × the downtime limit). */
    static JobStats precopy(long elapsedMs, long iteration, long pagesSoFar, long remainingBytes,
                            long bytesPerSecond) {
        return new JobStats(JobPhase.PRECOPY, elapsedMs, 0, pagesSoFar * 4096, remainingBytes, 0,
                pagesSoFar * 4096, remainingBytes, bytesPerSecond, 0, iteration, 0, pagesSoFar, pagesSoFar * 4096,
                4096, 0, 0, 5, -1, -1);
    }

    static JobStats postcopy(long elapsedMs) {
        return new JobStats(JobPhase.POSTCOPY, elapsedMs, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 4096, 0, 0, 5, 5,
                elapsedMs - 1);
    }

    /** A history whose passes sent these page counts, 1 s each. */
    static PassHistory passes(long... pages) {
        PassHistory h = new PassHistory();
        long t = 0;
        for (int i = 0; i < pages.length; i++) {
            t += 1000;
            h.add(new PassRecord(i + 1, pages[i], pages[i] * 4096, t, 1000, 0, 0));
        }
        return h;
    }
}
