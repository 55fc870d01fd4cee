package org.kvmorch.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.kvmorch.planning.PowerModel;

/**
 * Beloglazov's dynamic consolidation as CloudSim 3.0.3's power package actually runs it
 * (PowerVmAllocationPolicyMigrationAbstract with the LR or THR detector, MMT selection and PABFD
 * placement), written for this harness rather than through our {@code Planner}: our planner is
 * what we compare against, so the baseline must keep CloudSim's quirks, not our rules. Rules, each
 * one checked against CloudSim's source:
 *
 * <ul>
 * <li>LR: the host history is the sum of its VMs' last 30 samples (each weighted by VM MIPS over
 * host MIPS, aligned at the newest), with all-zero oldest entries dropped; under 10 samples it
 * falls back to THR 0.7 on requested MIPS. OLS over the newest 10 (x = 1..10), predicted at
 * x = 10 + ceil(largest VM RAM / (bandwidth / 2) / 300 s), times the safety 1.2; overloaded when
 * that reaches 1.
 * <li>MMT: the VM with the least RAM goes first, ties to the earliest on the host's list; the host
 * is re-assessed on its remaining VMs after each pick.
 * <li>PABFD: VMs by requested MIPS, largest first; a host qualifies when its PEs and free MIPS
 * take the VM and, unless it has no allocated MIPS, it would not be overloaded with the VM; the
 * winner has the smallest "power after" minus the power at the start of the round (not minus the
 * power after this round's earlier placements, so a host that already took a VM looks dearer),
 * first in host order on ties.
 * <li>Underload: every host with 0 &lt; utilization &lt; 1 at the start of the round is tried,
 * least utilized first. Hosts idle at the start (utilization 0, even if they hold idle VMs) are
 * neither emptied nor used as destinations. A tried host never receives VMs; a host that received
 * VMs from an emptied host is not tried. Hosts that received VMs from overloaded hosts are
 * <em>not</em> excluded (CloudSim builds that exclusion from an empty list), so such a host can be
 * emptied, its new VM included: that VM then migrates twice in one round, and both count.
 * </ul>
 *
 * <p>Every list is in host or VM order as CloudSim keeps it: hosts by id; a host's VMs in the
 * order they arrived (initial placement by VM id, then by migration completion).
 */
final class CloudSimConsolidation implements PlannerQualityBenchmark.Consolidator {

    static final int HISTORY = 30;   // PowerVm.HISTORY_LENGTH
    static final int LR_WINDOW = 10;
    static final double LR_SAFETY = 1.2;
    static final double LR_FALLBACK_THR = 0.7;

    private final String label;
    private final boolean localRegression;
    private final double threshold;
    private final double[] vmMips;
    private final double[] vmRam;
    private final double[] hostMips;
    private final double[] hostPe;
    private final PowerModel[] power;
    private final double migrationMBps;
    private final double stepSeconds;
    private final int n;
    private final int hosts;
    /** Per VM, utilization fractions, newest first (CloudSim's order). */
    private final double[][] history;
    private final int[] historyLength;
    /** Per host, its VMs in arrival order; built from the harness's placement at the first round. */
    private List<List<Integer>> order;

    // one round's working state
    private double[] demand;
    private double[] allocated;
    private double[] available;
    private double[] startUtil;
    private double[] requested;
    private double[][] sum;
    private int[][] nonZero;
    private List<List<Integer>> vms;

    private CloudSimConsolidation(String label, boolean localRegression, double threshold, double[] vmMips,
            double[] vmRam, double[] hostMips, double[] hostPe, PowerModel[] power, double migrationMBps,
            double stepSeconds) {
        this.label = label;
        this.localRegression = localRegression;
        this.threshold = threshold;
        this.vmMips = vmMips;
        this.vmRam = vmRam;
        this.hostMips = hostMips;
        this.hostPe = hostPe;
        this.power = power;
        this.migrationMBps = migrationMBps;
        this.stepSeconds = stepSeconds;
        this.n = vmMips.length;
        this.hosts = hostMips.length;
        this.history = new double[n][HISTORY];
        this.historyLength = new int[n];
    }

    /** LR-MMT-s + PABFD, THR 0.7 when a host has under 10 samples. */
    static CloudSimConsolidation localRegression(double[] vmMips, double[] vmRam, double[] hostMips, double[] hostPe,
            PowerModel[] power, double migrationMBps, double stepSeconds) {
        return new CloudSimConsolidation("LR-MMT-1.2 + PABFD (CloudSim rules)", true, LR_FALLBACK_THR, vmMips, vmRam,
                hostMips, hostPe, power, migrationMBps, stepSeconds);
    }

    /** THR-MMT-t + PABFD. */
    static CloudSimConsolidation threshold(double t, double[] vmMips, double[] vmRam, double[] hostMips,
            double[] hostPe, PowerModel[] power, double migrationMBps, double stepSeconds) {
        return new CloudSimConsolidation("THR-MMT-" + t + " + PABFD (CloudSim rules)", false, t, vmMips, vmRam,
                hostMips, hostPe, power, migrationMBps, stepSeconds);
    }

