package org.kvmorch.hypervisor;

/** What a migration job reports by itself (libvirt's MIGRATION_ITERATION, JOB_COMPLETED, lifecycle). */
public sealed interface MigrationEvent {

    /** Elapsed time of the job when the event happened. */
    long elapsedMillis();

    /** A bitmap sync: QEMU starts pass {@code iteration} (libvirt's memory_iteration). */
    record Iteration(long elapsedMillis, long iteration) implements MigrationEvent {
    }

    /** The job switched phase (e.g. PRECOPY to POSTCOPY, POSTCOPY to POSTCOPY_PAUSED). */
    record PhaseChanged(long elapsedMillis, JobPhase phase, String reason) implements MigrationEvent {
    }

    /** The job ended; {@code finalStats} are the statistics libvirt reports with JOB_COMPLETED. */
    record Finished(long elapsedMillis, JobPhase outcome, JobStats finalStats, String reason)
            implements MigrationEvent {
    }
}
