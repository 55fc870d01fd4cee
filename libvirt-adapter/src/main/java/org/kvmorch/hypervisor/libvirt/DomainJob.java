package org.kvmorch.hypervisor.libvirt;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * virDomainGetJobStats, the typed parameters copied and freed. Without a job libvirt answers type
 * NONE without asking QEMU; on a migration's destination it refuses, also without QEMU.
 *
 * @param type virDomainJobType: 0 = none, 1 = bounded, 2 = unbounded, 3 = completed, ...
 */
record DomainJob(int type, TypedParams stats) {

    static final int NONE = 0;

    /** @throws LibvirtCallException when libvirt refuses (no such domain, an incoming migration) */
    static DomainJob read(Pointer dom) {
        IntByReference type = new IntByReference();
        PointerByReference params = new PointerByReference();
        IntByReference n = new IntByReference();
        LibvirtCallException.check(Virt.INSTANCE.virDomainGetJobStats(dom, type, params, n, 0), "job stats");
        try {
            return new DomainJob(type.getValue(), TypedParams.read(params.getValue(), n.getValue()));
        } finally {
            if (params.getValue() != null) {
                Virt.INSTANCE.virTypedParamsFree(params.getValue(), n.getValue());
            }
        }
    }
}
