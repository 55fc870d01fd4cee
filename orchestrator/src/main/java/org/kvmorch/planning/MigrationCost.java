package org.kvmorch.planning;

/**
 * A predicted migration: total time, bytes on the wire, guest downtime; {@code converges} is false
 * when pre-copy would not reach the downtime limit on its own (the numbers are then at the round cap).
 */
public record MigrationCost(double seconds, double bytes, double downtimeSeconds, boolean converges) {
}
