package org.kvmorch.fleet;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.kvmorch.db.HostEntity;
import org.kvmorch.db.HostRepository;
import org.kvmorch.db.HostState;
import org.kvmorch.db.VmEntity;
import org.kvmorch.db.VmRepository;
import org.kvmorch.hypervisor.DomainState;
import org.kvmorch.hypervisor.DomainUtilization;
import org.kvmorch.hypervisor.HostUtilization;
import org.kvmorch.hypervisor.NodeInfo;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * The poll's write path through JPA: loads every host and VM entity and lets Hibernate dirty-check
 * and update them (samples go in a JDBC batch). The reference for {@link BatchFleetRecorder}, which
 * writes the same rows without entities; chosen with {@code orchestrator.monitoring.writer=jpa}.
 */
class JpaFleetRecorder implements FleetRecorder {

    private static final String INSERT_SAMPLE = "insert into utilization_sample "
            + "(sampled_at, host_id, vm_id, resolution_s, cpu, mem, disk, net, load_index, dirty_rate_bytes_per_s) "
            + "values (?, ?, ?, 0, ?, ?, ?, ?, ?, ?)";

    private final HostRepository hosts;
    private final VmRepository vms;
    private final JdbcTemplate jdbc;
    private final Supplier<OverloadTracker> overload;
    private final Function<String, String> uriOfHost;

    JpaFleetRecorder(HostRepository hosts, VmRepository vms, JdbcTemplate jdbc, Supplier<OverloadTracker> overload,
                     Function<String, String> uriOfHost) {
        this.hosts = hosts;
        this.vms = vms;
        this.jdbc = jdbc;
        this.overload = overload;
        this.uriOfHost = uriOfHost;
    }

    @Override
    @Transactional
    public PollSummary record(List<HostReading> readings) {
        Map<String, HostEntity> byName = new HashMap<>();
        hosts.findAll().forEach(h -> byName.put(h.getName(), h));
        Map<String, VmEntity> vmsByName = new HashMap<>();
        vms.findAll().forEach(v -> vmsByName.put(v.getName(), v));
        List<Object[]> samples = new ArrayList<>();
        OverloadTracker tracker = overload.get();
        int down = 0;
        int domains = 0;

        for (HostReading reading : readings) {
            HostEntity host = byName.get(reading.hostName());
            if (!reading.answered()) {
                down++;
                if (host == null) {
                    // Configured but never answered: listed DOWN rather than missing.
                    host = hosts.save(HostEntity.unreached(reading.hostName(), uriOfHost.apply(reading.hostName())));
                    byName.put(host.getName(), host);
                } else if (FleetRules.markedDownWhenUnanswered(host.getState())) {
                    host.setState(HostState.DOWN);
                }
                continue;
            }
            if (host == null) {
                host = register(reading);
                byName.put(host.getName(), host);
            } else {
                if (host.getState() == HostState.DOWN) {
                    host.setState(FleetRules.stateWhenAnswered(host.getState()));
                }
                if (!host.isDescribed()) {
                    describe(host, reading.node());
                }
            }
            HostUtilization u = reading.utilization();
            double index = LoadIndex.of(u);
            host.recordUtilization(u.cpu(), u.memory(), u.disk(), u.network(), index, reading.at());
            host.setOverloadedSince(tracker.streakStart(host.getOverloadedSince(), index, reading.at()));
            samples.add(sample(reading.at(), host.getId(), null, u.cpu(), u.memory(), u.disk(), u.network(),
                    index, null));

            for (HostReading.DomainReading d : reading.domains()) {
                domains++;
                VmEntity vm = vmsByName.get(d.info().name());
                boolean runsHere = d.info().status().state() == DomainState.RUNNING;
                if (vm == null) {
                    vm = vms.save(new VmEntity(d.info().name(), host, d.info().vcpus(), d.info().memoryBytes()));
                    vm.setUuid(d.info().uuid());
                    vmsByName.put(vm.getName(), vm);
                } else if (runsHere && vm.getHost() != host && !movedSince(vm, reading)) {
                    vm.movedTo(host, reading.at());
                }
                vm.setState(d.info().status().state().name(), d.info().status().reason());
                DomainUtilization du = d.utilization();
                Long dirty = FleetRules.orNull(du.dirtyRateBytesPerSecond());
                Long wss = FleetRules.orNull(du.workingSetBytes());
                Long resident = FleetRules.orNull(du.residentBytes());
                vm.recordUtilization(du.cpu(), du.memory(), du.disk(), du.network(), dirty, wss, resident,
                        reading.at());
                samples.add(sample(reading.at(), host.getId(), vm.getId(), du.cpu(), du.memory(), du.disk(),
                        du.network(), null, dirty));
            }
        }
        jdbc.batchUpdate(INSERT_SAMPLE, samples);
        return new PollSummary(readings.size(), down, domains, samples.size());
    }

    private static boolean movedSince(VmEntity vm, HostReading reading) {
        return FleetRules.movedSince(vm.getLastMigratedAt(), reading.at());
    }

    private HostEntity register(HostReading reading) {
        NodeInfo node = reading.node();
        HostEntity host = new HostEntity(reading.hostName(), uriOfHost.apply(reading.hostName()), node.cpus(),
                node.memoryBytes());
        describe(host, node);
        return hosts.save(host);
    }

    private static void describe(HostEntity host, NodeInfo node) {
        host.describe(node.cpus(), node.cpuMhz(), node.memoryBytes(), node.diskBytesPerSecond(),
                node.networkBytesPerSecond());
    }

    private static Object[] sample(Instant at, Long hostId, Long vmId, double cpu, double mem, double disk,
                                   double net, Double index, Long dirty) {
        return new Object[] {Timestamp.from(at), hostId, vmId, cpu, mem, disk, net, index, dirty};
    }
}
