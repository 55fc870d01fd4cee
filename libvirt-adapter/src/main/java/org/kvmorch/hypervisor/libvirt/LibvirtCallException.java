package org.kvmorch.hypervisor.libvirt;

/** A libvirt call failed; {@code code} is libvirt's virErrorNumber (e.g. 78 OPERATION_ABORTED). */
final class LibvirtCallException extends RuntimeException {

    static final int NO_DOMAIN = 42;
    static final int OPERATION_INVALID = 55;

    private final int code;

    LibvirtCallException(String what, int code, String message) {
        super(what + " failed: " + message + " (libvirt error " + code + ")");
        this.code = code;
    }

    int code() {
        return code;
    }

    /** Reads libvirt's thread-local last error; call on the thread that made the failed call. */
    static LibvirtCallException last(String what) {
        com.sun.jna.Pointer err = Virt.INSTANCE.virGetLastError();
        if (err == null) {
            return new LibvirtCallException(what, -1, "unknown error");
        }
        int code = err.getInt(0);
        com.sun.jna.Pointer msg = err.getPointer(8);
        return new LibvirtCallException(what, code, msg == null ? "no message" : msg.getString(0));
    }

    static int check(int rc, String what) {
        if (rc < 0) {
            throw last(what);
        }
        return rc;
    }
}
