package org.kvmorch.hypervisor;

import java.time.Duration;

/**
 * A running (or finished) migration job on its source host. Every method is safe to call from the
 * orchestrator's control thread; none blocks for longer than the port's call timeout.
 */
public interface MigrationJob {

    String domainName();

    String sourceHost();

    String destinationHost();

    /** The latest job statistics; after the job ended, its final statistics. */
    JobStats stats();

    /**
     * Waits until the job reports something new (an iteration, a phase change, its end) or
     * {@code maxWait} has passed on the hypervisor's clock, and returns the latest statistics.
     * The simulator advances its virtual clock here; libvirt waits in real time.
     */
    JobStats awaitProgress(Duration maxWait);

    void setMaxDowntime(Duration maxDowntime);

    /** 0 = unlimited. */
    void setMaxBandwidth(long bytesPerSecond);

    /** virDomainMigrateStartPostCopy: the guest moves now and faults in what is still missing. */
    void startPostCopy();

    /**
     * Aborts a pre-copy job (the guest keeps running on the source). In post-copy this pauses the
     * migration instead (VIR_DOMAIN_ABORT_JOB_POSTCOPY); it never destroys the guest.
     */
    void abort();

    /**
     * Resumes a post-copy migration that paused after its link failed (VIR_MIGRATE_POSTCOPY_RESUME).
     * Safe to call again while an attempt is under way.
     *
     * @throws IllegalStateException when the job cannot be resumed now (link still down, an earlier
     *     attempt unanswered for long); the message says why, the caller simply tries again later
     */
    void resumePostCopy();

    /** Registers a listener for this job's events; events are delivered on a hypervisor thread. */
    void addListener(MigrationListener listener);
}
