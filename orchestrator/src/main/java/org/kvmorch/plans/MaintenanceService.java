package org.kvmorch.plans;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.kvmorch.db.HostEntity;
import org.kvmorch.db.HostRepository;
import org.kvmorch.db.HostState;
import org.kvmorch.db.MaintenanceDrainEntity;
import org.kvmorch.db.MaintenanceDrainRepository;
import org.kvmorch.db.MigrationEntity;
import org.kvmorch.db.MigrationRepository;
import org.kvmorch.db.MigrationState;
import org.kvmorch.db.PlanEntity;
import org.kvmorch.db.PlanState;
import org.kvmorch.db.VmEntity;
import org.kvmorch.db.VmRepository;
import org.kvmorch.errors.ConflictException;
import org.kvmorch.errors.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maintenance: a host entering it takes no new VMs and is drained — every VM migrated live, ahead
 * of rebalancing — then sits in MAINTENANCE until an operator lets it out. A VM whose migration
 * failed is planned again (another destination) up to {@value #MAX_ATTEMPTS} times, then, if the
 * operator allowed it (for the drain, or in the VM's settings), once more cold (shut down, moved,
 * started); a drain that cannot finish says which VMs and why.
 */
public class MaintenanceService {

    static final int MAX_ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(MaintenanceService.class);

    private final HostRepository hosts;
    private final VmRepository vms;
    private final MaintenanceDrainRepository drains;
    private final MigrationRepository migrations;
    private final PlanService plans;
    private final JsonMapper json;
    private final Clock clock;

    MaintenanceService(HostRepository hosts, VmRepository vms, MaintenanceDrainRepository drains,
                       MigrationRepository migrations, PlanService plans, JsonMapper json, Clock clock) {
        this.hosts = hosts;
        this.vms = vms;
        this.drains = drains;
        this.migrations = migrations;
        this.plans = plans;
        this.json = json;
        this.clock = clock;
    }

    /** Puts a host into maintenance and starts draining it; idempotent while it drains. */
    @Transactional
    public MaintenanceDrainEntity enter(String hostName, String requestedBy, boolean allowCold) {
        HostEntity host = host(hostName);
        if (host.getState() == HostState.DRAINING || host.getState() == HostState.MAINTENANCE) {
            return drains.findFirstByHostIdAndState(host.getId(), MaintenanceDrainEntity.State.RUNNING)
                    .or(() -> latestDrain(host))
                    .orElseThrow(() -> new ConflictException("host", "host '" + hostName + "' is already in maintenance"));
        }
        if (host.getState() == HostState.DOWN) {
            throw new ConflictException("host", "host '" + hostName + "' is DOWN: its VMs cannot be migrated live");
        }
        int count = vms.findByHost(host).size();
        host.setState(HostState.DRAINING);
        MaintenanceDrainEntity drain = drains.save(new MaintenanceDrainEntity(host.getId(), requestedBy, allowCold, count));
        hosts.flush();
        planAndStart(drain, hostName, requestedBy, Set.of());
        return drain;
    }

    /** Ends maintenance: the host takes VMs again. A drain still running is cancelled. */
    @Transactional
    public void exit(String hostName) {
        HostEntity host = host(hostName);
        if (host.getState() != HostState.DRAINING && host.getState() != HostState.MAINTENANCE) {
            throw new ConflictException("host", "host '" + hostName + "' is not in maintenance (" + host.getState() + ")");
        }
        drains.findFirstByHostIdAndState(host.getId(), MaintenanceDrainEntity.State.RUNNING).ifPresent(d -> {
            d.setState(MaintenanceDrainEntity.State.CANCELLED);
            d.setMessage("maintenance ended by operator before the drain finished");
            d.setFinishedAt(clock.instant());
        });
        host.setState(HostState.ACTIVE);
    }

    /** Moves running drains along: done when the host is empty; failed VMs get another destination. */
    @Transactional
    public void sweep() {
        for (MaintenanceDrainEntity drain : drains.findByState(MaintenanceDrainEntity.State.RUNNING)) {
            HostEntity host = hosts.findById(drain.getHostId()).orElseThrow();
            List<MigrationEntity> ms = migrations.findByDrainId(drain.getId());
            drain.setMigratedVms((int) ms.stream().filter(m -> m.getState() == MigrationState.COMPLETED).count());
            drain.setFailedVms((int) ms.stream().filter(m -> m.getState() == MigrationState.FAILED)
                    .map(MigrationEntity::getVmId).distinct().count());
            List<VmEntity> left = vms.findByHost(host);
            if (left.isEmpty()) {
                host.setState(HostState.MAINTENANCE);
                drain.setState(MaintenanceDrainEntity.State.SUCCEEDED);
                drain.setMessage("host is empty");
                drain.setFinishedAt(clock.instant());
                log.info("Drain {} of {} done: host in MAINTENANCE", drain.getId(), host.getName());
                continue;
            }
            if (ms.stream().anyMatch(m -> !m.getState().isFinished())) {
                continue; // migrations still running
            }
            List<String> leaving = left.stream()
                    .filter(vm -> migrations.existsByVmIdAndStateIn(vm.getId(), MigrationState.UNFINISHED))
                    .map(VmEntity::getName).toList();
            if (!leaving.isEmpty()) {
                // Planning again now would only plan nothing; an ESCALATED one waits for an operator.
                drain.setMessage("waiting for the migrations already under way of " + String.join(", ", leaving));
                continue;
            }
            List<VmEntity> exhaustedVms = left.stream().filter(vm -> attempts(ms, vm) >= MAX_ATTEMPTS).toList();
            List<String> exhausted = exhaustedVms.stream().map(VmEntity::getName).toList();
            if (exhausted.isEmpty()) {
                planAndStart(drain, host.getName(), drain.getRequestedBy(), Set.of());
            } else if (exhaustedVms.stream().allMatch(vm -> (drain.isAllowCold() || vm.isAllowCold())
                    && !triedCold(ms, vm))) {
                // The operator allowed it (for this drain, or for each of these VMs): what cannot move live
                // moves cold (shut down, moved, started).
                log.info("Drain {} of {}: moving {} cold after {} live attempts", drain.getId(), host.getName(),
                        exhausted, MAX_ATTEMPTS);
                drain.setMessage("moving " + String.join(", ", exhausted) + " cold after " + MAX_ATTEMPTS
                        + " live attempts");
                planAndStart(drain, host.getName(), drain.getRequestedBy(), Set.copyOf(exhausted));
            } else {
                fail(drain, "gave up after " + MAX_ATTEMPTS + " attempts"
                        + (exhaustedVms.stream().anyMatch(vm -> triedCold(ms, vm)) ? " and one cold" : "")
                        + " on " + exhausted + ": " + lastCauses(ms, exhausted));
            }
        }
    }

    private void planAndStart(MaintenanceDrainEntity drain, String hostName, String requestedBy, Set<String> cold) {
        PlanEntity plan = plans.drainPlan(hostName, requestedBy, cold);
        JsonNode unresolved = json.readTree(plan.getUnresolved());
        List<String> stuck = new java.util.ArrayList<>();
        for (JsonNode u : unresolved) {
            if (hostName.equals(u.path("host").asString()) && u.hasNonNull("vm")) {
                stuck.add(u.path("vm").asString() + " (" + u.path("reason").asString() + ")");
            }
        }
        if (!stuck.isEmpty()) {
            fail(drain, "no destination for " + String.join(", ", stuck));
            return;
        }
        PlanEntity executed = plans.execute(plan.getId(), requestedBy, drain.getId());
        if (executed.getState() == PlanState.FAILED) {
            // Every move was refused before it started (no migration row to count as an attempt):
            // planning again would only be refused again, every sweep.
            fail(drain, executed.getStateReason());
        }
    }

    private void fail(MaintenanceDrainEntity drain, String message) {
        drain.setState(MaintenanceDrainEntity.State.FAILED);
        drain.setMessage(message);
        drain.setFinishedAt(clock.instant());
        log.warn("Drain {} failed: {}", drain.getId(), message);
    }

    private static boolean triedCold(List<MigrationEntity> ms, VmEntity vm) {
        return ms.stream().anyMatch(m -> m.getVmId().equals(vm.getId()) && "cold".equals(m.getPolicy()));
    }

    private static long attempts(List<MigrationEntity> ms, VmEntity vm) {
        return ms.stream().filter(m -> m.getVmId().equals(vm.getId())).count();
    }

    private static String lastCauses(List<MigrationEntity> ms, List<String> vms) {
        return ms.stream().filter(m -> vms.contains(m.getVmName()) && m.getFailureCause() != null)
                .map(m -> m.getVmName() + ": " + m.getFailureCause()).distinct().collect(Collectors.joining("; "));
    }

    java.util.Optional<MaintenanceDrainEntity> latestDrain(HostEntity host) {
        return drains.findFirstByHostIdOrderByIdDesc(host.getId());
    }

    /** The latest drain of a host, if it ever had one. */
    @Transactional(readOnly = true)
    public java.util.Optional<MaintenanceDrainEntity> latestDrain(String hostName) {
        return latestDrain(host(hostName));
    }

    private HostEntity host(String name) {
        return hosts.findByName(name).orElseThrow(() -> new NotFoundException("host", name));
    }
}
