package org.kvmorch.planning;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kvmorch.fleet.LoadIndex;

/**
 * The planning facade: {@code new Planner(config).plan(snapshot)} is pure (no clock, no I/O) and
 * never changes the snapshot.
 *
 * <p>Order of work: (1) assess every host with the detector; (2) DRAINING hosts give all their VMs
 * away; (3) each overloaded host, worst first, gives VMs picked by the selector until its projected
 * metric is under the limit; (4) the picked VMs are placed best-fit decreasing (largest CPU first)
 * inside their cluster; (5) consolidation empties underloaded hosts, least loaded first, only when
 * every VM fits elsewhere.
 *
 * <p>Hysteresis, so plans never undo each other: a VM migrated less than {@code cooldown} ago is
 * not picked (drains excepted); a VM may not go back to the host it left less than
 * {@code undoWindow} ago (rejection RECENT_SOURCE, from the snapshot's lastMigratedFrom); inside one
 * plan a host that gives VMs away (or that consolidation tried to empty) never receives any, and a
 * host that receives never gets emptied.
 */
public final class Planner {

    private final PlannerConfig config;
    private final OverloadDetector detector;
    private final LoadIndexDetector loadIndex;
    private final VmSelector selector;
    private final boolean powerAware;
    private final boolean skipLoadCheckOnEmpty;
    private final double destinationFill;

    public Planner(PlannerConfig config) {
        this.config = config;
        this.detector = config.detector().create();
        this.loadIndex = detector instanceof LoadIndexDetector li ? li : null;
        this.selector = config.selection().create();
        if (config.placement() instanceof PlacementParams.PowerAwareBestFitDecreasing p) {
            powerAware = true;
            skipLoadCheckOnEmpty = p.skipLoadCheckOnEmptyHosts();
            destinationFill = 1.0;
        } else {
            PlacementParams.BestFitDecreasing b = (PlacementParams.BestFitDecreasing) config.placement();
            powerAware = false;
            skipLoadCheckOnEmpty = false;
            destinationFill = b.destinationFill();
        }
    }

    public PlannerConfig config() {
        return config;
    }

    /** A readable name of the strategy, e.g. "load-index/highest-cpu/bfd". */
    public String strategy() {
        return config.detector().name() + "/" + config.selection().name() + "/" + config.placement().name()
                + (config.underload() instanceof UnderloadParams.Off ? "" : "+" + config.underload().name());
    }

    public Plan plan(FleetSnapshot snapshot) {
        return new Round(snapshot).run();
    }

    /** Assessments of every host, for dashboards; the planner computes the same inside plan(). */
    public Assessment assess(FleetSnapshot s, int host) {
        return detector.assess(s, host);
    }

    /** One planning round's state. */
    private final class Round implements SelectionContext {
        private final FleetSnapshot s;
        private final ProjectedFleet pf;
        private final Assessment[] a;
        private final boolean[] over;
        private final double[] clusterAvgCpu;
        private final long cooldownMillis = config.cooldown().toMillis();
        private final long undoMillis = config.undoWindow().toMillis();
        private final List<PlannedMigration> migrations = new ArrayList<>();
        private final List<Integer> moved = new ArrayList<>();
        private final List<Integer> movedTo = new ArrayList<>();
        private final List<Unresolved> unresolved = new ArrayList<>();
        private final Map<String, List<HostSuitability>> explanations = new HashMap<>();
        private final Set<Integer> explain = new HashSet<>();
        private int unplacedExplained;
        private int currentHost;
        private int emptied;

        Round(FleetSnapshot s) {
            this.s = s;
            this.pf = new ProjectedFleet(s);
            this.a = new Assessment[s.hostCount];
            this.over = new boolean[s.hostCount];
            this.clusterAvgCpu = new double[s.clusterNames.length];
            for (String vm : config.explainVms()) {
                int v = s.vmIndex(vm);
                if (v >= 0) {
                    explain.add(v);
                }
            }
        }

