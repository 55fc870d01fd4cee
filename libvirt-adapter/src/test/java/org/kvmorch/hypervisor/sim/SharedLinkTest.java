package org.kvmorch.hypervisor.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SharedLinkTest {

    /**
     * Two 1 GiB guests with nothing dirtied leave the same host over one 100 MiB/s link: each gets
     * 50 MiB/s, so each bulk pass takes 1024/50 = 20.48 s instead of 10.24 s alone.
     */
    @Test
    void twoMigrationsOnOneLinkGetHalfEach() {
        SimulatedDatacenter dc = SimFixtures.twoHosts(100)
                .vm(SimFixtures.vm("a", 1024, SimFixtures.sequential(0, 1024)))
                .vm(SimFixtures.vm("b", 1024, SimFixtures.sequential(0, 1024)))
                .build();
        SimMigrationJob a = SimFixtures.start(dc, "a", SimFixtures.live(300), StopRule.ROUND_END);
        SimMigrationJob b = SimFixtures.start(dc, "b", SimFixtures.live(300), StopRule.ROUND_END);
        dc.advance(Duration.ofSeconds(5));
        assertThat(a.stats().memoryBytesPerSecond() / (double) Units.MIB).isCloseTo(50, within(0.01));
        assertThat(b.stats().memoryBytesPerSecond() / (double) Units.MIB).isCloseTo(50, within(0.01));
        assertThat(dc.host("src").utilization().network()).isCloseTo(1.0, within(1e-6));
        SimFixtures.finish(a);
        SimFixtures.finish(b);
        assertThat(a.stats().timeElapsedMillis() / 1000.0).isCloseTo(20.49, within(0.05));
        assertThat(b.stats().timeElapsedMillis() / 1000.0).isCloseTo(20.49, within(0.05));
    }

    /** A rate-limited migration leaves the rest of the link to the other one (max-min fairness). */
    @Test
    void aRateLimitedMigrationLeavesTheRestToTheOther() {
        SimulatedDatacenter dc = SimFixtures.twoHosts(100)
                .vm(SimFixtures.vm("a", 1024, SimFixtures.sequential(0, 1024)))
                .vm(SimFixtures.vm("b", 1024, SimFixtures.sequential(0, 1024)))
                .build();
        SimMigrationJob a = SimFixtures.start(dc, "a", SimFixtures.live(300).withBandwidth(20 * Units.MIB),
                StopRule.QEMU);
        SimMigrationJob b = SimFixtures.start(dc, "b", SimFixtures.live(300), StopRule.QEMU);
        dc.advance(Duration.ofSeconds(3));
        assertThat(a.stats().memoryBytesPerSecond() / (double) Units.MIB).isCloseTo(20, within(0.01));
        assertThat(b.stats().memoryBytesPerSecond() / (double) Units.MIB).isCloseTo(80, within(0.01));
    }
}
