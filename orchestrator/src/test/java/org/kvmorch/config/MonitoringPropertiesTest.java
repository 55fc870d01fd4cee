package org.kvmorch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.kvmorch.config.OrchestratorProperties.Monitoring;
import org.kvmorch.config.OrchestratorProperties.PollWriter;

class MonitoringPropertiesTest {

    @Test
    void aHostGetsHalfThePollIntervalUnlessItsTimeoutIsSet() {
        Monitoring unset = new Monitoring(Duration.ofSeconds(10), 4.0, Duration.ofSeconds(60), PollWriter.BATCH, null);
        Monitoring set = new Monitoring(Duration.ofSeconds(10), 4.0, Duration.ofSeconds(60), PollWriter.BATCH,
                Duration.ofSeconds(8));
        assertThat(unset.effectiveHostTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(set.effectiveHostTimeout()).isEqualTo(Duration.ofSeconds(8));
    }
}
