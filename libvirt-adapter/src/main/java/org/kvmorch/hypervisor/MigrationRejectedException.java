package org.kvmorch.hypervisor;

/** The hypervisor refused to start a migration (unknown domain, job already running, ...). */
public class MigrationRejectedException extends RuntimeException {

    public MigrationRejectedException(String message) {
        super(message);
    }

    public MigrationRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