        Plan run() {
            int overloaded = assessAll();
            List<int[]> picked = new ArrayList<>(); // {vm, source, reason ordinal}
            drain(picked);
            relieveOverloaded(picked);
            placePicked(picked);
            consolidate();
            for (int h = 0; h < s.hostCount; h++) {
                if (over[h] && ratio(h) > config.reliefFill()) {
                    unresolved.add(new Unresolved(s.hostNames[h], null, String.format(
                            "still at %.0f%% of its limit after the plan (%s)", 100 * ratio(h), a[h].why())));
                }
            }
            return new Plan(s.at, strategy(), migrations, matrix(), hostLoads(), unresolved, explanations, overloaded,
                    emptied);
        }

        private int assessAll() {
            int count = 0;
            int[] active = new int[clusterAvgCpu.length];
            for (int h = 0; h < s.hostCount; h++) {
                a[h] = detector.assess(s, h);
                over[h] = a[h].overloaded() && s.hostState[h] != HostState.DOWN;
                if (over[h]) {
                    count++;
                }
                if (s.hostState[h] == HostState.ACTIVE) {
                    clusterAvgCpu[s.hostCluster[h]] += s.cpuUsed[h];
                    active[s.hostCluster[h]]++;
                }
            }
            for (int c = 0; c < active.length; c++) {
                clusterAvgCpu[c] = active[c] == 0 ? 0 : clusterAvgCpu[c] / active[c];
            }
            return count;
        }

        // ---- selection ---------------------------------------------------------------------------

        private void drain(List<int[]> picked) {
            for (int h = 0; h < s.hostCount; h++) {
                if (s.hostState[h] != HostState.DRAINING) {
                    continue;
                }
                pf.role[h] |= ProjectedFleet.SOURCE;
                for (int i = s.hostVmStart[h]; i < s.hostVmStart[h + 1]; i++) {
                    int v = s.hostVms[i];
                    if ((s.vmModes[v] & MigrationMode.LIVE_BITS) != 0) {
                        pf.remove(v, h, contribution(v, h));
                        pf.out[h]++;
                        picked.add(new int[] {v, h, MigrationReason.DRAIN.ordinal()});
                    } else {
                        unresolved.add(new Unresolved(s.hostNames[h], s.vmNames[v],
                                "draining, but the VM allows no live migration"));
                    }
                }
            }
        }

        private void relieveOverloaded(List<int[]> picked) {
            List<Integer> hosts = new ArrayList<>();
            for (int h = 0; h < s.hostCount; h++) {
                if (over[h] && s.hostState[h] == HostState.ACTIVE) {
                    hosts.add(h);
                }
            }
            // worst first: they get first pick of the free capacity
            hosts.sort((x, y) -> Double.compare(a[y].value() / a[y].limit(), a[x].value() / a[x].limit()));
            int[] candidates = new int[16];
            for (int h : hosts) {
                pf.role[h] |= ProjectedFleet.SOURCE;
                int n = 0;
                for (int i = s.hostVmStart[h]; i < s.hostVmStart[h + 1]; i++) {
                    int v = s.hostVms[i];
                    if (selectable(v, h)) {
                        if (n == candidates.length) {
                            candidates = java.util.Arrays.copyOf(candidates, n * 2);
                        }
                        candidates[n++] = v;
                    }
                }
                currentHost = h;
                while (n > 0 && ratio(h) > config.reliefFill() && pf.out[h] < s.maxOut[h]) {
                    int i = selector.pick(s, candidates, n, this);
                    int v = candidates[i];
                    candidates[i] = candidates[--n];
                    pf.remove(v, h, contribution(v, h));
                    pf.out[h]++;
                    picked.add(new int[] {v, h, MigrationReason.OVERLOAD.ordinal()});
                }
            }
        }

        /** Cool-down, live migration allowed, and not tied to a VM of its affinity group on the same host. */
        private boolean selectable(int v, int h) {
            if ((s.vmModes[v] & MigrationMode.LIVE_BITS) == 0) {
                return false;
            }
            if (s.vmLastMigrated[v] != FleetSnapshot.NEVER && s.atMillis - s.vmLastMigrated[v] < cooldownMillis) {
                return false;
            }
            int g = s.vmAffinity[v];
            return g < 0 || pf.groupOn(g, h) <= 1;
        }

