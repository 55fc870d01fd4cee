package org.kvmorch.hypervisor.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The memaslap client's write share over time (sets ÷ all operations). It follows the clock of
 * the client, not the guest's progress: throttling slows the server, not the schedule.
 */
interface MemcachedLoad {

    double writeShare(double atSeconds);

    /** Seed 002 Table 5: read/write 3:7, steady. */
    static MemcachedLoad steady() {
        return at -> 0.7;
    }

    /**
     * Seed 002 scenario 1: "the read/write ratio of memaslap client increases during migration"
     * (toward writes), so pre-copy converges at first and stops converging later. By default we ramp
     * the write share linearly from 0.3 (7:3) to 0.8 over 300 s, then hold it: with the default
     * 100 MiB/s of touched pages that is 30 → 80 MiB/s of writes, crossing a 50 MiB/s link.
     */
    static MemcachedLoad rising(WorkloadSpec.WriteRamp ramp) {
        return at -> ramp.from() + (ramp.to() - ramp.from()) * Math.min(1.0, Math.max(0.0, at) / ramp.seconds());
    }

    /**
     * Seed 002 scenario 2: read/write 10:1 (write share 1/11) with occasional bursts at 1:10
     * (10/11). "Occasionally" is not quantified; we use 10 s bursts separated by gaps drawn
     * uniformly from 40–80 s (seeded), so a burst spans a round or two, not a whole migration.
     */
    static MemcachedLoad bursty(SplittableRandom random) {
        return new Bursts(random);
    }

    /** Burst windows drawn lazily as time advances. */
    final class Bursts implements MemcachedLoad {
        private static final double BURST_SECONDS = 10.0;
        private final SplittableRandom random;
        private final List<double[]> windows = new ArrayList<>();
        private double drawnUntil;

        Bursts(SplittableRandom random) {
            this.random = random;
        }

        @Override
        public double writeShare(double atSeconds) {
            while (drawnUntil <= atSeconds) {
                double start = drawnUntil + 40.0 + random.nextDouble() * 40.0;
                windows.add(new double[] {start, start + BURST_SECONDS});
                drawnUntil = start + BURST_SECONDS;
            }
            for (double[] w : windows) {
                if (atSeconds >= w[0] && atSeconds < w[1]) {
                    return 10.0 / 11.0;
                }
            }
            return 1.0 / 11.0;
        }
    }
}
