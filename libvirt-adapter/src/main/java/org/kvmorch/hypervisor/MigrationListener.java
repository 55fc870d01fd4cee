package org.kvmorch.hypervisor;

/** Receives a job's events. Must return quickly: it runs on the hypervisor's event thread. */
@FunctionalInterface
public interface MigrationListener {
    void onEvent(MigrationEvent event);
}
