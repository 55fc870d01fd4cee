package org.kvmorch.plans;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kvmorch.config.OrchestratorProperties;
import org.kvmorch.policy.PolicyStore;
import org.kvmorch.db.HostRepository;
import org.kvmorch.db.MigrationEntity;
import org.kvmorch.db.MigrationRepository;
import org.kvmorch.db.PlanEntity;
import org.kvmorch.db.PlanKind;
import org.kvmorch.db.PlanMigrationEntity;
import org.kvmorch.db.PlanMigrationRepository;
import org.kvmorch.db.PlanRepository;
import org.kvmorch.db.PlanState;
import org.kvmorch.db.VmEntity;
import org.kvmorch.db.VmRepository;
import org.kvmorch.errors.ConflictException;
import org.kvmorch.errors.NotFoundException;
import org.kvmorch.migration.MigrationCommand;
import org.kvmorch.migration.MigrationService;
import org.kvmorch.planning.FleetSnapshot;
import org.kvmorch.planning.MigrationCostModel;
import org.kvmorch.planning.Plan;
import org.kvmorch.planning.PlannedMigration;
import org.kvmorch.planning.Planner;
import org.kvmorch.planning.PlannerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watcher's audit → plan → applier, for this fleet: reads a snapshot, asks the planner, stores the
 * plan with its migration matrix as RECOMMENDED (a dry run anyone can review), and on request
 * executes it through the migration service; a sweep closes plans whose migrations have ended.
 * A newer plan supersedes older recommendations, which were made on staler data.
 */
public class PlanService {

    private static final Logger log = LoggerFactory.getLogger(PlanService.class);

    private final SnapshotReader snapshots;
    private final PlanRepository plans;
    private final PlanMigrationRepository cells;
    private final HostRepository hosts;
    private final VmRepository vms;
    private final MigrationRepository migrations;
    private final MigrationService migrationService;
    private final OrchestratorProperties properties;
    private final PolicyStore policy;
    private final MigrationCostModel costs;
    private final JsonMapper json;
    private final Clock clock;

    PlanService(SnapshotReader snapshots, PlanRepository plans, PlanMigrationRepository cells, HostRepository hosts,
                VmRepository vms, MigrationRepository migrations, MigrationService migrationService,
                OrchestratorProperties properties, PolicyStore policy, MigrationCostModel costs, JsonMapper json,
                Clock clock) {
        this.policy = policy;
        this.costs = costs;
        this.snapshots = snapshots;
        this.plans = plans;
        this.cells = cells;
        this.hosts = hosts;
        this.vms = vms;
        this.migrations = migrations;
        this.migrationService = migrationService;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** Plans a rebalance or a consolidation of the whole fleet, or of one cluster ({@code scope}). */
    @Transactional
    public PlanEntity recommend(PlanKind kind, String scope, String requestedBy) {
        PlannerConfig config = PlannerSettings.forKind(kind, policy.current(), costs);
        Planner planner = new Planner(config);
        FleetSnapshot snapshot = snapshots.read(properties.monitoring().interval(), config.undoWindow());
        Plan plan = planner.plan(snapshot);
        List<PlannedMigration> moves = plan.migrations().stream()
                .filter(m -> scope == null || scope.equals(snapshot.clusterOf(snapshot.hostIndex(m.source()))))
                .toList();
        for (PlanEntity older : plans.findByStateIn(List.of(PlanState.RECOMMENDED))) {
            older.transitionTo(PlanState.SUPERSEDED, "a newer plan was made");
        }
        return store(kind, scope, requestedBy, planner.strategy(), plan, moves, Set.of());
    }

    /**
     * A drain of one host: every VM of the (DRAINING) host gets a destination; those named in
     * {@code cold} move with the cold policy (a drain that allows it, after their live attempts).
     */
    @Transactional
    public PlanEntity drainPlan(String host, String requestedBy, Set<String> cold) {
        PlannerConfig config = PlannerSettings.forKind(PlanKind.DRAIN, policy.current(), costs);
        Planner planner = new Planner(config);
        Plan plan = planner.plan(snapshots.read(properties.monitoring().interval(), config.undoWindow()));
        List<PlannedMigration> moves = plan.migrations().stream().filter(m -> m.source().equals(host)).toList();
        return store(PlanKind.DRAIN, host, requestedBy, planner.strategy(), plan, moves, cold);
    }

    private PlanEntity store(PlanKind kind, String scope, String requestedBy, String strategy, Plan plan,
                             List<PlannedMigration> moves, Set<String> cold) {
        List<Map<String, Object>> loads = new ArrayList<>();
        plan.hostLoads().forEach(h -> loads.add(Map.of("host", h.host(), "loadBefore", h.loadIndexBefore(),
                "loadAfter", h.loadIndexAfter(), "cpuBefore", h.cpuBefore(), "cpuAfter", h.cpuAfter(),
                "overloadedBefore", h.overloadedBefore(), "vmsBefore", h.vmsBefore(), "vmsAfter", h.vmsAfter())));
        List<Map<String, Object>> unresolved = new ArrayList<>();
        plan.unresolved().forEach(u -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("host", u.host());
            row.put("vm", u.vm());
            row.put("reason", u.reason());
            unresolved.add(row);
        });
        PlanEntity entity = new PlanEntity(kind, scope, requestedBy, strategy, json.writeValueAsString(loads));
        entity.setUnresolved(json.writeValueAsString(unresolved));
        entity = plans.save(entity);

        Map<String, Long> hostIds = new HashMap<>();
        hosts.findAll().forEach(h -> hostIds.put(h.getName(), h.getId()));
        int seq = 0;
        for (PlannedMigration move : moves) {
            VmEntity vm = vms.findByName(move.vm()).orElseThrow();
            String vmPolicy = migrationService.policyFor(vm,
                    MigrationCommand.of(vm.getName(), null, cold.contains(vm.getName()) ? "cold" : null));
            PlanMigrationEntity cell = new PlanMigrationEntity(entity.getId(), ++seq, vm.getId(),
                    hostIds.get(move.source()), hostIds.get(move.destination()), vmPolicy,
                    move.reason() + ": " + move.why());
            if (move.predictedCost() != null) {
                cell.setPrediction(Math.round(move.predictedCost().seconds() * 1000),
                        Math.round(move.predictedCost().bytes()),
                        Math.round(move.predictedCost().downtimeSeconds() * 1000));
            }
            cells.save(cell);
        }
        log.info("Plan {} ({}): {} migrations, {} unresolved, strategy {}", entity.getId(), kind, moves.size(),
                plan.unresolved().size(), strategy);
        return entity;
    }

