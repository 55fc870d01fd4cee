package org.kvmorch.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kvmorch.hypervisor.JobPhase;
import org.kvmorch.hypervisor.JobStats;

/**
 * A post-copy whose stream dies silently (no keepalive: the hypervisor keeps saying POSTCOPY while
 * nothing moves) must be paused by the loop — never aborted — and then resumed to completion.
 */
class ControlLoopStallTest {

    /** A job in post-copy that stalls at 5 s, pauses on abort(), and finishes 3 s after resume. */
    static final class SilentlyCutJob extends ScriptedJob {
        long elapsedMs;
        long bytes = 1_000;
        JobPhase phase = JobPhase.POSTCOPY;
        long resumedAt = -1;
        int aborts;
        int resumes;
        /** Resume attempts before this time are refused (the link or the destination not ready). */
        long resumableFromMs;

        @Override
        public JobStats awaitProgress(Duration maxWait) {
            elapsedMs += maxWait.toMillis();
            if (phase == JobPhase.POSTCOPY && (elapsedMs < 5_000 || resumedAt >= 0)) {
                bytes += 1_000_000; // data moves before the cut and after the resume
            }
            if (resumedAt >= 0 && elapsedMs - resumedAt >= 3_000) {
                phase = JobPhase.COMPLETED;
            }
            return stats();
        }

        @Override
        public JobStats stats() {
            return new JobStats(phase, elapsedMs, 0, bytes, 0, 0, bytes, 0, 0, 0, 3, 0, 0, 0, 4096, 0, 0, 5, 5, 1_000);
        }

        @Override
        public void abort() {
            aborts++;
            assertThat(phase).as("abort only ever pauses a post-copy here").isEqualTo(JobPhase.POSTCOPY);
            phase = JobPhase.POSTCOPY_PAUSED;
        }

        @Override
        public void resumePostCopy() {
            if (elapsedMs < resumableFromMs) {
                throw new IllegalStateException("the destination has not answered for " + (elapsedMs - 15_000) / 1000 + " s");
            }
            resumes++;
            phase = JobPhase.POSTCOPY;
            resumedAt = elapsedMs;
        }

    }

    @Test
    void stalledPostcopyIsPausedThenResumedToCompletion() {
        SilentlyCutJob job = new SilentlyCutJob();
        ControlLoop.Settings settings = new ControlLoop.Settings(Duration.ofSeconds(1), Duration.ofDays(1),
                Duration.ofMinutes(10), Duration.ofSeconds(10));
        ControlLoop.Outcome outcome = new ControlLoop(job, obs -> Decision.none(), Duration.ofMillis(300), settings,
                new ControlLoop.Listener() { }).run();

        assertThat(outcome.result()).isEqualTo(ControlLoop.Result.COMPLETED);
        assertThat(job.aborts).as("paused once, after 10 s without progress").isEqualTo(1);
        assertThat(job.resumes).isEqualTo(1);
        // ticks every 1 s; data last moves at the 4 s tick; 10 s later (14 s) the loop pauses the
        // job; at the next tick (15 s) it sees POSTCOPY_PAUSED and resumes; done 3 s later.
        assertThat(job.resumedAt).isEqualTo(15_000);
        assertThat(outcome.decisions()).singleElement()
                .satisfies(d -> assertThat(d.reason()).contains("sent nothing for 10 s"));
    }

    @Test
    void aResumeThatKeepsFailingIsEscalatedWithItsReasonAndStillRetried() {
        SilentlyCutJob job = new SilentlyCutJob();
        job.resumableFromMs = 60_000;
        ControlLoop.Settings settings = new ControlLoop.Settings(Duration.ofSeconds(1), Duration.ofDays(1),
                Duration.ofSeconds(30), Duration.ofSeconds(10));
        List<String> escalations = new ArrayList<>();
        List<Long> escalatedAt = new ArrayList<>();
        ControlLoop.Outcome outcome = new ControlLoop(job, obs -> Decision.none(), Duration.ofMillis(300), settings,
                new ControlLoop.Listener() {
                    @Override
                    public void onEscalated(JobStats stats, String reason) {
                        escalations.add(reason);
                        escalatedAt.add(stats.timeElapsedMillis());
                    }
                }).run();

        // paused at 14 s, seen paused at 15 s; refused until 60 s; escalated once, past 15 + 30 s
        assertThat(escalations).singleElement().satisfies(r -> assertThat(r)
                .contains("not resumable within PT30S", "last resume attempt: the destination has not answered for 30 s"));
        assertThat(escalatedAt).containsExactly(46_000L);
        assertThat(job.resumedAt).as("still retried after the escalation").isEqualTo(60_000);
        assertThat(outcome.result()).isEqualTo(ControlLoop.Result.COMPLETED);
    }
}
