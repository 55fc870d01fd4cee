package org.kvmorch.hypervisor.libvirt;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.LinkedHashMap;
import java.util.Map;

/** virNodeGetCPUStats / virNodeGetMemoryStats for the whole node (all CPUs, all cells). */
final class NodeStats {

    private NodeStats() {
    }

    /** Cumulative nanoseconds per field: kernel, user, idle, iowait. */
    static Map<String, Long> cpu(Pointer conn) {
        IntByReference n = new IntByReference(0);
        LibvirtCallException.check(Virt.INSTANCE.virNodeGetCPUStats(conn, -1, null, n, 0), "node CPU stats");
        Memory buf = new Memory(Math.max(1, n.getValue()) * (long) Virt.NODE_STATS_SIZE);
        LibvirtCallException.check(Virt.INSTANCE.virNodeGetCPUStats(conn, -1, buf, n, 0), "node CPU stats");
        return read(buf, n.getValue());
    }

    /** KiB per field: total, free, buffers, cached. */
    static Map<String, Long> memory(Pointer conn) {
        IntByReference n = new IntByReference(0);
        LibvirtCallException.check(Virt.INSTANCE.virNodeGetMemoryStats(conn, -1, null, n, 0), "node memory stats");
        Memory buf = new Memory(Math.max(1, n.getValue()) * (long) Virt.NODE_STATS_SIZE);
        LibvirtCallException.check(Virt.INSTANCE.virNodeGetMemoryStats(conn, -1, buf, n, 0), "node memory stats");
        return read(buf, n.getValue());
    }

    private static Map<String, Long> read(Pointer buf, int n) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            long base = (long) i * Virt.NODE_STATS_SIZE;
            map.put(TypedParams.fieldName(buf, base), buf.getLong(base + Virt.FIELD_LENGTH));
        }
        return map;
    }
}