    /** Starts every migration of a recommended plan, in order; refused once the plan is stale or running. */
    @Transactional
    public PlanEntity execute(long planId, String requestedBy, Long drainId) {
        PlanEntity plan = plans.findById(planId).orElseThrow(() -> new NotFoundException("plan", String.valueOf(planId)));
        if (plan.getState() != PlanState.RECOMMENDED) {
            throw new ConflictException("state", "plan " + planId + " is " + plan.getState()
                    + "; only a RECOMMENDED plan can be executed");
        }
        plan.transitionTo(PlanState.ONGOING, "executed by " + requestedBy);
        plan.setExecutedAt(clock.instant());
        Map<Long, String> hostNames = new HashMap<>();
        hosts.findAll().forEach(h -> hostNames.put(h.getId(), h.getName()));
        int started = 0;
        List<String> notStarted = new ArrayList<>();
        for (PlanMigrationEntity cell : cells.findByPlanIdOrderBySeq(planId)) {
            VmEntity entity = vms.findById(cell.getVmId()).orElseThrow();
            String vm = entity.getName();
            // The plan read the fleet while an earlier migration of this VM was still under way:
            // the move was decided for a placement that no longer holds.
            if (entity.getHost() == null || !entity.getHost().getId().equals(cell.getSourceHostId())) {
                log.warn("Plan {}: {} not started: it left {} since the plan was made", planId, vm,
                        hostNames.get(cell.getSourceHostId()));
                notStarted.add(vm + " (left " + hostNames.get(cell.getSourceHostId()) + " since the plan was made)");
                continue;
            }
            MigrationService.Origin origin = drainId == null ? MigrationService.Origin.plan(planId)
                    : MigrationService.Origin.drain(planId, drainId);
            // One move that cannot start (its VM already migrating, its destination gone) must not undo
            // the others: attempt() reports the refusal instead of throwing.
            MigrationService.Attempt attempt = migrationService.attempt(
                    MigrationCommand.of(vm, hostNames.get(cell.getDestinationHostId()), cell.getPolicy()),
                    requestedBy, origin);
            if (attempt.started()) {
                cell.setMigrationId(attempt.migration().getId());
                started++;
            } else {
                log.warn("Plan {}: {} not started: {}", planId, vm, attempt.refusal());
                notStarted.add(vm + " (" + attempt.refusal() + ")");
            }
        }
        if (started > 0 && !notStarted.isEmpty()) {
            plan.transitionTo(PlanState.ONGOING, "executed by " + requestedBy + "; not started: "
                    + String.join(", ", notStarted));
        }
        if (started == 0) {
            boolean empty = cells.findByPlanIdOrderBySeq(planId).isEmpty();
            plan.transitionTo(empty ? PlanState.SUCCEEDED : PlanState.FAILED,
                    empty ? "nothing to migrate" : "no migration of the plan could start: "
                            + String.join(", ", notStarted));
            plan.setFinishedAt(clock.instant());
        }
        return plan;
    }

    /** Closes ongoing plans whose migrations have all ended. */
    @Transactional
    public void sweep() {
        for (PlanEntity plan : plans.findByStateIn(List.of(PlanState.ONGOING))) {
            List<MigrationEntity> ms = migrations.findByPlanId(plan.getId());
            if (ms.stream().anyMatch(m -> !m.getState().isFinished())) {
                continue;
            }
            long failed = ms.stream().filter(m -> m.getState() != org.kvmorch.db.MigrationState.COMPLETED).count();
            plan.transitionTo(failed == 0 ? PlanState.SUCCEEDED : PlanState.FAILED,
                    failed == 0 ? "all " + ms.size() + " migrations completed"
                            : failed + " of " + ms.size() + " migrations did not complete");
            plan.setFinishedAt(clock.instant());
        }
    }
}
