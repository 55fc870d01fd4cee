package org.kvmorch.fleet;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health from the poller's last cycle, never from a fresh call to a hypervisor (a host that hangs
 * must not hang the health endpoint). {@code hypervisors}: each host's connection; DOWN only when
 * no host answered. {@code scheduler}: DOWN when no poll completed within three intervals.
 */
final class FleetHealth {

    private FleetHealth() {
    }

    static HealthIndicator hypervisors(FleetPoller poller) {
        return () -> poller.lastPoll().map(p -> {
            Map<String, Object> details = new TreeMap<>();
            p.unreachable().forEach((host, reason) -> details.put(host, "DOWN: " + reason));
            details.put("hosts", p.hosts());
            details.put("unreachable", p.unreachable().size());
            Health.Builder b = p.hosts() > 0 && p.unreachable().size() == p.hosts() ? Health.down() : Health.up();
            return b.withDetails(details).build();
        }).orElse(Health.unknown().withDetail("reason", "no poll completed yet").build());
    }

    static HealthIndicator scheduler(FleetPoller poller, Duration interval, Clock clock) {
        return () -> poller.lastPoll().map(p -> {
            Duration lag = Duration.between(p.at(), clock.instant());
            Health.Builder b = lag.compareTo(interval.multipliedBy(3)) > 0 ? Health.down() : Health.up();
            return b.withDetail("lastPoll", p.at().toString()).withDetail("lagMs", lag.toMillis())
                    .withDetail("lastPollDurationMs", p.durationMillis()).build();
        }).orElse(Health.unknown().withDetail("reason", "no poll completed yet").build());
    }
}
