package org.kvmorch.plans;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kvmorch.db.HostEntity;
import org.kvmorch.db.HostRepository;
import org.kvmorch.db.MigrationEntity;
import org.kvmorch.db.MigrationRepository;
import org.kvmorch.db.MigrationState;
import org.kvmorch.db.VmEntity;
import org.kvmorch.db.VmRepository;
import org.kvmorch.planning.FleetSnapshot;
import org.kvmorch.planning.HostSpec;
import org.kvmorch.planning.HostState;
import org.kvmorch.planning.VmSpec;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the fleet from PostgreSQL into the planner's immutable snapshot: hosts with their latest
 * utilization and overload streak, VMs with their demand (CPU in cores from the host share they
 * use), dirty rate, groups and where their last migration came from. Migrations under way are
 * read as done ({@link InFlight}).
 */
@Component
class SnapshotReader {

    private final HostRepository hosts;
    private final VmRepository vms;
    private final MigrationRepository migrations;
    private final Clock clock;

    SnapshotReader(HostRepository hosts, VmRepository vms, MigrationRepository migrations, Clock clock) {
        this.hosts = hosts;
        this.vms = vms;
        this.migrations = migrations;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    FleetSnapshot read(Duration sampleInterval, Duration undoWindow) {
        Instant now = clock.instant();
        FleetSnapshot.Builder builder = FleetSnapshot.builder(now, sampleInterval);
        Map<Long, HostEntity> byId = new LinkedHashMap<>(); // the repository's order, as the planner saw it before
        Map<String, HostEntity> byName = new HashMap<>();
        for (HostEntity h : hosts.findAll()) {
            if (h.isDescribed()) { // one configured but never answered has no capacity known, no VMs: nothing to plan
                byId.put(h.getId(), h);
                byName.put(h.getName(), h);
            }
        }
        List<VmEntity> all = vms.findAll();
        Map<Long, VmEntity> vmsById = new HashMap<>();
        all.forEach(v -> vmsById.put(v.getId(), v));
        InFlight inFlight = new InFlight(byName);
        for (MigrationEntity m : migrations.findByStateIn(MigrationState.UNFINISHED)) {
            VmEntity v = vmsById.get(m.getVmId());
            if (v != null && v.getHost() != null) {
                inFlight.add(v, byId.get(v.getHost().getId()), m.getDestinationHost());
            }
        }
        for (HostEntity h : byId.values()) {
            double[] u = inFlight.utilization(h);
            builder.host(new HostSpec(h.getName(), h.getCluster(), HostState.valueOf(h.getState().name()),
                    h.getCpus(), h.getCpus(), h.getMemoryBytes(), h.getDiskBytesPerSecond(),
                    h.getNetBytesPerSecond(), 0, 0, u[0], u[1], u[2], u[3], null, null, h.getOverloadedSince(), null));
        }
        Map<String, String> cameFrom = new HashMap<>();
        for (MigrationEntity m : migrations.completedSince(now.minus(undoWindow))) {
            cameFrom.put(m.getVmName(), m.getSourceHost()); // oldest first: the newest wins
        }
        for (VmEntity v : all) {
            if (v.getHost() == null || !byId.containsKey(v.getHost().getId())) {
                continue;
            }
            HostEntity host = byId.get(v.getHost().getId());
            String bound = inFlight.destinationOf(v);
            double dirty = v.getDirtyRateBytesPerSecond() == null ? 0 : v.getDirtyRateBytesPerSecond();
            long wss = v.getWorkingSetBytes() == null ? 0 : v.getWorkingSetBytes();
            VmSpec spec = VmSpec.of(v.getName(), bound != null ? bound : host.getName(),
                            v.getCpuUtil() * host.getCpus(), v.getMemoryBytes())
                    .withIo(v.getDiskUtil() * host.getDiskBytesPerSecond(), v.getNetUtil() * host.getNetBytesPerSecond())
                    .withDirtying(dirty, wss)
                    .withResident(v.getResidentBytes() == null ? 0 : v.getResidentBytes())
                    .withGroups(v.getAffinityGroup(), v.getAntiAffinityGroup())
                    .withPolicy(v.getMigrationPolicy());
            // A VM on its way is seen as just moved, so the cool-down keeps plans from moving it again.
            builder.vm(bound != null ? spec.withLastMigration(now, host.getName())
                    : spec.withLastMigration(v.getLastMigratedAt(), cameFrom.get(v.getName())));
        }
        return builder.build();
    }

    /**
     * Migrations under way, seen as done: each VM on its destination with its load moved there. The
     * poll still shows the load on the source until the migration ends; planning on that would fill
     * the destination twice and relieve the source twice.
     */
    private static final class InFlight {
        private final Map<String, HostEntity> hostsByName;
        private final Map<Long, String> destinationByVm = new HashMap<>();
        private final Map<String, double[]> utilizationDelta = new HashMap<>();

        InFlight(Map<String, HostEntity> hostsByName) {
            this.hostsByName = hostsByName;
        }

        void add(VmEntity vm, HostEntity source, String destinationName) {
            HostEntity destination = hostsByName.get(destinationName);
            if (source == null || destination == null || source == destination) {
                return; // a host the planner does not see: leave the VM where the poll saw it
            }
            destinationByVm.put(vm.getId(), destinationName);
            double cores = vm.getCpuUtil() * source.getCpus();
            double disk = vm.getDiskUtil() * source.getDiskBytesPerSecond();
            double net = vm.getNetUtil() * source.getNetBytesPerSecond();
            shift(source, -1, cores, vm.getMemoryBytes(), disk, net);
            shift(destination, +1, cores, vm.getMemoryBytes(), disk, net);
        }

        private void shift(HostEntity h, int sign, double cores, long memory, double disk, double net) {
            double[] d = utilizationDelta.computeIfAbsent(h.getName(), k -> new double[4]);
            d[0] += sign * share(cores, h.getCpus());
            d[1] += sign * share(memory, h.getMemoryBytes());
            d[2] += sign * share(disk, h.getDiskBytesPerSecond());
            d[3] += sign * share(net, h.getNetBytesPerSecond());
        }

        String destinationOf(VmEntity vm) {
            return destinationByVm.get(vm.getId());
        }

        /** The host's polled CPU, memory, disk and network utilization with the moves under way applied. */
        double[] utilization(HostEntity h) {
            double[] d = utilizationDelta.getOrDefault(h.getName(), new double[4]);
            return new double[] {clamp(h.getCpuUtil() + d[0]), clamp(h.getMemUtil() + d[1]),
                    clamp(h.getDiskUtil() + d[2]), clamp(h.getNetUtil() + d[3])};
        }

        private static double share(double amount, double capacity) {
            return capacity <= 0 ? 0 : amount / capacity;
        }

        private static double clamp(double v) {
            return Math.max(0, Math.min(1, v));
        }
    }
}
