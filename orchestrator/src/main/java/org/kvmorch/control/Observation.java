package org.kvmorch.control;

import java.time.Duration;
import org.kvmorch.hypervisor.JobStats;

/**
 * One look at a running job: its latest statistics, the passes completed so far, and the
 * downtime limit currently in force (the controller's own earlier actions change it).
 */
public record Observation(JobStats stats, PassHistory passes, Duration currentMaxDowntime) {

    public long elapsedMillis() {
        return stats.timeElapsedMillis();
    }

    public boolean inPostcopy() {
        return stats.inPostcopy();
    }
}
