package org.kvmorch.hypervisor.libvirt;

import com.sun.jna.Pointer;
import java.util.OptionalLong;

/**
 * A guest's page-dirtying rate from QEMU's own sampler (libvirt's dirty-rate calculation, page
 * sampling: QEMU hashes 512 random pages per GiB, waits, and counts those that changed). Each
 * utilization sample starts a new one-second measurement on every running domain that is not
 * measuring already; the next sample reads its result from the bulk statistics. A libvirt or
 * QEMU without it simply reports nothing.
 */
final class DirtyRateProbe {

    static final int PERIOD_SECONDS = 1;
    private static final int MEASURING = 1;
    private static final int MEASURED = 2;
    private static final int RUNNING = 1;
    private static volatile boolean unavailable;

    private DirtyRateProbe() {
    }

    /**
     * Starts a measurement on a running domain without a job, unless one is under way; a refusal
     * (old QEMU) is ignored. Never on a domain with a job (a migration, either end): libvirt would
     * make the call wait for the job, up to 30 s, and the poll with it.
     */
    static void restart(Pointer dom, TypedParams stats) {
        if (unavailable || stats.getLong("state.state", 0) != RUNNING
                || stats.getLong("dirtyrate.calc_status", 0) == MEASURING || !withoutJob(dom)) {
            return;
        }
        try {
            Virt.INSTANCE.virDomainStartDirtyRateCalc(dom, PERIOD_SECONDS, 0);
        } catch (UnsatisfiedLinkError olderThan72) {
            unavailable = true; // libvirt before 7.2 has no such call: no dirty rate, as before
        }
    }

    /**
     * Asked with virDomainGetJobStats ({@link DomainJob}); virDomainGetControlInfo would not do: it
     * sees only short synchronous jobs, not a migration.
     */
    private static boolean withoutJob(Pointer dom) {
        try {
            return DomainJob.read(dom).type() == DomainJob.NONE;
        } catch (LibvirtCallException incomingMigration) {
            return false;
        }
    }

    /** The last measured rate in bytes per second (QEMU reports MiB/s), if a measurement finished. */
    static OptionalLong bytesPerSecond(TypedParams stats) {
        if (stats.getLong("dirtyrate.calc_status", 0) != MEASURED) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(stats.getLong("dirtyrate.megabytes_per_second", 0) << 20);
    }
}