        // SelectionContext, for the host being relieved
        @Override
        public int host() {
            return currentHost;
        }

        @Override
        public boolean relievedWithout(int vm) {
            return ratioWithout(currentHost, vm) <= config.reliefFill();
        }

        @Override
        public double clusterAverageCpu() {
            return clusterAvgCpu[s.hostCluster[currentHost]];
        }

        @Override
        public double projectedCpu() {
            return pf.cpu[currentHost];
        }

        @Override
        public double migrationBandwidth() {
            double link = s.netCap[currentHost] > 0 ? s.netCap[currentHost] : config.defaultBandwidthBytesPerSecond();
            return link * config.migrationBandwidthShare();
        }

        // ---- metric projection -------------------------------------------------------------------

        private double contribution(int v, int h) {
            return a[h].metric() == Metric.CPU_CORES ? detector.contribution(s, v, a[h]) : 0;
        }

        /** The host's projected metric over its limit (1 = at the limit). */
        private double ratio(int h) {
            if (loadIndex != null) {
                return loadIndex.index(s, h, pf.cpu[h], pf.memUsed[h], pf.disk[h], pf.net[h]) / a[h].limit();
            }
            return (a[h].value() + pf.metricDelta[h]) / a[h].limit();
        }

        private double ratioWith(int h, int v) {
            if (loadIndex != null) {
                return loadIndex.index(s, h, pf.cpu[h] + s.vmCpu[v], Math.min(s.memCap[h], pf.memUsed[h] + s.vmMem[v]),
                        pf.disk[h] + s.vmDisk[v], pf.net[h] + s.vmNet[v]) / a[h].limit();
            }
            return (a[h].value() + pf.metricDelta[h] + detector.contribution(s, v, a[h])) / a[h].limit();
        }

        private double ratioWithout(int h, int v) {
            if (loadIndex != null) {
                return loadIndex.index(s, h, pf.cpu[h] - s.vmCpu[v], Math.max(0, pf.memUsed[h] - s.vmMem[v]),
                        Math.max(0, pf.disk[h] - s.vmDisk[v]), Math.max(0, pf.net[h] - s.vmNet[v])) / a[h].limit();
            }
            return (a[h].value() + pf.metricDelta[h] - detector.contribution(s, v, a[h])) / a[h].limit();
        }

        // ---- placement ---------------------------------------------------------------------------

        private void placePicked(List<int[]> picked) {
            // drains first, then by CPU demand, largest first (best-fit *decreasing*)
            picked.sort((x, y) -> {
                int byReason = Integer.compare(x[2], y[2]);
                int byCpu = Double.compare(s.vmCpu[y[0]], s.vmCpu[x[0]]);
                return byReason != 0 ? byReason : byCpu != 0 ? byCpu : Integer.compare(x[0], y[0]);
            });
            for (int[] p : picked) {
                int v = p[0];
                int from = p[1];
                MigrationReason reason = MigrationReason.values()[p[2]];
                keepExplanation(v, from, false, explain.contains(v));
                int to = bestHost(v, from, false);
                if (to < 0) {
                    pf.add(v, from, contribution(v, from));
                    pf.out[from]--;
                    keepExplanation(v, from, false, unplacedExplained++ < config.maxUnplacedExplanations());
                    unresolved.add(new Unresolved(s.hostNames[from], s.vmNames[v],
                            "no host in cluster " + s.clusterNames[s.hostCluster[from]] + " can take it"));
                    continue;
                }
                commit(v, from, to, reason, reason == MigrationReason.DRAIN ? "host is draining" : a[from].why());
            }
        }

        private void commit(int v, int from, int to, MigrationReason reason, String why) {
            pf.add(v, to, contribution(v, to));
            pf.in[to]++;
            pf.role[to] |= ProjectedFleet.RECEIVED;
            moved.add(v);
            movedTo.add(to);
            migrations.add(new PlannedMigration(s.vmNames[v], s.hostNames[from], s.hostNames[to], reason, why,
                    cost(v, from, to)));
        }

