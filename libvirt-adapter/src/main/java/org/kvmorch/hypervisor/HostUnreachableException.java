package org.kvmorch.hypervisor;

/** A host did not answer in time, or its connection is gone. */
public class HostUnreachableException extends RuntimeException {

    private final String hostName;

    public HostUnreachableException(String hostName, String message, Throwable cause) {
        super(hostName + ": " + message, cause);
        this.hostName = hostName;
    }

    public String hostName() {
        return hostName;
    }
}
