package org.kvmorch.plans;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.kvmorch.db.HostEntity;
import org.kvmorch.db.HostRepository;
import org.kvmorch.db.MigrationEntity;
import org.kvmorch.db.MigrationRepository;
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
 * use), dirty rate, groups and where their last migration came from.
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
        Map<Long, HostEntity> byId = new HashMap<>();
        for (HostEntity h : hosts.findAll()) {
            if (!h.isDescribed()) {
                continue; // configured but never answered: no capacity known, no VMs, nothing to plan
            }
            byId.put(h.getId(), h);
            builder.host(new HostSpec(h.getName(), h.getCluster(), HostState.valueOf(h.getState().name()),
                    h.getCpus(), h.getCpus(), h.getMemoryBytes(), h.getDiskBytesPerSecond(),
                    h.getNetBytesPerSecond(), 0, 0, h.getCpuUtil(), h.getMemUtil(), h.getDiskUtil(),
                    h.getNetUtil(), null, null, h.getOverloadedSince(), null));
        }
        Map<String, String> cameFrom = new HashMap<>();
        for (MigrationEntity m : migrations.completedSince(now.minus(undoWindow))) {
            cameFrom.put(m.getVmName(), m.getSourceHost()); // oldest first: the newest wins
        }
        for (VmEntity v : vms.findAll()) {
            if (v.getHost() == null) {
                continue;
            }
            HostEntity host = byId.get(v.getHost().getId());
            double dirty = v.getDirtyRateBytesPerSecond() == null ? 0 : v.getDirtyRateBytesPerSecond();
            long wss = v.getWorkingSetBytes() == null ? 0 : v.getWorkingSetBytes();
            builder.vm(VmSpec.of(v.getName(), host.getName(), v.getCpuUtil() * host.getCpus(), v.getMemoryBytes())
                    .withIo(v.getDiskUtil() * host.getDiskBytesPerSecond(), v.getNetUtil() * host.getNetBytesPerSecond())
                    .withDirtying(dirty, wss)
                    .withGroups(v.getAffinityGroup(), v.getAntiAffinityGroup())
                    .withLastMigration(v.getLastMigratedAt(), cameFrom.get(v.getName())));
        }
        return builder.build();
    }
}
