package org.kvmorch.planning;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Seed 000's migration matrix: VM x PM, bit (n, k) set when VM n is to run on PM k. Stored sparse
 * as VM -> destination for the VMs that move; rows are rendered as bitmaps on demand (a dense
 * 200,000 x 10,000 matrix would be 250 MB).
 */
public final class MigrationMatrix {

    private final int vmCount;
    private final int hostCount;
    private final String[] vmNames;
    private final String[] hostNames;
    private final int[] movingVms;     // in plan order
    private final int[] destinations;  // same positions
    private final Map<Integer, Integer> byVm;

    MigrationMatrix(FleetSnapshot s, int[] movingVms, int[] destinations) {
        this.vmCount = s.vmCount;
        this.hostCount = s.hostCount;
        this.vmNames = s.vmNames;
        this.hostNames = s.hostNames;
        this.movingVms = movingVms;
        this.destinations = destinations;
        this.byVm = new HashMap<>(movingVms.length * 2);
        for (int i = 0; i < movingVms.length; i++) {
            byVm.put(movingVms[i], destinations[i]);
        }
    }

    public int vms() {
        return vmCount;
    }

    public int hosts() {
        return hostCount;
    }

    /** Number of VMs that move (non-empty rows of the sparse matrix). */
    public int size() {
        return movingVms.length;
    }

    public Optional<String> destinationOf(String vm) {
        for (int i = 0; i < movingVms.length; i++) {
            if (vmNames[movingVms[i]].equals(vm)) {
                return Optional.of(hostNames[destinations[i]]);
            }
        }
        return Optional.empty();
    }

    /** Destination host number of VM number vm, or -1 when it stays. */
    public int destinationOf(int vm) {
        Integer d = byVm.get(vm);
        return d == null ? -1 : d;
    }

    /** Row of the bitmap for VM number vm: one bit, its destination; empty when it stays. */
    public BitSet row(int vm) {
        BitSet row = new BitSet(hostCount);
        int d = destinationOf(vm);
        if (d >= 0) {
            row.set(d);
        }
        return row;
    }

    /** The rows of the moving VMs, in plan order (index i belongs to the i-th migration). */
    public BitSet[] movingRows() {
        BitSet[] rows = new BitSet[movingVms.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new BitSet(hostCount);
            rows[i].set(destinations[i]);
        }
        return rows;
    }

    /** Text bitmap of the moving VMs' rows, one line each: "vm  0010...". For small fleets. */
    public String render() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < movingVms.length; i++) {
            b.append(vmNames[movingVms[i]]).append("  ");
            for (int h = 0; h < hostCount; h++) {
                b.append(h == destinations[i] ? '1' : '0');
            }
            b.append('\n');
        }
        return b.toString();
    }
}
