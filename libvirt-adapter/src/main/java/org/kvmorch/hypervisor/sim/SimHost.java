package org.kvmorch.hypervisor.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.kvmorch.hypervisor.DomainInfo;
import org.kvmorch.hypervisor.DomainState;
import org.kvmorch.hypervisor.DomainUtilization;
import org.kvmorch.hypervisor.Host;
import org.kvmorch.hypervisor.HostUtilization;
import org.kvmorch.hypervisor.MigrationFlag;
import org.kvmorch.hypervisor.MigrationJob;
import org.kvmorch.hypervisor.MigrationRejectedException;
import org.kvmorch.hypervisor.MigrationRequest;
import org.kvmorch.hypervisor.NodeInfo;

/**
 * A simulated host. Utilization is computed from its guests: CPU is the sum of their demand
 * (throttled or stalled guests use less) over its cores, memory what is allocated to guests
 * (incoming migrations included) over its RAM, network the guests' traffic plus migration traffic
 * on its migration link over the link's capacity.
 */
public final class SimHost implements Host {

    private final SimulatedDatacenter datacenter;
    private final HostSpec spec;
    private final String uuid;
    /** Definitions left behind (SHUTOFF/"migrated") by migrations without UNDEFINE_SOURCE. */
    final Map<String, DomainInfo> leftovers = new LinkedHashMap<>();

    SimHost(SimulatedDatacenter datacenter, HostSpec spec, String uuid) {
        this.datacenter = datacenter;
        this.spec = spec;
        this.uuid = uuid;
    }

    public HostSpec spec() {
        return spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public NodeInfo nodeInfo() {
        return new NodeInfo(uuid, spec.cpus(), spec.cpuMhz(), spec.memoryBytes(), spec.diskBytesPerSecond(),
                spec.migrationLink().bandwidthBytesPerSecond());
    }

    @Override
    public HostUtilization utilization() {
        synchronized (datacenter) {
            double cpu = 0;
            double disk = 0;
            double net = 0;
            for (SimVm vm : datacenter.vmsConcerning(this)) {
                if (vm.host == this && vm.status.state() == DomainState.RUNNING) {
                    cpu += vm.cpuDemandCores() * runFraction(vm);
                    disk += vm.spec.diskBytesPerSecond();
                    net += vm.spec.networkBytesPerSecond();
                }
                SimMigrationJob job = vm.job;
                if (job != null && (job.source() == this || job.destination() == this)) {
                    net += job.currentLinkRate();
                }
            }
            return new HostUtilization(
                    clamp(cpu / spec.cpus()),
                    clamp((double) allocatedMemoryBytes() / spec.memoryBytes()),
                    clamp(disk / spec.diskBytesPerSecond()),
                    clamp(net / spec.migrationLink().bandwidthBytesPerSecond()));
        }
    }

    /** Memory of guests placed here, plus guests arriving or still leaving. */
    long allocatedMemoryBytes() {
        long sum = 0;
        for (SimVm vm : datacenter.vmsConcerning(this)) {
            SimMigrationJob job = vm.job;
            boolean here = vm.host == this
                    || (job != null && (job.source() == this || job.destination() == this));
            if (here) {
                sum += vm.spec.memoryBytes();
            }
        }
        return sum;
    }

    @Override
    public List<DomainInfo> domains() {
        synchronized (datacenter) {
            List<DomainInfo> list = new ArrayList<>();
            for (SimVm vm : datacenter.vmsConcerning(this)) {
                shown(vm).ifPresent(list::add);
            }
            list.addAll(leftovers.values());
            return List.copyOf(list);
        }
    }

    @Override
    public Optional<DomainInfo> domain(String domainName) {
        synchronized (datacenter) {
            SimVm vm = datacenter.vm(domainName);
            Optional<DomainInfo> live = vm == null ? Optional.empty() : shown(vm);
            return live.isPresent() ? live : Optional.ofNullable(leftovers.get(domainName));
        }
    }

    private Optional<DomainInfo> shown(SimVm vm) {
        SimMigrationJob job = vm.job;
        if (job != null) {
            if (job.source() == this) {
                return Optional.of(vm.info(job.sourceStatus()));
            }
            if (job.destination() == this) {
                return Optional.of(vm.info(job.destinationStatus()));
            }
            return Optional.empty();
        }
        return vm.host == this ? Optional.of(vm.info(vm.status)) : Optional.empty();
    }

    @Override
    public DomainUtilization domainUtilization(String domainName) {
        synchronized (datacenter) {
            SimVm vm = datacenter.vm(domainName);
            if (vm == null || shown(vm).isEmpty()) {
                throw new IllegalArgumentException("no domain " + domainName + " on host " + name());
            }
            boolean runsHere = vm.host == this && vm.status.state() == DomainState.RUNNING;
            double fraction = runsHere ? runFraction(vm) : 0;
            long now = datacenter.clock().nanos();
            double writeRate = vm.job != null ? vm.job.workloadWriteBytesPerSecond(now)
                    : vm.reference.writeBytesPerSecond(Units.seconds(now));
            return new DomainUtilization(
                    clamp(vm.cpuDemandCores() * fraction / spec.cpus()),
                    clamp((double) vm.spec.memoryBytes() / spec.memoryBytes()),
                    runsHere ? clamp((double) vm.spec.diskBytesPerSecond() / spec.diskBytesPerSecond()) : 0,
                    runsHere ? clamp((double) vm.spec.networkBytesPerSecond()
                            / spec.migrationLink().bandwidthBytesPerSecond()) : 0,
                    OptionalLong.of(Math.round(writeRate * fraction)),
                    OptionalLong.of(vm.reference.workingSetBytes()),
                    OptionalLong.of(vm.residentBytes));
        }
    }

    @Override
    public MigrationJob migrate(String domainName, Host destination, MigrationRequest request) {
        return migrate(domainName, destination, request, SimMigrationOptions.defaults());
    }

    /** The same with simulator-only options (stop rule, bulk over the storage path). */
    public SimMigrationJob migrate(String domainName, Host destination, MigrationRequest request,
            SimMigrationOptions options) {
        if (!(destination instanceof SimHost target) || !datacenter.owns(target)) {
            throw new MigrationRejectedException("destination " + destination.name() + " is not in this datacenter");
        }
        SimMigrationOptions effective = request.has(MigrationFlag.BULK_OVER_STORAGE_PATH)
                ? options.withBulkOverStoragePath(true) : options;
        return datacenter.startMigration(this, domainName, target, request, effective);
    }

    @Override
    public boolean hasStoragePath() {
        return spec.storagePath().isPresent();
    }

    @Override
    public Optional<MigrationJob> activeJob(String domainName) {
        synchronized (datacenter) {
            SimVm vm = datacenter.vm(domainName);
            if (vm == null || vm.job == null || vm.job.source() != this) {
                return Optional.empty();
            }
            return Optional.of(vm.job);
        }
    }

    private static double runFraction(SimVm vm) {
        return vm.job == null ? 1.0 : vm.job.guestRunFraction();
    }

    private static double clamp(double v) {
        return Math.max(0.0, Math.min(1.0, v));
    }
}
