package org.kvmorch.hypervisor.sim;

/**
 * Where a running guest's page accesses go. Before a post-copy switch only writes matter (they
 * dirty pages); after it, reads and writes of pages still on the source fault them in.
 */
interface AccessSink {

    void write(long page);

    /** Writes pages [from, to). */
    void writeRange(long from, long to);

    void read(long page);

    /** Reads pages [from, to). */
    void readRange(long from, long to);

    /** False while reads cannot change anything, so that workloads may skip generating them. */
    boolean tracksReads();
}
