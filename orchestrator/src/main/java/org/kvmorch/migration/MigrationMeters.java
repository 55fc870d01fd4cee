package org.kvmorch.migration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.kvmorch.control.ControlLoop;
import org.kvmorch.hypervisor.JobStats;

/** Prometheus metrics of finished migrations: count by policy and result, duration, downtime, bytes. */
final class MigrationMeters {

    private final MeterRegistry registry;

    MigrationMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void finished(String policy, ControlLoop.Outcome outcome) {
        JobStats s = outcome.finalStats();
        Counter.builder("kvmorch.migrations").description("finished migrations")
                .tag("policy", policy).tag("result", outcome.result().name()).register(registry).increment();
        Timer.builder("kvmorch.migration.duration").description("total migration time").publishPercentileHistogram()
                .tag("policy", policy).register(registry).record(Duration.ofMillis(s.timeElapsedMillis()));
        if (s.downtimeKnown()) {
            Timer.builder("kvmorch.migration.downtime").description("guest downtime").publishPercentileHistogram()
                    .tag("policy", policy).register(registry).record(Duration.ofMillis(s.downtimeMillis()));
        }
        DistributionSummary.builder("kvmorch.migration.bytes").baseUnit("bytes").description("data sent")
                .tag("policy", policy).register(registry).record(s.dataProcessedBytes());
    }
}
