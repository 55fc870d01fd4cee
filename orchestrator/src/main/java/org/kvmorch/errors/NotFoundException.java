package org.kvmorch.errors;

/** An API request named something that does not exist; answered 404. */
public class NotFoundException extends RuntimeException {

    private final String kind;
    private final String name;

    public NotFoundException(String kind, String name) {
        super("no " + kind + " named '" + name + "'");
        this.kind = kind;
        this.name = name;
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }
}
