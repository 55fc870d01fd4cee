package org.kvmorch.planning;

/**
 * Decides whether a host is overloaded. Implementations are stateless; everything they need is in
 * the snapshot (current levels and histories), so the same snapshot always gives the same answer.
 */
public interface OverloadDetector {

    String name();

    Assessment assess(FleetSnapshot s, int host);

    /**
     * How much the host's metric drops when the VM leaves it (or rises when it arrives), in the
     * units of {@code a}. Only used for {@link Metric#CPU_CORES}; the load index is recomputed.
     */
    default double contribution(FleetSnapshot s, int vm, Assessment a) {
        return s.vmCpu[vm];
    }
}