        private MigrationCost cost(int v, int from, int to) {
            double link = Math.min(s.netCap[from] > 0 ? s.netCap[from] : Double.MAX_VALUE,
                    s.netCap[to] > 0 ? s.netCap[to] : Double.MAX_VALUE);
            if (link == Double.MAX_VALUE) {
                link = config.defaultBandwidthBytesPerSecond();
            }
            return config.costModel().predict(s.guest(v), link * config.migrationBandwidthShare(), s.vmPolicy[v]);
        }

        /** Best destination in the source's cluster, or -1. No allocation per candidate. */
        private int bestHost(int v, int from, boolean consolidation) {
            int c = s.hostCluster[from];
            int best = -1;
            double bestScore = Double.POSITIVE_INFINITY;
            for (int i = s.clusterStart[c]; i < s.clusterStart[c + 1]; i++) {
                int d = s.clusterHosts[i];
                if (check(v, from, d, consolidation, null) != null) {
                    continue;
                }
                double score = powerAware ? powerIncrease(v, d) : -ratioWith(d, v);
                if (score < bestScore) {
                    bestScore = score;
                    best = d;
                }
            }
            return best;
        }

        private double powerIncrease(int v, int d) {
            double before = Math.min(1, pf.cpu[d] / s.cpuCap[d]);
            double after = Math.min(1, (pf.cpu[d] + s.vmCpu[v]) / s.cpuCap[d]);
            PowerModel m = s.power[d];
            return m == null ? after - before : m.watts(after) - m.watts(before);
        }

        /**
         * The first reason host d cannot take VM v, or null when it can. With {@code all} given,
         * every failing check is added to it instead (for suitability records).
         */
        private Rejection check(int v, int from, int d, boolean consolidation, EnumSet<Rejection> all) {
            boolean full = all != null;
            if (d == from) {
                if (!full) {
                    return Rejection.SAME_HOST;
                }
                all.add(Rejection.SAME_HOST);
            }
            if (s.hostState[d] != HostState.ACTIVE) {
                if (!full) {
                    return Rejection.NOT_ACTIVE;
                }
                all.add(Rejection.NOT_ACTIVE);
            }
            if ((pf.role[d] & (ProjectedFleet.SOURCE | ProjectedFleet.EMPTIED)) != 0 && d != from) {
                if (!full) {
                    return Rejection.IN_PLAN;
                }
                all.add(Rejection.IN_PLAN);
            }
            if (over[d] && d != from) {
                if (!full) {
                    return Rejection.OVERLOADED;
                }
                all.add(Rejection.OVERLOADED);
            }
            if (consolidation && pf.vms[d] == 0) {
                if (!full) {
                    return Rejection.EMPTY_HOST;
                }
                all.add(Rejection.EMPTY_HOST);
            }
            if (pf.in[d] >= s.maxIn[d]) {
                if (!full) {
                    return Rejection.INCOMING_LIMIT;
                }
                all.add(Rejection.INCOMING_LIMIT);
            }
            if (pf.cpu[d] + s.vmCpu[v] > s.cpuCap[d] || s.vmCpu[v] > s.maxVmCpu[d]) {
                if (!full) {
                    return Rejection.CPU;
                }
                all.add(Rejection.CPU);
            }
            if (pf.memReserved[d] + s.vmMem[v] > s.memCap[d]) {
                if (!full) {
                    return Rejection.MEMORY;
                }
                all.add(Rejection.MEMORY);
            }
            if (s.diskCap[d] > 0 && pf.disk[d] + s.vmDisk[v] > s.diskCap[d]) {
                if (!full) {
                    return Rejection.DISK;
                }
                all.add(Rejection.DISK);
            }
            if (s.netCap[d] > 0 && pf.net[d] + s.vmNet[v] > s.netCap[d]) {
                if (!full) {
                    return Rejection.NETWORK;
                }
                all.add(Rejection.NETWORK);
            }
            int anti = s.vmAnti[v];
            if (anti >= 0 && pf.groupOn(anti, d) > 0) {
                if (!full) {
                    return Rejection.ANTI_AFFINITY;
                }
                all.add(Rejection.ANTI_AFFINITY);
            }
            int aff = s.vmAffinity[v];
            if (aff >= 0 && pf.groupSize[aff] > 1 && pf.groupOn(aff, d) == 0) {
                if (!full) {
                    return Rejection.AFFINITY;
                }
                all.add(Rejection.AFFINITY);
            }
            if (s.vmLastSource[v] == d && s.atMillis - s.vmLastMigrated[v] < undoMillis) {
                if (!full) {
                    return Rejection.RECENT_SOURCE;
                }
                all.add(Rejection.RECENT_SOURCE);
            }
            boolean skipLoad = skipLoadCheckOnEmpty && pf.vms[d] == 0;
            if (!skipLoad && wouldOverload(d, v)) {
                if (!full) {
                    return Rejection.WOULD_OVERLOAD;
                }
                all.add(Rejection.WOULD_OVERLOAD);
            }
            return null;
        }