    @Override
    public String label() {
        return label;
    }

    /** CloudSim records a sample per VM at every scheduling step from 300 s on, the current one included. */
    @Override
    public void observe(int k, double[] fractions) {
        if (k == 0) {
            return; // no sample at 0.1 s: PowerVm only records at 300.1 s and later
        }
        for (int v = 0; v < n; v++) {
            System.arraycopy(history[v], 0, history[v], 1, HISTORY - 1);
            history[v][0] = fractions[v];
            historyLength[v] = Math.min(HISTORY, historyLength[v] + 1);
        }
    }

    @Override
    public List<int[]> plan(int k, int[] vmHost, double[] demand) {
        if (order == null) {
            order = new ArrayList<>();
            for (int h = 0; h < hosts; h++) {
                order.add(new ArrayList<>());
            }
            for (int v = 0; v < n; v++) {
                if (vmHost[v] != PlannerQualityBenchmark.GONE) {
                    order.get(vmHost[v]).add(v);
                }
            }
        }
        for (List<Integer> list : order) {
            list.removeIf(v -> vmHost[v] == PlannerQualityBenchmark.GONE);
        }
        startRound(demand);
        List<Integer> overloaded = new ArrayList<>();
        boolean[] excluded = new boolean[hosts];
        for (int h = 0; h < hosts; h++) {
            if (overloaded(h, -1)) {
                overloaded.add(h);
                excluded[h] = true;
            }
        }
        List<Integer> picked = new ArrayList<>();
        for (int h : overloaded) {
            while (true) {
                int v = minimumMigrationTime(h);
                if (v < 0) {
                    break;
                }
                picked.add(v);
                remove(v, h);
                if (!overloaded(h, -1)) {
                    break;
                }
            }
        }
        List<int[]> moves = new ArrayList<>();
        for (int v : byDemandDescending(picked)) {
            int to = findHost(v, excluded);
            if (to >= 0) {
                add(v, to);
                moves.add(new int[] {v, to});
            }
        }
        moves.addAll(underloaded(excluded));
        commit(moves, vmHost);
        return moves;
    }

    // ---- one round ---------------------------------------------------------------------------

    private void startRound(double[] d) {
        demand = d;
        allocated = new double[hosts];
        available = new double[hosts];
        startUtil = new double[hosts];
        requested = new double[hosts];
        sum = new double[hosts][HISTORY];
        nonZero = new int[hosts][HISTORY];
        vms = new ArrayList<>(hosts);
        for (int h = 0; h < hosts; h++) {
            vms.add(new ArrayList<>(order.get(h)));
            double capped = 0;
            for (int v : order.get(h)) {
                capped += Math.min(demand[v], hostPe[h]);
                requested[h] += demand[v];
                addHistory(v, h, 1);
            }
            // the over-subscription scheduler scales everyone down and leaves nothing free
            allocated[h] = Math.min(capped, hostMips[h]);
            available[h] = capped > hostMips[h] ? 0 : hostMips[h] - capped;
            startUtil[h] = allocated[h] / hostMips[h];
        }
    }

    private void addHistory(int v, int h, int sign) {
        double w = vmMips[v] / hostMips[h];
        for (int i = 0; i < historyLength[v]; i++) {
            sum[h][i] += sign * history[v][i] * w;
            if (history[v][i] > 0) {
                nonZero[h][i] += sign;
            }
        }
    }

    private void remove(int v, int h) {
        vms.get(h).remove(Integer.valueOf(v));
        double capped = Math.min(demand[v], hostPe[h]);
        allocated[h] -= capped;
        available[h] += capped;
        requested[h] -= demand[v];
        addHistory(v, h, -1);
    }

    private void add(int v, int h) {
        vms.get(h).add(v);
        allocated[h] += demand[v];  // findHost checked the PE, so nothing is capped
        available[h] -= demand[v];
        requested[h] += demand[v];
        addHistory(v, h, 1);
    }

    /** The host's detector on its current VMs, with VM {@code extra} added when >= 0. */
    boolean overloaded(int h, int extra) {
        if (!localRegression) {
            return thr(h, extra, threshold);
        }
        int length = 0;
        for (int i = HISTORY - 1; i >= 0; i--) {
            if (nonZero[h][i] > 0 || (extra >= 0 && i < historyLength[extra] && history[extra][i] > 0)) {
                length = i + 1;
                break;
            }
        }
        if (length < LR_WINDOW) {
            return thr(h, extra, LR_FALLBACK_THR);
        }
        double[] y = new double[LR_WINDOW]; // oldest first
        for (int j = 0; j < LR_WINDOW; j++) {
            int i = LR_WINDOW - 1 - j;
            y[j] = sum[h][i] + (extra >= 0 ? history[extra][i] * vmMips[extra] / hostMips[h] : 0);
        }
        double maxRam = extra >= 0 ? vmRam[extra] : 0;
        for (int v : vms.get(h)) {
            maxRam = Math.max(maxRam, vmRam[v]);
        }
        double ahead = Math.ceil(maxRam / migrationMBps / stepSeconds);
        return predict(y, ahead) * LR_SAFETY >= 1;
    }

