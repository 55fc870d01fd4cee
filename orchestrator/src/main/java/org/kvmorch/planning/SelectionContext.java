package org.kvmorch.planning;

/**
 * What a selector may ask about the host being relieved, without seeing the planner's internals.
 */
public interface SelectionContext {

    /** The host being relieved. */
    int host();

    /** True if moving this VM alone would bring the host under its limit now. */
    boolean relievedWithout(int vm);

    /** Average CPU cores in use per active host of the host's cluster. */
    double clusterAverageCpu();

    /** CPU cores the host uses now (after VMs already picked are gone). */
    double projectedCpu();

    /** Bandwidth a migration leaving this host gets, bytes per second. */
    double migrationBandwidth();
}
