package org.kvmorch.db;

public enum PlanKind {
    REBALANCE, CONSOLIDATE, DRAIN, MANUAL
}