    private boolean thr(int h, int extra, double t) {
        double req = requested[h] + (extra >= 0 ? demand[extra] : 0);
        return req / hostMips[h] > t;
    }

    /** OLS on x = 1..n, evaluated at x = n + ahead (CloudSim's "loess" weights never zero, so it is plain OLS). */
    static double predict(double[] y, double ahead) {
        int n = y.length;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            double x = i + 1;
            sx += x;
            sy += y[i];
            sxx += x * x;
            sxy += x * y[i];
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double intercept = (sy - slope * sx) / n;
        return intercept + slope * (n + ahead);
    }

    private int minimumMigrationTime(int h) {
        int best = -1;
        for (int v : vms.get(h)) {
            if (best < 0 || vmRam[v] < vmRam[best]) {
                best = v;
            }
        }
        return best;
    }

    /** Stable sort, as Collections.sort: equal demands keep their order. */
    private List<Integer> byDemandDescending(List<Integer> list) {
        List<Integer> sorted = new ArrayList<>(list);
        sorted.sort((a, b) -> Double.compare(demand[b], demand[a]));
        return sorted;
    }

    /** PABFD over all hosts in id order; -1 when none qualifies. */
    private int findHost(int v, boolean[] excluded) {
        double best = Double.MAX_VALUE;
        int chosen = -1;
        for (int h = 0; h < hosts; h++) {
            if (excluded[h] || hostPe[h] < demand[v] || available[h] < demand[v]) {
                continue;
            }
            double after = Math.min(1, (allocated[h] + demand[v]) / hostMips[h]);
            double diff = power[h].watts(after) - power[h].watts(Math.min(1, startUtil[h]));
            if (diff >= best) {
                continue; // cannot win; the overload test below only ever removes candidates
            }
            if (allocated[h] != 0 && overloaded(h, v)) {
                continue;
            }
            best = diff;
            chosen = h;
        }
        return chosen;
    }

    private List<int[]> underloaded(boolean[] overloaded) {
        boolean[] notCandidate = new boolean[hosts];
        boolean[] notDestination = new boolean[hosts];
        int excludedCount = 0;
        for (int h = 0; h < hosts; h++) {
            if (overloaded[h] || startUtil[h] == 0) {
                notCandidate[h] = true;
                notDestination[h] = true;
                excludedCount++;
            }
        }
        List<int[]> moves = new ArrayList<>();
        while (excludedCount < hosts) {
            int h = leastUtilized(notCandidate);
            if (h < 0) {
                break;
            }
            notCandidate[h] = true;
            notDestination[h] = true;
            excludedCount++;
            List<Integer> leaving = byDemandDescending(vms.get(h));
            List<int[]> placed = new ArrayList<>();
            for (int v : leaving) {
                int to = findHost(v, notDestination);
                if (to < 0) {
                    for (int[] p : placed) {
                        removeTentative(p[0], p[1]);
                    }
                    placed.clear();
                    break;
                }
                add(v, to);
                placed.add(new int[] {v, to});
            }
            for (int[] p : placed) {
                if (!notCandidate[p[1]]) {
                    notCandidate[p[1]] = true;
                    excludedCount++;
                }
            }
            moves.addAll(placed);
        }
        return moves;
    }

    private void removeTentative(int v, int h) {
        vms.get(h).remove(Integer.valueOf(v));
        allocated[h] -= demand[v];
        available[h] += demand[v];
        requested[h] -= demand[v];
        addHistory(v, h, -1);
    }

    private int leastUtilized(boolean[] notCandidate) {
        double min = 1;
        int chosen = -1;
        for (int h = 0; h < hosts; h++) {
            if (!notCandidate[h] && startUtil[h] > 0 && startUtil[h] < min && !vms.get(h).isEmpty()) {
                min = startUtil[h];
                chosen = h;
            }
        }
        return chosen;
    }

    /**
     * The harness applies the moves in order; here the hosts' VM lists follow CloudSim's completion
     * order: shorter migrations (less RAM) land first, equal ones in the order they started.
     */
    private void commit(List<int[]> moves, int[] vmHost) {
        Integer[] idx = new Integer[moves.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(vmRam[moves.get(a)[0]], vmRam[moves.get(b)[0]]));
        int[] current = vmHost.clone();
        for (int i : idx) {
            int v = moves.get(i)[0];
            int to = moves.get(i)[1];
            order.get(current[v]).remove(Integer.valueOf(v));
            order.get(to).add(v);
            current[v] = to;
        }
    }
}