        private boolean wouldOverload(int d, int v) {
            double r = ratioWith(d, v);
            // LR calls a host overloaded when the prediction reaches the limit, the others above it
            return a[d].predicted() ? r >= destinationFill : r > destinationFill;
        }

        private HostSuitability suitability(int v, int from, int d, boolean consolidation) {
            EnumSet<Rejection> all = EnumSet.noneOf(Rejection.class);
            check(v, from, d, consolidation, all);
            double li = LoadIndex.of((pf.cpu[d] + s.vmCpu[v]) / s.cpuCap[d],
                    Math.min(s.memCap[d], pf.memUsed[d] + s.vmMem[v]) / s.memCap[d],
                    s.diskCap[d] > 0 ? (pf.disk[d] + s.vmDisk[v]) / s.diskCap[d] : 0,
                    s.netCap[d] > 0 ? (pf.net[d] + s.vmNet[v]) / s.netCap[d] : 0);
            return new HostSuitability(s.hostNames[d], !all.contains(Rejection.CPU), !all.contains(Rejection.MEMORY),
                    !all.contains(Rejection.DISK), !all.contains(Rejection.NETWORK),
                    !(all.contains(Rejection.AFFINITY) || all.contains(Rejection.ANTI_AFFINITY)
                            || all.contains(Rejection.RECENT_SOURCE)),
                    !(all.contains(Rejection.NOT_ACTIVE) || all.contains(Rejection.IN_PLAN)
                            || all.contains(Rejection.OVERLOADED) || all.contains(Rejection.EMPTY_HOST)
                            || all.contains(Rejection.SAME_HOST)),
                    !all.contains(Rejection.INCOMING_LIMIT), !all.contains(Rejection.WOULD_OVERLOAD), all, li);
        }

        private void keepExplanation(int v, int from, boolean consolidation, boolean wanted) {
            if (!wanted) {
                return;
            }
            int c = s.hostCluster[from];
            List<HostSuitability> list = new ArrayList<>();
            for (int i = s.clusterStart[c]; i < s.clusterStart[c + 1]; i++) {
                list.add(suitability(v, from, s.clusterHosts[i], consolidation));
            }
            explanations.put(s.vmNames[v], list);
        }

        // ---- consolidation -----------------------------------------------------------------------

        private void consolidate() {
            if (config.underload() instanceof UnderloadParams.Off) {
                return;
            }
            List<Integer> candidates = new ArrayList<>();
            for (int h = 0; h < s.hostCount; h++) {
                if (s.hostState[h] == HostState.ACTIVE && !over[h] && pf.role[h] == 0 && pf.vms[h] > 0
                        && config.underload().isCandidate(s, h)) {
                    candidates.add(h);
                }
            }
            candidates.sort((x, y) -> Double.compare(pf.cpu[x] / s.cpuCap[x], pf.cpu[y] / s.cpuCap[y]));
            int limit = config.maxConsolidatedHosts() == 0 ? Integer.MAX_VALUE : config.maxConsolidatedHosts();
            for (int h : candidates) {
                if (emptied >= limit) {
                    break;
                }
                if (pf.role[h] != 0 || pf.vms[h] == 0 || pf.vms[h] > s.maxOut[h] - pf.out[h]) {
                    continue;
                }
                tryToEmpty(h);
            }
        }

