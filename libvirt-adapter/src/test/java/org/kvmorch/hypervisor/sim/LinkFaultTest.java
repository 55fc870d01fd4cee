package org.kvmorch.hypervisor.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.kvmorch.hypervisor.JobPhase;

class LinkFaultTest {

    /** A link cut in pre-copy fails the job at that moment; the guest never left the source. */
    @Test
    void precopyFailsAndTheGuestKeepsRunningOnTheSource() {
        SimulatedDatacenter dc = SimFixtures.twoHosts(100).vm(SimFixtures.vm("vm", 1024, SimFixtures.sequential(10, 1024)))
                .build();
        dc.cutLink("dst", Duration.ofSeconds(2), Duration.ofSeconds(5));
        SimMigrationJob job = SimFixtures.start(dc, "vm", SimFixtures.live(300), StopRule.QEMU);
        SimFixtures.finish(job);
        assertThat(job.phase()).isEqualTo(JobPhase.FAILED);
        assertThat(job.endReason()).contains("link down");
        assertThat(job.stats().timeElapsedMillis()).isEqualTo(2000);
        assertThat(dc.host("src").domain("vm").orElseThrow().status()).isEqualTo(DomainReasons.BOOTED);
        assertThat(dc.host("dst").domain("vm")).isEmpty();
    }

    /**
     * A link cut after the switch pauses post-copy: source PAUSED/postcopy-failed, destination
     * RUNNING/postcopy-failed; resuming fails while the link is down and succeeds after, and the
     * migration then completes with every pending page sent once.
     */
    @Test
    void postcopyPausesAndResumesAfterTheLinkIsBack() {
        SimulatedDatacenter dc = SimFixtures.twoHosts(100)
                .vm(SimFixtures.vm("vm", 1024, WorkloadSpec.hotset(30 * Units.MIB, 512 * Units.MIB))).build();
        dc.cutLink("src", Duration.ofSeconds(3), Duration.ofSeconds(10));
        SimMigrationJob job = SimFixtures.start(dc, "vm", SimFixtures.live(300), StopRule.QEMU);
        job.startPostCopy();
        while (job.phase() != JobPhase.POSTCOPY_PAUSED && !job.phase().isTerminal()) {
            job.awaitProgress(Duration.ofSeconds(1));
        }
        assertThat(job.phase()).isEqualTo(JobPhase.POSTCOPY_PAUSED);
        assertThat(dc.clock().millis()).isLessThanOrEqualTo(3100);
        assertThat(dc.host("src").domain("vm").orElseThrow().status()).isEqualTo(DomainReasons.PAUSED_POSTCOPY_FAILED);
        assertThat(dc.host("dst").domain("vm").orElseThrow().status()).isEqualTo(DomainReasons.RUNNING_POSTCOPY_FAILED);
        long sentWhilePaused = job.pagesSent();
        dc.advance(Duration.ofSeconds(5));
        assertThat(job.pagesSent()).isEqualTo(sentWhilePaused);
        assertThatThrownBy(job::resumePostCopy).isInstanceOf(IllegalStateException.class);
        dc.advance(Duration.ofSeconds(6)); // past 13 s: the link is back
        job.resumePostCopy();
        assertThat(job.phase()).isEqualTo(JobPhase.POSTCOPY);
        SimFixtures.finish(job);
        assertThat(job.phase()).isEqualTo(JobPhase.COMPLETED);
        assertThat(dc.host("dst").domain("vm").orElseThrow().status()).isEqualTo(DomainReasons.MIGRATED);
        assertThat(dc.host("src").domain("vm")).isEmpty();
        // Nothing crossed twice after the switch, pause or not.
        assertThat(job.postcopyPages()).isEqualTo(job.pagesPendingAtPostcopySwitch());
    }
}
