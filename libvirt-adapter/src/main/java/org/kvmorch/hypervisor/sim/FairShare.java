package org.kvmorch.hypervisor.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Max-min fair sharing of host paths among concurrent migrations (progressive filling). Each job
 * is a flow through its source's egress and its destination's ingress, capped by its own limit
 * (rate limit, CPU-bound stream throughput); a path that is down has capacity 0.
 */
final class FairShare {

    private FairShare() {
    }

    static Map<SimMigrationJob, FlowRates> allocate(List<SimMigrationJob> jobs, SimulatedDatacenter dc, long now) {
        int n = jobs.size();
        double[] linkCaps = new double[n];
        double[] uncappedCaps = new double[n];
        double[] storageCaps = new double[n];
        for (int i = 0; i < n; i++) {
            SimMigrationJob job = jobs.get(i);
            linkCaps[i] = job.linkCap();
            uncappedCaps[i] = job.linkCapUncapped();
            storageCaps[i] = job.storageCap();
        }
        double[] link = fill(jobs, linkCaps, dc, now, false);
        double[] uncapped = fill(jobs, uncappedCaps, dc, now, false);
        double[] storage = fill(jobs, storageCaps, dc, now, true);
        Map<SimMigrationJob, FlowRates> rates = new IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            rates.put(jobs.get(i), new FlowRates(link[i], uncapped[i], storage[i]));
        }
        return rates;
    }

    private static double[] fill(List<SimMigrationJob> jobs, double[] caps, SimulatedDatacenter dc, long now,
            boolean storagePath) {
        int n = jobs.size();
        Map<String, Integer> index = new HashMap<>();
        List<Double> capacity = new ArrayList<>();
        int[][] uses = new int[n][];
        for (int i = 0; i < n; i++) {
            SimMigrationJob job = jobs.get(i);
            uses[i] = new int[] {
                resource(index, capacity, job.source(), "out", storagePath, dc, now),
                resource(index, capacity, job.destination(), "in", storagePath, dc, now)};
        }
        double[] rate = new double[n];
        boolean[] frozen = new boolean[n];
        double[] used = new double[capacity.size()];
        for (int i = 0; i < n; i++) {
            frozen[i] = caps[i] <= 0;
        }
        while (true) {
            int[] active = new int[capacity.size()];
            boolean any = false;
            for (int i = 0; i < n; i++) {
                if (!frozen[i]) {
                    any = true;
                    for (int r : uses[i]) {
                        active[r]++;
                    }
                }
            }
            if (!any) {
                return rate;
            }
            double delta = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (frozen[i]) {
                    continue;
                }
                delta = Math.min(delta, caps[i] - rate[i]);
                for (int r : uses[i]) {
                    delta = Math.min(delta, (capacity.get(r) - used[r]) / active[r]);
                }
            }
            delta = Math.max(0, delta);
            for (int i = 0; i < n; i++) {
                if (!frozen[i]) {
                    rate[i] += delta;
                    for (int r : uses[i]) {
                        used[r] += delta;
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                if (frozen[i]) {
                    continue;
                }
                boolean saturated = caps[i] - rate[i] <= 1e-6;
                for (int r : uses[i]) {
                    saturated |= capacity.get(r) - used[r] <= 1e-6;
                }
                frozen[i] = saturated;
            }
        }
    }

    private static int resource(Map<String, Integer> index, List<Double> capacity, SimHost host, String direction,
            boolean storagePath, SimulatedDatacenter dc, long now) {
        String key = host.name() + (storagePath ? "/storage/" : "/link/") + direction;
        return index.computeIfAbsent(key, k -> {
            double c;
            if (storagePath) {
                c = host.spec().storagePath().map(l -> (double) l.bandwidthBytesPerSecond()).orElse(0.0);
            } else {
                c = dc.linkUp(host, now) ? host.spec().migrationLink().bandwidthBytesPerSecond() : 0.0;
            }
            capacity.add(c);
            return capacity.size() - 1;
        });
    }
}
