package org.kvmorch.hypervisor.sim;

/**
 * What a guest does to its memory. Each implementation is a small class whose defaults are
 * documented with their source. A workload is stateful (write pointers, random streams) and is
 * driven only while its VM's pages are tracked, i.e. during a migration.
 */
interface Workload {

    String name();

    /** The first this many pages hold data when tracking starts; all others are zero pages. */
    long initialDataPages();

    /**
     * Runs the guest for {@code progressSeconds} of its own progress starting at virtual time
     * {@code atSeconds} (since tracking began). Progress is wall time × (1 − CPU throttle), or less
     * while post-copy faults stall the vCPUs: that is how the dirty rate falls with throttling.
     */
    void run(double atSeconds, double progressSeconds, AccessSink sink);

    /** Page-write rate at full speed at that time, in bytes per second (for utilization). */
    double writeBytesPerSecond(double atSeconds);

    /** Pages the guest writes repeatedly, in bytes. */
    long workingSetBytes();

    /** CPU the guest uses unthrottled, in cores. */
    double cpuDemandCores();

    /** Threads that touch memory concurrently: how many post-copy faults can be in flight. */
    int threads();
}
