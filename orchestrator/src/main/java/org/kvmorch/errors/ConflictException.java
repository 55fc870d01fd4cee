package org.kvmorch.errors;

/** A request conflicts with the current state (same host, busy VM, host in maintenance...); HTTP 409. */
public class ConflictException extends RuntimeException {

    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public ConflictException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
