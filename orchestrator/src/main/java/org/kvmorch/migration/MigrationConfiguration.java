package org.kvmorch.migration;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.kvmorch.config.OrchestratorProperties;
import org.kvmorch.control.ControlLoop;
import org.kvmorch.policy.PolicyStore;
import org.kvmorch.prediction.Predictor;
import org.kvmorch.db.HostRepository;
import org.kvmorch.db.MigrationRepository;
import org.kvmorch.db.VmRepository;
import org.kvmorch.hypervisor.Hypervisor;
import javax.sql.DataSource;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires migration execution; unfinished migrations are reconciled before the service is ready. */
@Configuration(proxyBeanMethods = false)
class MigrationConfiguration {

    @Bean
    Predictor predictor() {
        return new Predictor();
    }

    /** Simulated jobs report virtual time, paced at {@code speed} × wall time; libvirt jobs report wall time. */
    @Bean
    LiveProgress liveProgress(Clock clock, OrchestratorProperties properties) {
        OrchestratorProperties.Hypervisor h = properties.hypervisor();
        return new LiveProgress(clock, h.mode() == OrchestratorProperties.HypervisorMode.SIMULATED
                ? h.simulated().speed() : 1.0);
    }

    @Bean(destroyMethod = "close")
    MigrationLeases migrationLeases(DataSource dataSource) {
        return new MigrationLeases(dataSource);
    }

    @Bean(destroyMethod = "close")
    MigrationExecutor migrationExecutor(Hypervisor hypervisor, MigrationRecorder recorder, LiveProgress progress,
                                        MeterRegistry registry, PolicyStore policy, MigrationLeases leases,
                                        OrchestratorProperties properties) {
        Admission admission = new Admission(() -> policy.current().maxOutgoingPerHost(),
                () -> policy.current().maxIncomingPerHost(), host -> linkCapacity(hypervisor, host));
        OrchestratorProperties.Migration m = properties.migration();
        ControlLoop.Settings defaults = ControlLoop.Settings.defaults();
        ControlLoop.Settings settings = new ControlLoop.Settings(defaults.tick(), defaults.giveUpAfter(),
                m.recoveryDeadline(), m.postcopyStall());
        return new MigrationExecutor(hypervisor, recorder, progress, settings, admission,
                new MigrationMeters(registry), leases);
    }

    private static long linkCapacity(Hypervisor hypervisor, String host) {
        try {
            long capacity = hypervisor.host(host).nodeInfo().networkBytesPerSecond();
            return capacity > 0 ? capacity : Long.MAX_VALUE;
        } catch (RuntimeException unreachable) {
            return Long.MAX_VALUE;
        }
    }

    @Bean
    MigrationService migrationService(VmRepository vms, HostRepository hosts, MigrationRepository migrations,
                                      MigrationExecutor executor, MigrationRecorder recorder, PolicyStore policy,
                                      Predictor predictor, MigrationLeases leases) {
        return new MigrationService(vms, hosts, migrations, executor, recorder,
                () -> policy.current().defaultMigrationPolicy(), () -> policy.current().migrationTls(), predictor,
                leases);
    }

    @Bean
    VmSettingsService vmSettingsService(VmRepository vms, PolicyStore policy, java.time.Clock clock) {
        return new VmSettingsService(vms, () -> policy.current().defaultMigrationPolicy(), clock);
    }

    @Bean
    MigrationReconciler migrationReconciler(MigrationRepository migrations, MigrationRecorder recorder,
                                            MigrationExecutor executor, Hypervisor hypervisor, VmRepository vms,
                                            MigrationLeases leases) {
        return new MigrationReconciler(migrations, recorder, executor, hypervisor, vms, leases);
    }

    @Bean
    ApplicationRunner reconcileMigrations(MigrationReconciler reconciler) {
        return args -> reconciler.reconcile();
    }

    @Bean
    Adoption migrationAdoption(MigrationReconciler reconciler) {
        return new Adoption(reconciler);
    }

    /** Every poll interval: adopt what a replica that stopped left unfinished. */
    static class Adoption {
        private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Adoption.class);
        private final MigrationReconciler reconciler;

        Adoption(MigrationReconciler reconciler) {
            this.reconciler = reconciler;
        }

        @Scheduled(fixedDelayString = "${orchestrator.monitoring.interval:10s}",
                initialDelayString = "${orchestrator.monitoring.interval:10s}")
        void adopt() {
            try {
                reconciler.reconcile();
            } catch (RuntimeException e) {
                log.error("Adopting unfinished migrations failed: {}", e.toString());
            }
        }
    }
}
