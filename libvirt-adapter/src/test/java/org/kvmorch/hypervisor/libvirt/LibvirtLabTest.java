package org.kvmorch.hypervisor.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kvmorch.hypervisor.DomainInfo;
import org.kvmorch.hypervisor.DomainState;
import org.kvmorch.hypervisor.DomainUtilization;
import org.kvmorch.hypervisor.Host;
import org.kvmorch.hypervisor.HostUtilization;
import org.kvmorch.hypervisor.JobPhase;
import org.kvmorch.hypervisor.JobStats;
import org.kvmorch.hypervisor.MigrationFlag;
import org.kvmorch.hypervisor.MigrationJob;
import org.kvmorch.hypervisor.MigrationMode;
import org.kvmorch.hypervisor.MigrationRequest;

/**
 * The libvirt adapter against real libvirt + QEMU (deploy/lab, two hosts). Each test checks
 * libvirt's own view (virsh) afterwards and prints its measured numbers (LAB-RESULT lines).
 */
@Tag("lab")
class LibvirtLabTest {

    static final Lab lab = Lab.load();
    @RegisterExtension
    static final LabHypervisor hypervisor = new LabHypervisor(lab,
            LibvirtSettings.defaults().withColdShutdown(Duration.ofSeconds(3), true));
    final List<String> guests = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        lab.labSh("heal", "host2");
        lab.labSh("unthrottle", "host2");
        guests.forEach(lab::removeEverywhere);
    }

    private String guest(int memMib, int wssMib, double dirtyMibps) {
        String name = Lab.uniqueName("lab");
        guests.add(name);
        return lab.startGuest("host1", name, memMib, wssMib, dirtyMibps);
    }

    static JobStats awaitEnd(MigrationJob job, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        JobStats s = job.stats();
        while (!s.phase().isTerminal() && System.nanoTime() < deadline) {
            s = job.awaitProgress(Duration.ofSeconds(1));
        }
        return s;
    }

    @Test
    void utilizationIsReadFromRealHosts() throws InterruptedException {
        String vm = guest(128, 32, 30);
        Host h1 = hypervisor.host("host1");
        assertThat(h1.nodeInfo().cpus()).isPositive();
        assertThat(h1.nodeInfo().uuid()).isEqualTo("6b766d6f-7263-4c61-8200-000000000001");
        HostUtilization hu = h1.utilization();
        DomainUtilization du = h1.domainUtilization(vm);
        System.out.printf("LAB-RESULT utilization host1 cpu=%.3f mem=%.3f disk=%.3f net=%.3f; %s cpu=%.3f mem=%.4f%n",
                hu.cpu(), hu.memory(), hu.disk(), hu.network(), vm, du.cpu(), du.memory());
        assertThat(hu.cpu()).isGreaterThan(0);
        assertThat(hu.memory()).isGreaterThan(0);
        assertThat(du.cpu()).isGreaterThan(0);
        assertThat(du.memory()).isGreaterThan(0);
        // The first sample started QEMU's one-second dirty-rate measurement; a sample 2.5 s later reads it.
        Thread.sleep(2500);
        DomainUtilization later = h1.domainUtilization(vm);
        System.out.printf("LAB-RESULT dirty rate of %s (writes 30 MiB/s over 32 MiB): %s MiB/s%n", vm,
                later.dirtyRateBytesPerSecond().isPresent() ? later.dirtyRateBytesPerSecond().getAsLong() >> 20 : "-");
        assertThat(later.dirtyRateBytesPerSecond()).as("measured by QEMU's page sampling").isPresent();
        assertThat(later.dirtyRateBytesPerSecond().getAsLong()).isPositive();
        // The resident set of the QEMU process (the guest has no balloon device): what the guest has touched.
        System.out.printf("LAB-RESULT resident set of %s (128 MiB guest): %s MiB%n", vm,
                later.residentBytes().isPresent() ? later.residentBytes().getAsLong() >> 20 : "-");
        assertThat(later.residentBytes()).as("balloon.rss").isPresent();
        assertThat(later.residentBytes().getAsLong()).isPositive();
        DomainInfo info = h1.domain(vm).orElseThrow();
        assertThat(info.status().state()).isEqualTo(DomainState.RUNNING);
        assertThat(info.memoryBytes()).isEqualTo(128L << 20);
        assertThat(info.vcpus()).isEqualTo(1);
        assertThat(lab.runningOn("host1", vm)).isTrue();
    }

    @Test
    void precopyMigrationCompletesAndTheGuestRunsOnTheDestination() {
        String vm = guest(256, 64, 20);
        long t0 = System.nanoTime();
        MigrationJob job = hypervisor.host("host1").migrate(vm, hypervisor.host("host2"), MigrationRequest.live());
        JobStats end = awaitEnd(job, Duration.ofMinutes(2));
        Scenario.report("precopy", (System.nanoTime() - t0) / 1_000_000, end);
        assertThat(end.phase()).isEqualTo(JobPhase.COMPLETED);
        assertThat(end.downtimeMillis()).isGreaterThanOrEqualTo(0);
        assertThat(end.dataProcessedBytes()).isPositive();
        assertThat(lab.runningOn("host2", vm)).isTrue();
        assertThat(lab.state("host1", vm)).isEmpty();
    }

    private static final long MIB = 1L << 20;

    @Test
    void nonConvergingGuestFinishesWithAutoConvergeAndTheThrottleRising() {
        // ~12 MiB/s link, a 20 MiB/s writer: pre-copy alone never converges. The guest catches up on
        // up to 100 ms of backlog after each throttle sleep, so only throttles above ~90 % slow it:
        // start at 40 % and step 20 % to get there in a few syncs (QEMU's 20/10 takes ~100 s here).
        String vm = guest(192, 16, 20);
        lab.labSh("throttle", "host2", "100");
        MigrationRequest base = MigrationRequest.live().withFlags(EnumSet.of(MigrationFlag.PEER2PEER,
                MigrationFlag.PERSIST_DEST, MigrationFlag.UNDEFINE_SOURCE, MigrationFlag.ABORT_ON_ERROR,
                MigrationFlag.AUTO_CONVERGE));
        MigrationRequest request = new MigrationRequest(base.mode(), base.flags(), base.maxDowntime(), 0, 40, 20, 1,
                base.migrationUri());
        long t0 = System.nanoTime();
        MigrationJob job = hypervisor.host("host1").migrate(vm, hypervisor.host("host2"), request);
        List<Integer> throttles = new ArrayList<>();
        JobStats s = job.stats();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (!s.phase().isTerminal() && System.nanoTime() < deadline) {
            s = job.awaitProgress(Duration.ofSeconds(1));
            if (!s.phase().isTerminal() && (throttles.isEmpty()
                    || throttles.get(throttles.size() - 1) != s.autoConvergeThrottlePercent())) {
                throttles.add(s.autoConvergeThrottlePercent());
            }
        }
        Scenario.report("autoconverge", (System.nanoTime() - t0) / 1_000_000, s);
        System.out.println("LAB-RESULT autoconverge throttle steps " + throttles);
        assertThat(s.phase()).isEqualTo(JobPhase.COMPLETED);
        assertThat(throttles).isSorted();
        assertThat(throttles.stream().filter(t -> t >= 20).distinct().count()).isGreaterThanOrEqualTo(2);
        assertThat(lab.runningOn("host2", vm)).isTrue();
        assertThat(lab.state("host1", vm)).isEmpty();
    }

    @Test
    void postcopySwitchCompletes() {
        String vm = guest(256, 64, 20);
        long t0 = System.nanoTime();
        MigrationJob job = hypervisor.host("host1").migrate(vm, hypervisor.host("host2"),
                MigrationRequest.live().withBandwidth(32 * MIB));
        JobStats s = job.stats();
        boolean switched = false;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!s.phase().isTerminal() && System.nanoTime() < deadline) {
            s = job.awaitProgress(Duration.ofSeconds(1));
            if (!switched && s.phase() == JobPhase.PRECOPY && (s.memoryIteration() >= 2 || s.timeElapsedMillis() > 3000)) {
                job.startPostCopy();
                switched = true;
            }
        }
        Scenario.report("postcopy-switch", (System.nanoTime() - t0) / 1_000_000, s);
        assertThat(s.phase()).isEqualTo(JobPhase.COMPLETED);
        assertThat(s.inPostcopy()).isTrue();
        assertThat(lab.runningOn("host2", vm)).isTrue();
        assertThat(lab.state("host1", vm)).isEmpty();
    }

    /**
     * Post-copy recovery on real libvirt. The link is cut only once the guest has reported progress
     * on the destination's console: cut earlier (2 s after the switch, as this test first did), the
     * destination's vCPU was, in 4 of 4 runs, still waiting for the first page it asked for (an
     * interrupt frame on the idle stack; requests queue behind the bulk stream on a 40 Mbit/s link,
     * and the guest needed 12-15 s for its second report) while holding QEMU's global lock under
     * TCG. Then the destination QEMU answers no monitor command, and libvirt's resume, which first
     * asks it for its migration state, blocks forever (docs/benchmarks.md). Waiting for the
     * reports: 4 of 4 resumed in 1.8-1.9 s.
     */
    @Test
    void postcopyLinkCutPausesAndResumeCompletesWithTheGuestAlive() throws InterruptedException {
        // ~400 MiB of post-copy at 40 Mbit/s (~80 s): the guest's second report on host2 can come
        // 25 s after its first (it crawls while its pages queue behind the bulk stream), and the
        // cut must still find post-copy running
        String vm = guest(512, 384, 20);
        lab.labSh("throttle", "host2", "40");
        long t0 = System.nanoTime();
        MigrationJob job = hypervisor.host("host1").migrate(vm, hypervisor.host("host2"), MigrationRequest.live());
        JobStats s = job.stats();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (s.phase() != JobPhase.POSTCOPY && !s.phase().isTerminal() && System.nanoTime() < deadline) {
            s = job.awaitProgress(Duration.ofMillis(500));
            if (s.phase() == JobPhase.PRECOPY && s.timeElapsedMillis() > 2000) {
                job.startPostCopy();
            }
        }
        assertThat(s.phase()).isEqualTo(JobPhase.POSTCOPY);
        assertThat(lab.awaitProgressReports("host2", vm, 2, Duration.ofSeconds(90)))
                .as("the guest reports progress on the destination").isTrue();
        long read = freshUtilizationMillis("host2", vm);
        System.out.printf("LAB-RESULT utilization of the post-copy destination read in %d ms%n", read);
        assertThat(read).as("the dirty-rate probe leaves the incoming migration alone").isLessThan(10_000);
        lab.labSh("cut", "host2");
        Thread.sleep(1000);
        // QEMU's migration stream has no keepalive, so a silent cut is noticed only by a TCP
        // timeout. Do what the orchestrator does on a stalled post-copy: pause it on the source
        // (VIR_DOMAIN_ABORT_JOB_POSTCOPY: the guest is never destroyed), which also makes libvirt's
        // first migrate call return. No TCP resets: the destination notices once the link is back
        // (its retransmitted page request meets a closed socket), as it would in production.
        job.abort();
        deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (s.phase() != JobPhase.POSTCOPY_PAUSED && !s.phase().isTerminal() && System.nanoTime() < deadline) {
            s = job.awaitProgress(Duration.ofSeconds(1));
        }
        long pausedAt = (System.nanoTime() - t0) / 1_000_000;
        assertThat(s.phase()).isEqualTo(JobPhase.POSTCOPY_PAUSED);
        assertThat(lab.state("host1", vm)).hasValueSatisfying(st -> assertThat(st).startsWith("paused"));
        System.out.println("LAB-RESULT postcopy-cut paused at " + pausedAt + " ms; host1: "
                + lab.state("host1", vm).orElse("-") + "; host2: " + lab.state("host2", vm).orElse("-"));
        lab.labSh("heal", "host2");
        lab.labSh("unthrottle", "host2");
        long resumeStart = System.nanoTime();
        // As the ControlLoop does: while paused, try to resume (a refused or failed attempt leaves
        // the job paused and is simply tried again).
        deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!s.phase().isTerminal() && System.nanoTime() < deadline) {
            if (s.phase() == JobPhase.POSTCOPY_PAUSED) {
                try {
                    job.resumePostCopy();
                } catch (IllegalStateException notYet) {
                    System.out.println("LAB-RESULT postcopy-cut resume refused: " + notYet.getMessage());
                }
            }
            s = job.awaitProgress(Duration.ofSeconds(2));
        }
        System.out.println("LAB-RESULT postcopy-cut resume took " + (System.nanoTime() - resumeStart) / 1_000_000 + " ms");
        Scenario.report("postcopy-cut-resume", (System.nanoTime() - t0) / 1_000_000, s);
        assertThat(s.phase()).isEqualTo(JobPhase.COMPLETED);
        assertThat(lab.runningOn("host2", vm)).isTrue();
        assertThat(lab.state("host1", vm)).isEmpty();
    }

    /** Reads a domain's utilization from a fresh sample (the sampler shares one for 2 s); returns how long it took. */
    private long freshUtilizationMillis(String host, String vm) throws InterruptedException {
        Thread.sleep(UtilizationSampler.REUSE_NANOS / 1_000_000 + 100);
        long t = System.nanoTime();
        hypervisor.host(host).domainUtilization(vm);
        return (System.nanoTime() - t) / 1_000_000;
    }

    @Test
    void abortDuringPrecopyLeavesTheGuestRunningOnTheSource() throws InterruptedException {
        String vm = guest(256, 64, 40);
        lab.labSh("throttle", "host2", "40");
        long t0 = System.nanoTime();
        MigrationJob job = hypervisor.host("host1").migrate(vm, hypervisor.host("host2"), MigrationRequest.live());
        JobStats s = job.stats();
        while (s.timeElapsedMillis() < 3000 && !s.phase().isTerminal()) {
            s = job.awaitProgress(Duration.ofMillis(500));
        }
        assertThat(s.phase()).isEqualTo(JobPhase.PRECOPY);
        // The poll's dirty-rate probe must leave a domain with a migration job alone: libvirt would
        // make its call wait for the job (up to 30 s), and the poll with it.
        long read = freshUtilizationMillis("host1", vm);
        System.out.printf("LAB-RESULT utilization of the migrating source read in %d ms%n", read);
        assertThat(read).isLessThan(10_000);
        job.abort();
        s = awaitEnd(job, Duration.ofSeconds(60));
        Scenario.report("abort-precopy", (System.nanoTime() - t0) / 1_000_000, s);
        assertThat(s.phase()).isEqualTo(JobPhase.CANCELLED);
        assertThat(lab.runningOn("host1", vm)).isTrue();
        assertThat(lab.runningOn("host2", vm)).isFalse();
    }

    @Test
    void coldMigrationMovesTheGuest() {
        String vm = guest(128, 32, 5);
        long t0 = System.nanoTime();
        MigrationJob job = hypervisor.host("host1").migrate(vm, hypervisor.host("host2"),
                MigrationRequest.live().withMode(MigrationMode.COLD));
        JobStats s = awaitEnd(job, Duration.ofMinutes(1));
        Scenario.report("cold", (System.nanoTime() - t0) / 1_000_000, s);
        assertThat(s.phase()).isEqualTo(JobPhase.COMPLETED);
        assertThat(lab.runningOn("host2", vm)).isTrue();
        assertThat(lab.state("host1", vm)).isEmpty();
    }
}
