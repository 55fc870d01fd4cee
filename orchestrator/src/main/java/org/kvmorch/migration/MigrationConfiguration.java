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
import org.springframework.boot.ApplicationRunner;
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
    MigrationExecutor migrationExecutor(Hypervisor hypervisor, MigrationRecorder recorder, LiveProgress progress,
                                        MeterRegistry registry, PolicyStore policy) {
        Admission admission = new Admission(() -> policy.current().maxOutgoingPerHost(),
                () -> policy.current().maxIncomingPerHost(), host -> linkCapacity(hypervisor, host));
        return new MigrationExecutor(hypervisor, recorder, progress, ControlLoop.Settings.defaults(), admission,
                new MigrationMeters(registry));
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
                                      Predictor predictor) {
        return new MigrationService(vms, hosts, migrations, executor, recorder,
                () -> policy.current().defaultMigrationPolicy(), () -> policy.current().migrationTls(), predictor);
    }

    @Bean
    ApplicationRunner reconcileMigrations(MigrationRepository migrations, MigrationRecorder recorder,
                                          MigrationExecutor executor, Hypervisor hypervisor, VmRepository vms) {
        return args -> new MigrationReconciler(migrations, recorder, executor, hypervisor, vms).reconcile();
    }
}
