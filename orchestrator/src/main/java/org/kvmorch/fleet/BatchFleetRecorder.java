package org.kvmorch.fleet;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.kvmorch.db.HostState;
import org.kvmorch.hypervisor.DomainState;
import org.kvmorch.hypervisor.DomainUtilization;
import org.kvmorch.hypervisor.HostUtilization;
import org.kvmorch.hypervisor.NodeInfo;
import org.springframework.transaction.annotation.Transactional;

/**
 * The poll's write path at fleet scale (the default): the same rows as {@link JpaFleetRecorder},
 * without loading 21,000 entities for Hibernate to dirty-check. It reads only ids, versions and
 * the columns its rules need, then writes each table with one statement over column arrays:
 * new hosts and VMs, host updates, VM updates and samples, all in one transaction. Every update
 * checks and bumps the row version as JPA does, so a VM moved by a migration since the read fails
 * the write (the poller writes once more) instead of being put back.
 */
class BatchFleetRecorder implements FleetRecorder {

    private final FleetTables tables;
    private final Supplier<OverloadTracker> overload;
    private final Function<String, String> uriOfHost;

    BatchFleetRecorder(FleetTables tables, Supplier<OverloadTracker> overload, Function<String, String> uriOfHost) {
        this.tables = tables;
        this.overload = overload;
        this.uriOfHost = uriOfHost;
    }

    /** A VM's row as this poll leaves it; a VM read on two hosts in one poll is written once, last reading wins. */
    private static final class VmWrite {
        final long id;
        final long version;
        Long hostId;
        Instant lastMigratedAt;
        Object[] values; // state, reason, cpu, mem, disk, net, dirty, wss, at

        VmWrite(FleetTables.VmRow row) {
            this.id = row.id();
            this.version = row.version();
            this.hostId = row.hostId();
            this.lastMigratedAt = row.lastMigratedAt();
        }
    }

    @Override
    @Transactional
    public PollSummary record(List<HostReading> readings) {
        Map<String, FleetTables.HostRow> hosts = tables.hosts();
        Map<String, FleetTables.VmRow> vms = tables.vms();
        registerNew(readings, hosts, vms);

        OverloadTracker tracker = overload.get();
        ColumnBatch hostUpdates = FleetTables.hostUpdates();
        ColumnBatch hostsDown = FleetTables.hostsDown();
        ColumnBatch samples = FleetTables.samples();
        Map<Long, VmWrite> vmWrites = new LinkedHashMap<>();
        int down = 0;
        int domains = 0;

        for (HostReading reading : readings) {
            FleetTables.HostRow host = hosts.get(reading.hostName());
            if (!reading.answered()) {
                down++;
                if (FleetRules.markedDownWhenUnanswered(host.state())) {
                    hostsDown.add(host.id(), host.version(), Instant.now()); // as HostEntity.setState does
                }
                continue;
            }
            HostUtilization u = reading.utilization();
            double index = LoadIndex.of(u);
            NodeInfo node = host.described() ? null : reading.node();
            hostUpdates.add(host.id(), host.version(), FleetRules.stateWhenAnswered(host.state()).name(),
                    u.cpu(), u.memory(), u.disk(), u.network(), index,
                    tracker.streakStart(host.overloadedSince(), index, reading.at()), reading.at(),
                    node == null ? null : node.cpus(), node == null ? null : node.cpuMhz(),
                    node == null ? null : node.memoryBytes(), node == null ? null : node.diskBytesPerSecond(),
                    node == null ? null : node.networkBytesPerSecond());
            samples.add(reading.at(), host.id(), null, u.cpu(), u.memory(), u.disk(), u.network(), index, null);

            for (HostReading.DomainReading d : reading.domains()) {
                domains++;
                VmWrite vm = vmWrites.computeIfAbsent(vms.get(d.info().name()).id(),
                        id -> new VmWrite(vms.get(d.info().name())));
                boolean runsHere = d.info().status().state() == DomainState.RUNNING;
                if (runsHere && !Objects.equals(vm.hostId, host.id())
                        && !FleetRules.movedSince(vm.lastMigratedAt, reading.at())) {
                    vm.hostId = host.id();
                    vm.lastMigratedAt = reading.at();
                }
                DomainUtilization du = d.utilization();
                Long dirty = FleetRules.orNull(du.dirtyRateBytesPerSecond());
                Long wss = FleetRules.orNull(du.workingSetBytes());
                Long resident = FleetRules.orNull(du.residentBytes());
                vm.values = new Object[] {d.info().status().state().name(), d.info().status().reason(),
                        du.cpu(), du.memory(), du.disk(), du.network(), dirty, wss, resident, reading.at()};
                samples.add(reading.at(), host.id(), vm.id, du.cpu(), du.memory(), du.disk(), du.network(), null,
                        dirty);
            }
        }
        ColumnBatch vmUpdates = FleetTables.vmUpdates();
        for (VmWrite vm : vmWrites.values()) {
            Object[] v = vm.values;
            vmUpdates.add(vm.id, vm.version, vm.hostId, vm.lastMigratedAt, v[0], v[1], v[2], v[3], v[4], v[5], v[6],
                    v[7], v[8], v[9]);
        }
        tables.markDown(hostsDown);
        tables.updateHosts(hostUpdates);
        tables.updateVms(vmUpdates);
        tables.insertSamples(samples);
        return new PollSummary(readings.size(), down, domains, samples.size());
    }

