package org.kvmorch.db;

import java.util.EnumSet;
import java.util.Set;

/**
 * A migration's lifecycle. ESCALATED: a paused post-copy that could not be resumed in time and
 * waits for an operator (the VM is never destroyed).
 */
public enum MigrationState {
    PENDING, RUNNING, POSTCOPY, RECOVERING, COMPLETED, FAILED, CANCELLED, ESCALATED;

    public static final Set<MigrationState> UNFINISHED = EnumSet.of(PENDING, RUNNING, POSTCOPY, RECOVERING, ESCALATED);

    public boolean isFinished() {
        return !UNFINISHED.contains(this);
    }
}
