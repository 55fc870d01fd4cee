package org.kvmorch.migration;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;

/** Wires migration execution; unfinished migrations are reconciled before the service is ready. */
@Configuration(proxyBeanMethods = false)
class MigrationConfiguration {

    @Bean
    Predictor predictor() {
        return new Predictor();
    }

    @Bean
    LiveProgress liveProgress() {
        return new LiveProgress();
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

    /**
     * Replica ids must be unique among the replicas sharing a database: a replica that starts with
     * an id takes back that id's unfinished migrations at once. Default: the host name.
     */
    @Bean
    MigrationOwnership migrationOwnership(JdbcTemplate jdbc,
            @Value("${orchestrator.replica-id:}") String configuredId,
            @Value("${orchestrator.replica-lease:30s}") Duration lease) {
        String id = configuredId.isBlank() ? hostName() : configuredId;
        return new MigrationOwnership(jdbc, id, lease);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Bean
    MigrationService migrationService(VmRepository vms, HostRepository hosts, MigrationRepository migrations,
                                      MigrationExecutor executor, MigrationRecorder recorder, PolicyStore policy,
                                      Predictor predictor, MigrationOwnership ownership) {
        return new MigrationService(vms, hosts, migrations, executor, recorder,
                () -> policy.current().defaultMigrationPolicy(), predictor, ownership.replicaId());
    }

    @Bean
    MigrationReconciler migrationReconciler(MigrationRepository migrations, MigrationRecorder recorder,
                                            MigrationExecutor executor, Hypervisor hypervisor, VmRepository vms,
                                            MigrationOwnership ownership) {
        return new MigrationReconciler(migrations, recorder, executor, hypervisor, vms, ownership);
    }

    @Bean
    ApplicationRunner reconcileMigrations(MigrationReconciler reconciler) {
        return args -> reconciler.reconcile();
    }

    /** Heart-beats this replica and takes over the migrations of replicas that stopped. */
    @Bean
    ReplicaSweep replicaSweep(MigrationReconciler reconciler) {
        return new ReplicaSweep(reconciler);
    }

    static final class ReplicaSweep {
        private final MigrationReconciler reconciler;

        ReplicaSweep(MigrationReconciler reconciler) {
            this.reconciler = reconciler;
        }

        @Scheduled(fixedDelayString = "${orchestrator.replica-heartbeat:10s}",
                initialDelayString = "${orchestrator.replica-heartbeat:10s}")
        void sweep() {
            reconciler.sweep();
        }
    }
}