    /**
     * Inserts hosts and VMs seen for the first time, in reading order, and adds their rows (version 0)
     * to the maps. A configured host that did not answer is inserted DOWN with its capacity unknown.
     */
    private void registerNew(List<HostReading> readings, Map<String, FleetTables.HostRow> hosts,
                             Map<String, FleetTables.VmRow> vms) {
        ColumnBatch newHosts = FleetTables.newHosts();
        Map<String, HostState> newHostStates = new LinkedHashMap<>();
        for (HostReading r : readings) {
            if (hosts.containsKey(r.hostName()) || newHostStates.containsKey(r.hostName())) {
                continue;
            }
            String uri = uriOfHost.apply(r.hostName());
            if (r.answered()) {
                NodeInfo n = r.node();
                newHosts.add(r.hostName(), uri, HostState.ACTIVE.name(), n.cpus(), n.cpuMhz(), n.memoryBytes(),
                        n.diskBytesPerSecond(), n.networkBytesPerSecond());
                newHostStates.put(r.hostName(), HostState.ACTIVE);
            } else {
                newHosts.add(r.hostName(), uri, HostState.DOWN.name(), 0, 0L, 0L, 0L, 0L);
                newHostStates.put(r.hostName(), HostState.DOWN);
            }
        }
        tables.insertHosts(newHosts).forEach((name, id) -> hosts.put(name,
                new FleetTables.HostRow(id, newHostStates.get(name), null, newHostStates.get(name) == HostState.ACTIVE,
                        0)));

        // A new VM is registered on the host it was first read on, as the JPA writer does.
        ColumnBatch newVms = FleetTables.newVms();
        Map<String, Long> hostOfNewVm = new HashMap<>();
        for (HostReading r : readings) {
            for (HostReading.DomainReading d : r.domains()) {
                String name = d.info().name();
                if (!vms.containsKey(name) && !hostOfNewVm.containsKey(name)) {
                    long hostId = hosts.get(r.hostName()).id();
                    hostOfNewVm.put(name, hostId);
                    newVms.add(name, d.info().uuid(), hostId, d.info().vcpus(), d.info().memoryBytes());
                }
            }
        }
        tables.insertVms(newVms).forEach((name, id) -> vms.put(name,
                new FleetTables.VmRow(id, hostOfNewVm.get(name), null, 0)));
    }
}
