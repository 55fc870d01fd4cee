package org.kvmorch.planning;

/** Why a plan moves a VM; drains go first, consolidation last. */
public enum MigrationReason {
    DRAIN, OVERLOAD, CONSOLIDATION
}
