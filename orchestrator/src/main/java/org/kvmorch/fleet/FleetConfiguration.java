package org.kvmorch.fleet;

import java.time.Clock;
import java.time.Duration;
import org.kvmorch.config.HostUris;
import org.kvmorch.config.OrchestratorProperties;
import org.kvmorch.db.HostRepository;
import org.kvmorch.db.VmRepository;
import org.kvmorch.hypervisor.Hypervisor;
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
    FleetRecorder fleetRecorder(HostRepository hosts, VmRepository vms, JdbcTemplate jdbc,
                                OrchestratorProperties properties, HostUris hostUris) {
        OrchestratorProperties.Monitoring m = properties.monitoring();
        return new FleetRecorder(hosts, vms, jdbc, new OverloadTracker(m.loadThreshold(), m.overloadDuration()),
                hostUris::uriOf);
    }

    @Bean(destroyMethod = "close")
    FleetPoller fleetPoller(Hypervisor hypervisor, FleetRecorder recorder, Clock clock,
                            OrchestratorProperties properties) {
        int threads = Math.max(1, Math.min(16, hypervisor.hostNames().size()));
        Duration timeout = properties.monitoring().interval().dividedBy(2);
        return new FleetPoller(hypervisor, recorder, clock, threads, timeout);
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
