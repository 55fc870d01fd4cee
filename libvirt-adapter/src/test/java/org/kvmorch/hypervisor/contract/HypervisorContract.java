package org.kvmorch.hypervisor.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kvmorch.hypervisor.DomainState;
import org.kvmorch.hypervisor.Hypervisor;
import org.kvmorch.hypervisor.JobPhase;
import org.kvmorch.hypervisor.JobStats;
import org.kvmorch.hypervisor.MigrationJob;
import org.kvmorch.hypervisor.MigrationRequest;

/**
 * What every implementation of the hypervisor port must do, the simulator and libvirt alike.
 * Subclasses provide a two-host fixture with one guest on the source; time is the
 * implementation's own (virtual in the simulator, real on libvirt).
 */
public abstract class HypervisorContract {

    /** What the guest must do for a test. */
    public enum Guest {
        /** Pre-copy converges by itself. */
        CONVERGING,
        /** Pre-copy keeps going long enough to be aborted or switched to post-copy. */
        BUSY
    }

    /** Two hosts, one guest on {@link #source()}. Closing removes whatever the test left behind. */
    public interface Fixture extends AutoCloseable {
        Hypervisor hypervisor();

        String source();

        String destination();

        String domain();

        /** Longest a migration may take here, on the implementation's clock. */
        Duration limit();

        @Override
        void close();
    }

    protected abstract Fixture fixture(Guest guest);

    /** Hook for implementations that can also check the domain outside the port (libvirt: virsh). */
    protected void assertRunsOnlyOn(Fixture f, String host, String other) {
        assertThat(f.hypervisor().host(host).domain(f.domain()))
                .hasValueSatisfying(d -> assertThat(d.status().state()).isEqualTo(DomainState.RUNNING));
        assertThat(f.hypervisor().host(other).domain(f.domain())
                .filter(d -> d.status().state() == DomainState.RUNNING)).isEmpty();
    }

    static List<JobStats> runToEnd(MigrationJob job, Duration limit, java.util.function.Consumer<JobStats> onStats) {
        List<JobStats> seen = new ArrayList<>();
        JobStats s = job.stats();
        seen.add(s);
        long steps = Math.max(1, limit.toMillis() / 500);
        for (long i = 0; i < steps && !s.phase().isTerminal(); i++) {
            s = job.awaitProgress(Duration.ofMillis(500));
            seen.add(s);
            if (!s.phase().isTerminal()) {
                onStats.accept(s);
            }
        }
        return seen;
    }

    @Test
    void migrationCompletesAndTheDomainMoves() {
        try (Fixture f = fixture(Guest.CONVERGING)) {
            MigrationJob job = f.hypervisor().host(f.source())
                    .migrate(f.domain(), f.hypervisor().host(f.destination()), MigrationRequest.live());
            assertThat(job.domainName()).isEqualTo(f.domain());
            assertThat(job.sourceHost()).isEqualTo(f.source());
            assertThat(job.destinationHost()).isEqualTo(f.destination());
            List<JobStats> seen = runToEnd(job, f.limit(), s -> { });
            JobStats end = seen.get(seen.size() - 1);
            assertThat(end.phase()).isEqualTo(JobPhase.COMPLETED);
            assertThat(end.downtimeKnown()).isTrue();
            assertThat(end.memoryTotalBytes()).isPositive();
            assertRunsOnlyOn(f, f.destination(), f.source());
            assertThat(f.hypervisor().host(f.source()).activeJob(f.domain())).isEmpty();
        }
    }

    @Test
    void abortDuringPrecopyKeepsTheDomainOnTheSource() {
        try (Fixture f = fixture(Guest.BUSY)) {
            MigrationJob job = f.hypervisor().host(f.source())
                    .migrate(f.domain(), f.hypervisor().host(f.destination()), MigrationRequest.live());
            boolean[] aborted = {false};
            List<JobStats> seen = runToEnd(job, f.limit(), s -> {
                if (!aborted[0] && s.phase() == JobPhase.PRECOPY && s.memoryProcessedBytes() > 0) {
                    job.abort();
                    aborted[0] = true;
                }
            });
            assertThat(aborted[0]).isTrue();
            JobStats end = seen.get(seen.size() - 1);
            assertThat(end.phase()).isEqualTo(JobPhase.CANCELLED);
            assertThat(end.downtimeKnown()).isFalse();
            assertRunsOnlyOn(f, f.source(), f.destination());
        }
    }

    @Test
    void postcopySwitchCompletes() {
        try (Fixture f = fixture(Guest.BUSY)) {
            MigrationJob job = f.hypervisor().host(f.source())
                    .migrate(f.domain(), f.hypervisor().host(f.destination()), MigrationRequest.live());
            boolean[] switched = {false};
            List<JobStats> seen = runToEnd(job, f.limit(), s -> {
                if (!switched[0] && s.phase() == JobPhase.PRECOPY && s.memoryIteration() >= 2) {
                    job.startPostCopy();
                    switched[0] = true;
                }
            });
            assertThat(switched[0]).isTrue();
            JobStats end = seen.get(seen.size() - 1);
            assertThat(end.phase()).isEqualTo(JobPhase.COMPLETED);
            assertThat(end.inPostcopy()).isTrue();
            assertThat(end.postcopyStartedAtMillis()).isLessThanOrEqualTo(end.timeElapsedMillis());
            assertRunsOnlyOn(f, f.destination(), f.source());
        }
    }

    @Test
    void jobStatsAreMonotonicAndEndInATerminalPhase() {
        try (Fixture f = fixture(Guest.CONVERGING)) {
            MigrationJob job = f.hypervisor().host(f.source())
                    .migrate(f.domain(), f.hypervisor().host(f.destination()), MigrationRequest.live());
            List<JobStats> seen = runToEnd(job, f.limit(), s -> { });
            for (int i = 1; i < seen.size(); i++) {
                JobStats a = seen.get(i - 1);
                JobStats b = seen.get(i);
                assertThat(b.timeElapsedMillis()).as("time_elapsed").isGreaterThanOrEqualTo(a.timeElapsedMillis());
                assertThat(b.dataProcessedBytes()).as("data_processed").isGreaterThanOrEqualTo(a.dataProcessedBytes());
                assertThat(b.memoryIteration()).as("memory_iteration").isGreaterThanOrEqualTo(a.memoryIteration());
                assertThat(a.phase().isTerminal()).as("no stats after a terminal phase").isFalse();
            }
            assertThat(seen.get(seen.size() - 1).phase().isTerminal()).isTrue();
            assertThat(job.stats()).isEqualTo(seen.get(seen.size() - 1));
        }
    }
}
