package org.kvmorch.fleet;

import java.time.Clock;
import java.time.Duration;
import org.kvmorch.config.HostUris;
import org.kvmorch.config.OrchestratorProperties;
import org.kvmorch.db.HostRepository;
import org.kvmorch.db.VmRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.kvmorch.hypervisor.Hypervisor;
import org.kvmorch.policy.PolicyStore;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/** Wires monitoring: the first poll before the service reports ready, then one per interval. */
@Configuration(proxyBeanMethods = false)
class FleetConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FleetConfiguration.class);

    @Bean
    FleetRecorder fleetRecorder(HostRepository hosts, VmRepository vms, JdbcTemplate jdbc, PolicyStore policy,
                                HostUris hostUris, OrchestratorProperties properties) {
        java.util.function.Supplier<OverloadTracker> overload = () -> OverloadTracker.of(policy.current());
        return switch (properties.monitoring().writer()) {
            case BATCH -> new BatchFleetRecorder(new FleetTables(jdbc), overload, hostUris::uriOf);
            case JPA -> new JpaFleetRecorder(hosts, vms, jdbc, overload, hostUris::uriOf);
        };
    }

    @Bean(destroyMethod = "close")
    FleetPoller fleetPoller(Hypervisor hypervisor, FleetRecorder recorder, Clock clock,
                            OrchestratorProperties properties) {
        int threads = Math.max(1, Math.min(16, hypervisor.hostNames().size()));
        Duration timeout = properties.monitoring().effectiveHostTimeout();
        return new FleetPoller(hypervisor, recorder, clock, threads, timeout);
    }

    @Bean
    HealthIndicator hypervisorsHealthIndicator(FleetPoller poller) {
        return FleetHealth.hypervisors(poller);
    }

    @Bean
    HealthIndicator schedulerHealthIndicator(FleetPoller poller, OrchestratorProperties properties, Clock clock) {
        return FleetHealth.scheduler(poller, properties.monitoring().interval(), clock);
    }

    /** Poll duration and the age of the last completed poll, for Prometheus. */
    @Bean
    MeterBinder pollMeters(FleetPoller poller, Clock clock) {
        return registry -> {
            Gauge.builder("kvmorch.poll.lag", poller, p -> p.lastPoll()
                            .map(l -> (double) java.time.Duration.between(l.at(), clock.instant()).toMillis() / 1000)
                            .orElse(Double.NaN))
                    .baseUnit("seconds").description("time since the last completed fleet poll").register(registry);
            Gauge.builder("kvmorch.poll.duration", poller, p -> p.lastPoll()
                            .map(l -> l.durationMillis() / 1000.0).orElse(Double.NaN))
                    .baseUnit("seconds").description("wall time of the last fleet poll").register(registry);
            Gauge.builder("kvmorch.hosts.unreachable", poller, p -> p.lastPoll()
                            .map(l -> (double) l.unreachable().size()).orElse(Double.NaN))
                    .description("hosts that did not answer the last poll").register(registry);
        };
    }

    @Bean
    SampleRetention sampleRetention(JdbcTemplate jdbc) {
        return new SampleRetention(jdbc, SampleRetention.Windows.defaults());
    }

    @Bean
    RetentionSchedule retentionSchedule(SampleRetention retention, Clock clock) {
        return new RetentionSchedule(retention, clock);
    }

    /** Compacts history every 10 minutes; one replica at a time. */
    static class RetentionSchedule {
        private final SampleRetention retention;
        private final Clock clock;

        RetentionSchedule(SampleRetention retention, Clock clock) {
            this.retention = retention;
            this.clock = clock;
        }

        @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
        @net.javacrumbs.shedlock.spring.annotation.SchedulerLock(name = "sample-retention", lockAtMostFor = "PT30M")
        void compact() {
            try {
                int removed = retention.compact(clock.instant());
                if (removed > 0) {
                    log.info("Sample retention: {} rows compacted", removed);
                }
            } catch (RuntimeException e) {
                log.error("Sample retention failed: {}", e.toString());
            }
        }
    }

    @Bean
    ApplicationRunner firstPoll(FleetPoller poller) {
        return args -> log.info("First poll: {}", poller.pollOnce());
    }

    @Bean
    PollSchedule pollSchedule(FleetPoller poller) {
        return new PollSchedule(poller);
    }

    /** The periodic poll; failures are logged and the next poll comes anyway. */
    static class PollSchedule {
        private final FleetPoller poller;

        PollSchedule(FleetPoller poller) {
            this.poller = poller;
        }

        @Scheduled(fixedDelayString = "${orchestrator.monitoring.interval:10s}",
                initialDelayString = "${orchestrator.monitoring.interval:10s}")
        void poll() {
            try {
                poller.pollOnce();
            } catch (RuntimeException e) {
                log.error("Poll failed: {}", e.toString());
            }
        }
    }
}
