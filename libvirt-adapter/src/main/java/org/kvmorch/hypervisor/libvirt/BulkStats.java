package org.kvmorch.hypervisor.libvirt;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * virConnectGetAllDomainStats: one RPC for every domain's state, CPU time, balloon, vCPUs,
 * interface and block counters and last measured dirty rate. The record list (and its domain
 * handles) is freed here; a caller that must act on a domain does so in {@code eachDomain}.
 */
final class BulkStats {

    static final int STATE = 1;
    static final int CPU_TOTAL = 2;
    static final int BALLOON = 4;
    static final int VCPU = 8;
    static final int INTERFACE = 16;
    static final int BLOCK = 32;
    /** libvirt 7.2+; an older libvirt leaves the group out (the flags are not enforced). */
    static final int DIRTYRATE = 512;
    static final int ALL_GROUPS = STATE | CPU_TOTAL | BALLOON | VCPU | INTERFACE | BLOCK | DIRTYRATE;
    /**
     * VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT (libvirt 4.5+): what needs a domain's job is left out
     * while another job (a migration) holds it, instead of waiting for it. A post-copy destination
     * whose QEMU is busy fetching pages would otherwise hold the whole host's reading.
     */
    static final int NOWAIT = 1 << 29;

    /** One domain's statistics. */
    record Record(String name, String uuid, TypedParams stats) {
    }

    private BulkStats() {
    }

    static List<Record> all(Pointer conn) {
        return all(conn, (dom, stats) -> { });
    }

    /** The same, handing each domain (valid only during the call) and its statistics to {@code eachDomain}. */
    static List<Record> all(Pointer conn, BiConsumer<Pointer, TypedParams> eachDomain) {
        PointerByReference ref = new PointerByReference();
        int n = LibvirtCallException.check(Virt.INSTANCE.virConnectGetAllDomainStats(conn, ALL_GROUPS, ref, NOWAIT),
                "bulk domain stats");
        Pointer list = ref.getValue();
        List<Record> records = new ArrayList<>(n);
        if (list == null) {
            return records;
        }
        try {
            for (int i = 0; i < n; i++) {
                Pointer rec = list.getPointer((long) i * Native.POINTER_SIZE);
                if (rec == null) {
                    break;
                }
                // virDomainStatsRecord { virDomainPtr dom; virTypedParameterPtr params; int nparams; }
                Pointer dom = rec.getPointer(0);
                Pointer params = rec.getPointer(Native.POINTER_SIZE);
                int nparams = rec.getInt(2L * Native.POINTER_SIZE);
                TypedParams stats = TypedParams.read(params, nparams);
                records.add(new Record(Virt.INSTANCE.virDomainGetName(dom), EventRegistration.uuidOf(dom), stats));
                eachDomain.accept(dom, stats);
            }
        } finally {
            Virt.INSTANCE.virDomainStatsRecordListFree(list);
        }
        return records;
    }
}
