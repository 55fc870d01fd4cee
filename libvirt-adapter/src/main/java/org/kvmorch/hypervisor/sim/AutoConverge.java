package org.kvmorch.hypervisor.sim;

/**
 * QEMU's auto-converge trigger (migration_trigger_throttle): evaluated at a bitmap sync that ends
 * more than 1 s after the last evaluated one. A period is "high" when the bytes dirtied in it
 * exceed 50 % of the bytes sent in it. The count of high periods is not reset by a low one; at the
 * 2nd high period the throttle starts at the initial percentage, and every further 2nd high period
 * adds the increment, up to 99 %.
 */
final class AutoConverge {

    static final int TRIGGER_THRESHOLD_PERCENT = 50;
    static final int MAX_THROTTLE_PERCENT = 99;

    private final boolean enabled;
    private final int initialPercent;
    private final int incrementPercent;
    private int highPeriods;
    private int throttlePercent;

    AutoConverge(boolean enabled, int initialPercent, int incrementPercent) {
        this.enabled = enabled;
        this.initialPercent = initialPercent;
        this.incrementPercent = incrementPercent;
    }

    int throttlePercent() {
        return throttlePercent;
    }

    /** Fraction of its time a throttled vCPU still runs: it runs 10 ms, then sleeps pct/(1−pct)·10 ms. */
    double runFraction() {
        return 1.0 - throttlePercent / 100.0;
    }

    /** One evaluated period; returns true when the throttle changed. */
    boolean onPeriod(long bytesDirtied, long bytesSent) {
        if (!enabled) {
            return false;
        }
        long threshold = bytesSent * TRIGGER_THRESHOLD_PERCENT / 100;
        if (bytesDirtied > threshold && ++highPeriods >= 2) {
            highPeriods = 0;
            throttlePercent = throttlePercent == 0 ? initialPercent
                    : Math.min(throttlePercent + incrementPercent, MAX_THROTTLE_PERCENT);
            return true;
        }
        return false;
    }

    /** The guest stopped on the source: throttling ends. */
    void stop() {
        throttlePercent = 0;
    }
}
