package org.kvmorch.db.embedded;

/** The embedded PostgreSQL could not start; the message says why and what to do. */
public class EmbeddedPostgresException extends RuntimeException {

    public EmbeddedPostgresException(String message, Throwable cause) {
        super(message, cause);
    }
}
