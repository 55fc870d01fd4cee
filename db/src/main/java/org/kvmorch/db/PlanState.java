package org.kvmorch.db;

/** Watcher's action-plan lifecycle: RECOMMENDED (dry run) → PENDING → ONGOING → an end state. */
public enum PlanState {
    RECOMMENDED, PENDING, ONGOING, SUCCEEDED, FAILED, CANCELLED, SUPERSEDED
}
