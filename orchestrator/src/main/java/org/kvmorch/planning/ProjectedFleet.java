package org.kvmorch.planning;

import java.util.HashMap;
import java.util.Map;

/**
 * The planner's scratch copy of the snapshot's mutable quantities: what each host would carry if
 * the moves decided so far happened. The snapshot itself stays untouched (style item 6).
 */
final class ProjectedFleet {

    static final byte SOURCE = 1;    // gives VMs away in this plan: never a destination
    static final byte RECEIVED = 2;  // takes VMs in this plan: never emptied by consolidation
    static final byte EMPTIED = 4;   // consolidated away in this plan

    final FleetSnapshot s;
    final double[] cpu;
    final double[] memUsed;
    final double[] memReserved;
    final double[] disk;
    final double[] net;
    final double[] metricDelta;  // CPU-metric detectors: contributions added minus removed
    final int[] out;
    final int[] in;
    final int[] vms;
    final byte[] role;
    final int[] groupSize;
    private final Map<Long, Integer> groupOnHost;

    ProjectedFleet(FleetSnapshot s) {
        this.s = s;
        int n = s.hostCount;
        cpu = s.cpuUsed.clone();
        memUsed = new double[n];
        for (int h = 0; h < n; h++) {
            memUsed[h] = s.memUtil[h] * s.memCap[h];
        }
        memReserved = s.memReserved.clone();
        disk = s.diskUsed.clone();
        net = s.netUsed.clone();
        metricDelta = new double[n];
        out = new int[n];
        in = new int[n];
        vms = new int[n];
        for (int h = 0; h < n; h++) {
            vms[h] = s.vmCountOn(h);
        }
        role = new byte[n];
        int groups = 0;
        for (int v = 0; v < s.vmCount; v++) {
            groups = Math.max(groups, Math.max(s.vmAffinity[v], s.vmAnti[v]) + 1);
        }
        groupSize = new int[groups];
        groupOnHost = new HashMap<>();
        for (int v = 0; v < s.vmCount; v++) {
            count(s.vmAffinity[v], s.vmHost[v], 1, true);
            count(s.vmAnti[v], s.vmHost[v], 1, true);
        }
    }

    int groupOn(int group, int host) {
        Integer c = groupOnHost.get(key(group, host));
        return c == null ? 0 : c;
    }

    void remove(int v, int h, double contribution) {
        cpu[h] -= s.vmCpu[v];
        memUsed[h] = Math.max(0, memUsed[h] - s.vmMem[v]);
        memReserved[h] -= s.vmMem[v];
        disk[h] = Math.max(0, disk[h] - s.vmDisk[v]);
        net[h] = Math.max(0, net[h] - s.vmNet[v]);
        metricDelta[h] -= contribution;
        vms[h]--;
        count(s.vmAffinity[v], h, -1, false);
        count(s.vmAnti[v], h, -1, false);
    }

    void add(int v, int h, double contribution) {
        cpu[h] += s.vmCpu[v];
        memUsed[h] = Math.min(s.memCap[h], memUsed[h] + s.vmMem[v]);
        memReserved[h] += s.vmMem[v];
        disk[h] += s.vmDisk[v];
        net[h] += s.vmNet[v];
        metricDelta[h] += contribution;
        vms[h]++;
        count(s.vmAffinity[v], h, 1, false);
        count(s.vmAnti[v], h, 1, false);
    }

    private void count(int group, int host, int by, boolean initial) {
        if (group < 0) {
            return;
        }
        if (initial) {
            groupSize[group]++;
        }
        groupOnHost.merge(key(group, host), by, Integer::sum);
    }

    private static long key(int group, int host) {
        return ((long) group << 32) | (host & 0xffffffffL);
    }
}