        private void tryToEmpty(int h) {
            int n = s.hostVmStart[h + 1] - s.hostVmStart[h];
            int[] vms = new int[n];
            for (int i = 0; i < n; i++) {
                int v = s.hostVms[s.hostVmStart[h] + i];
                if (!selectable(v, h)) {
                    if (explain.contains(v)) {
                        unresolved.add(new Unresolved(s.hostNames[h], s.vmNames[v], "pins its host: cool-down, "
                                + "affinity or no live migration allowed"));
                    }
                    return; // a VM that must not move pins the host
                }
                vms[i] = v;
            }
            sortByCpuDescending(vms);
            pf.role[h] |= ProjectedFleet.SOURCE;
            for (int v : vms) {
                pf.remove(v, h, contribution(v, h));
            }
            int[] to = new int[n];
            byte[] previousRole = new byte[n];
            int placed = 0;
            for (; placed < n; placed++) {
                int v = vms[placed];
                keepExplanation(v, h, true, explain.contains(v));
                int d = bestHost(v, h, true);
                if (d < 0) {
                    break;
                }
                to[placed] = d;
                previousRole[placed] = pf.role[d];
                pf.add(v, d, contribution(v, d));
                pf.in[d]++;
                pf.role[d] |= ProjectedFleet.RECEIVED;
            }
            if (placed < n) {
                for (int i = placed - 1; i >= 0; i--) { // undo in reverse so roles come back right
                    pf.remove(vms[i], to[i], contribution(vms[i], to[i]));
                    pf.in[to[i]]--;
                    pf.role[to[i]] = previousRole[i];
                }
                for (int v : vms) {
                    pf.add(v, h, contribution(v, h));
                }
                // stays marked SOURCE: a host we tried to empty takes no VMs in this plan (as in
                // CloudSim), else the next candidate would pour its VMs onto a host we want idle
                return;
            }
            pf.role[h] |= ProjectedFleet.EMPTIED;
            pf.out[h] += n;
            emptied++;
            String why = String.format("consolidation: host at %.1f%% cpu, all %d VMs fit elsewhere",
                    100 * s.cpuUsed[h] / s.cpuCap[h], n);
            for (int i = 0; i < n; i++) {
                moved.add(vms[i]);
                movedTo.add(to[i]);
                migrations.add(new PlannedMigration(s.vmNames[vms[i]], s.hostNames[h], s.hostNames[to[i]],
                        MigrationReason.CONSOLIDATION, why, cost(vms[i], h, to[i])));
            }
        }

        private void sortByCpuDescending(int[] vms) {
            for (int i = 1; i < vms.length; i++) { // insertion sort: a host holds a few dozen VMs
                int v = vms[i];
                int j = i - 1;
                while (j >= 0 && s.vmCpu[vms[j]] < s.vmCpu[v]) {
                    vms[j + 1] = vms[j];
                    j--;
                }
                vms[j + 1] = v;
            }
        }

        // ---- results -----------------------------------------------------------------------------

        private MigrationMatrix matrix() {
            int[] v = new int[moved.size()];
            int[] d = new int[moved.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = moved.get(i);
                d[i] = movedTo.get(i);
            }
            return new MigrationMatrix(s, v, d);
        }

        private List<HostLoad> hostLoads() {
            List<HostLoad> loads = new ArrayList<>(s.hostCount);
            for (int h = 0; h < s.hostCount; h++) {
                double after = LoadIndex.of(pf.cpu[h] / s.cpuCap[h], pf.memUsed[h] / s.memCap[h],
                        s.diskCap[h] > 0 ? pf.disk[h] / s.diskCap[h] : 0, s.netCap[h] > 0 ? pf.net[h] / s.netCap[h] : 0);
                loads.add(new HostLoad(s.hostNames[h], s.loadIndex(h), after, s.cpuUsed[h] / s.cpuCap[h],
                        pf.cpu[h] / s.cpuCap[h], over[h], s.vmCountOn(h), pf.vms[h]));
            }
            return loads;
        }
    }
}
