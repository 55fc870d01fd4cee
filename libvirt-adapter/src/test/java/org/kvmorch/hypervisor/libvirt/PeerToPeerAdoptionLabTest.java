package org.kvmorch.hypervisor.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kvmorch.hypervisor.JobPhase;
import org.kvmorch.hypervisor.JobStats;
import org.kvmorch.hypervisor.MigrationJob;
import org.kvmorch.hypervisor.MigrationRequest;

/**
 * An orchestrator that dies mid-migration, on real libvirt: a peer-to-peer migration is started by
 * another client (virsh, as the dead process), that client is killed with SIGKILL, and a fresh
 * adapter adopts the job libvirt still runs — then controls it to its end.
 */
@Tag("lab")
class PeerToPeerAdoptionLabTest {

    private static final long MIB = 1024 * 1024;

    static final Lab lab = Lab.load();
    @RegisterExtension
    static final LabHypervisor hypervisor = new LabHypervisor(lab);
    final List<String> guests = new ArrayList<>();
    final List<Process> clients = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        clients.forEach(Process::destroyForcibly);
        guests.forEach(lab::removeEverywhere);
    }

    private String guest() {
        String name = Lab.uniqueName("adopt");
        guests.add(name);
        return lab.startGuest("host1", name, 256, 64, 20);
    }

    /** virsh starts a slow (4 MiB/s) peer-to-peer migration and is killed once libvirt runs the job. */
    private void startMigrationFromAClientThatDies(String vm) throws InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("virsh", "-c", lab.uri("host1"), "migrate", "--live", "--p2p",
                "--persistent", "--undefinesource", "--postcopy", "--abort-on-error", "--bandwidth", "4", vm,
                lab.uri("host2"), lab.migrateUri("host2")).redirectErrorStream(true);
        Process client;
        try {
            client = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        clients.add(client);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!migrating(vm) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(migrating(vm)).as("libvirt runs the migration virsh started").isTrue();
        client.destroyForcibly().waitFor();
        Thread.sleep(1000);
        assertThat(migrating(vm)).as("the job outlives its client (peer-to-peer)").isTrue();
    }

    private boolean migrating(String vm) {
        try {
            Process p = new ProcessBuilder("virsh", "-q", "-c", lab.uri("host1"), "domjobinfo", vm)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return out.contains("Outgoing migration");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void aMigrationWhoseClientDiedIsAdoptedAndFinishedByPostcopy() throws InterruptedException {
        String vm = guest();
        startMigrationFromAClientThatDies(vm);
        long t0 = System.nanoTime();

        Optional<MigrationJob> adopted = hypervisor.host("host1").adoptJob(vm, hypervisor.host("host2"),
                MigrationRequest.live().withBandwidth(4 * MIB));

        assertThat(adopted).isPresent();
        MigrationJob job = adopted.get();
        assertThat(job.stats().phase()).isEqualTo(JobPhase.PRECOPY);
        assertThat(job.stats().memoryProcessedBytes()).isPositive();
        assertThat(job.destinationHost()).isEqualTo("host2");
        job.setMaxBandwidth(0);
        job.startPostCopy();
        JobStats s = LibvirtLabTest.awaitEnd(job, Duration.ofMinutes(2));
        Scenario.report("adopted-postcopy", (System.nanoTime() - t0) / 1_000_000, s);
        assertThat(s.phase()).isEqualTo(JobPhase.COMPLETED);
        assertThat(s.inPostcopy()).isTrue();
        assertThat(lab.runningOn("host2", vm)).isTrue();
        assertThat(lab.state("host1", vm)).isEmpty();
    }

    @Test
    void anAdoptedMigrationCanBeAbortedAndTheGuestStaysOnTheSource() throws InterruptedException {
        String vm = guest();
        startMigrationFromAClientThatDies(vm);

        MigrationJob job = hypervisor.host("host1").adoptJob(vm, hypervisor.host("host2"),
                MigrationRequest.live().withBandwidth(4 * MIB)).orElseThrow();
        job.abort();
        JobStats s = LibvirtLabTest.awaitEnd(job, Duration.ofSeconds(60));

        assertThat(s.phase()).isEqualTo(JobPhase.CANCELLED);
        assertThat(lab.runningOn("host1", vm)).isTrue();
        assertThat(lab.runningOn("host2", vm)).isFalse();
    }

    @Test
    void aGuestThatIsNotMigratingHasNothingToAdopt() {
        String vm = guest();

        assertThat(hypervisor.host("host1").adoptJob(vm, hypervisor.host("host2"), MigrationRequest.live()))
                .isEmpty();
        assertThat(hypervisor.host("host1").adoptJob("no-such-guest", hypervisor.host("host2"),
                MigrationRequest.live())).isEmpty();
    }
}
