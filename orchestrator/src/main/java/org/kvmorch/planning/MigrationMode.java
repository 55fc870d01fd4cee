package org.kvmorch.planning;

/** The ways a VM may be moved; the planner only proposes live moves, the executor picks the mode. */
public enum MigrationMode {
    PRECOPY, POSTCOPY, HYBRID, COLD;

    static int bit(MigrationMode m) {
        return 1 << m.ordinal();
    }

    static final int LIVE_BITS = bit(PRECOPY) | bit(POSTCOPY) | bit(HYBRID);
}
