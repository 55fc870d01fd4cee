package org.kvmorch.errors;

/** A request value the API cannot accept, outside Bean Validation (a query parameter, a header); HTTP 400. */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
