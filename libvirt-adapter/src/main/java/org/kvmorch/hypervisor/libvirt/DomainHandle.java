package org.kvmorch.hypervisor.libvirt;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.nio.charset.StandardCharsets;
import org.kvmorch.hypervisor.DomainStatus;

/**
 * A virDomainPtr of our own, freed on close: use in try-with-resources inside a
 * {@link HostConnection.NativeCall} (lookups are RPCs).
 */
final class DomainHandle implements AutoCloseable {

    final Pointer ptr;

    private DomainHandle(Pointer ptr) {
        this.ptr = ptr;
    }

    static DomainHandle byName(Pointer conn, String name) {
        Pointer p = Virt.INSTANCE.virDomainLookupByName(conn, name);
        if (p == null) {
            throw LibvirtCallException.last("look up domain " + name);
        }
        return new DomainHandle(p);
    }

    static DomainHandle byUuid(Pointer conn, String uuid) {
        Pointer p = Virt.INSTANCE.virDomainLookupByUUIDString(conn, uuid);
        if (p == null) {
            throw LibvirtCallException.last("look up domain " + uuid);
        }
        return new DomainHandle(p);
    }

    /** Takes ownership of a handle libvirt returned (define, migrate3, bulk stats records do not count). */
    static DomainHandle adopt(Pointer p, String what) {
        if (p == null) {
            throw LibvirtCallException.last(what);
        }
        return new DomainHandle(p);
    }

    String uuid() {
        return EventRegistration.uuidOf(ptr);
    }

    String name() {
        return Virt.INSTANCE.virDomainGetName(ptr);
    }

    DomainStatus status() {
        IntByReference state = new IntByReference();
        IntByReference reason = new IntByReference();
        LibvirtCallException.check(Virt.INSTANCE.virDomainGetState(ptr, state, reason, 0), "get domain state");
        return DomainStates.of(state.getValue(), reason.getValue());
    }

    /** Flags: 1 SECURE, 2 INACTIVE, 8 MIGRATABLE. */
    String xml(int flags) {
        Pointer p = Virt.INSTANCE.virDomainGetXMLDesc(ptr, flags);
        if (p == null) {
            throw LibvirtCallException.last("get domain XML");
        }
        try {
            return p.getString(0, StandardCharsets.UTF_8.name());
        } finally {
            Native.free(Pointer.nativeValue(p));
        }
    }

    @Override
    public void close() {
        Virt.INSTANCE.virDomainFree(ptr);
    }
}
