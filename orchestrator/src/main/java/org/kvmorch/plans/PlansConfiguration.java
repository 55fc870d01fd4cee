package org.kvmorch.plans;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.kvmorch.config.OrchestratorProperties;
import org.kvmorch.db.HostRepository;
import org.kvmorch.db.MaintenanceDrainRepository;
import org.kvmorch.db.MigrationRepository;
import org.kvmorch.db.PlanEntity;
import org.kvmorch.db.PlanKind;
import org.kvmorch.db.PlanMigrationRepository;
import org.kvmorch.db.PlanRepository;
import org.kvmorch.db.VmRepository;
import org.kvmorch.migration.MigrationService;
import org.kvmorch.policy.PolicyStore;
import org.kvmorch.prediction.Predictor;
import org.kvmorch.prediction.SimulatedCostModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires plans and maintenance, and the two schedules: the sweep that closes plans and moves drains
 * along, and periodic rebalancing. Both hold a ShedLock row in PostgreSQL, so with several
 * replicas on one database only one plans and executes at a time; a replica that dies releases
 * its lock when lockAtMostFor runs out, and the next one takes over. The rebalance lock is also
 * held for one whole rebalance interval from its start, so a replica whose timer fires later in
 * the same round skips it instead of planning again on a fleet whose migrations are still under
 * way. Scheduled plans and their migrations name the replica: {@code scheduler@<replica>}.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
class PlansConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PlansConfiguration.class);

    /** The lease of a replica that dies while planning: the next one plans after at most this. */
    static final Duration REBALANCE_LOCK_AT_MOST = Duration.ofMinutes(10);

    @Bean
    LockProvider lockProvider(DataSource dataSource, OrchestratorProperties properties) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime()
                .withLockedByValue(properties.replicaName()).build());
    }

    @Bean
    PlanService planService(SnapshotReader snapshots, PlanRepository plans, PlanMigrationRepository cells,
                            HostRepository hosts, VmRepository vms, MigrationRepository migrations,
                            MigrationService migrationService, OrchestratorProperties properties, PolicyStore policy,
                            Predictor predictor, JsonMapper json, Clock clock) {
        // Plans predict each move with the simulator, under the migration policy in force.
        return new PlanService(snapshots, plans, cells, hosts, vms, migrations, migrationService, properties, policy,
                new SimulatedCostModel(predictor, () -> policy.current().defaultMigrationPolicy(),
                        () -> policy.current().migrationTls()), json, clock);
    }

    @Bean
    MaintenanceService maintenanceService(HostRepository hosts, VmRepository vms, MaintenanceDrainRepository drains,
                                          MigrationRepository migrations, PlanService plans, JsonMapper json,
                                          Clock clock) {
        return new MaintenanceService(hosts, vms, drains, migrations, plans, json, clock);
    }

    @Bean
    Schedules planSchedules(PlanService plans, MaintenanceService maintenance, PolicyStore policy,
                            LockProvider locks, OrchestratorProperties properties) {
        return new Schedules(plans, maintenance, policy, new DefaultLockingTaskExecutor(locks),
                properties.planning().rebalanceInterval(), "scheduler@" + properties.replicaName());
    }

    static class Schedules {
        private final PlanService plans;
        private final MaintenanceService maintenance;
        private final PolicyStore policy;
        private final LockingTaskExecutor locks;
        private final Duration interval;
        private final String requestedBy;

        Schedules(PlanService plans, MaintenanceService maintenance, PolicyStore policy, LockingTaskExecutor locks,
                  Duration interval, String requestedBy) {
            this.plans = plans;
            this.maintenance = maintenance;
            this.policy = policy;
            this.locks = locks;
            this.interval = interval;
            this.requestedBy = requestedBy;
        }

        @Scheduled(fixedDelayString = "PT2S", initialDelayString = "PT2S")
        @SchedulerLock(name = "plans-sweep", lockAtMostFor = "PT1M")
        void sweep() {
            try {
                plans.sweep();
                maintenance.sweep();
            } catch (RuntimeException e) {
                log.error("Plan sweep failed: {}", e.toString());
            }
        }

        @Scheduled(fixedDelayString = "${orchestrator.planning.rebalance-interval:5m}",
                initialDelayString = "${orchestrator.planning.rebalance-interval:5m}")
        void rebalance() {
            OrchestratorProperties.RebalanceMode mode = policy.current().rebalanceMode();
            if (mode == OrchestratorProperties.RebalanceMode.OFF) {
                return;
            }
            // At least one interval, so one replica plans per round; at most the lease (longer if the
            // interval is), after which a replica that died mid-round no longer blocks the others.
            Duration atMost = interval.compareTo(REBALANCE_LOCK_AT_MOST) > 0 ? interval : REBALANCE_LOCK_AT_MOST;
            locks.executeWithLock((Runnable) () -> rebalanceNow(mode),
                    new LockConfiguration(ClockProvider.now(), "rebalance", atMost, interval));
        }

        private void rebalanceNow(OrchestratorProperties.RebalanceMode mode) {
            try {
                PlanEntity plan = plans.recommend(PlanKind.REBALANCE, null, requestedBy);
                if (mode == OrchestratorProperties.RebalanceMode.AUTOMATIC) {
                    plans.execute(plan.getId(), requestedBy, null);
                }
            } catch (RuntimeException e) {
                log.error("Scheduled rebalance failed: {}", e.toString());
            }
        }
    }
}
