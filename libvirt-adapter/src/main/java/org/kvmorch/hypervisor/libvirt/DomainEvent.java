package org.kvmorch.hypervisor.libvirt;

/** A libvirt domain event, copied out of the callback, keyed by the domain's UUID. */
sealed interface DomainEvent {

    String uuid();

    /** VIR_DOMAIN_EVENT_ID_LIFECYCLE: event (STARTED, SUSPENDED, RESUMED, STOPPED, ...) and detail. */
    record Lifecycle(String uuid, int event, int detail) implements DomainEvent {
    }

    /** VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION: QEMU began pass {@code iteration}. */
    record Iteration(String uuid, int iteration) implements DomainEvent {
    }

    /** VIR_DOMAIN_EVENT_ID_JOB_COMPLETED: the job's final statistics (on the source). */
    record JobCompleted(String uuid, TypedParams stats) implements DomainEvent {
    }
}
