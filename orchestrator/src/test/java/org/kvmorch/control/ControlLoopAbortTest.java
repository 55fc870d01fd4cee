package org.kvmorch.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.kvmorch.hypervisor.JobPhase;
import org.kvmorch.hypervisor.JobStats;

/**
 * A policy's abort ends the job as the hypervisor reports an abort (cancelled); the loop records it as
 * the failure it is, with the policy's reason. An abort that came too late (the job completed) is a
 * completion, and an abort the loop did not send (an operator's cancel) stays a cancel.
 */
class ControlLoopAbortTest {

    /** Pre-copy that never converges; abort() ends it with {@code abortEndsAs} at the next tick. */
    static final class PrecopyJob extends ScriptedJob {
        long elapsedMs;
        JobPhase phase = JobPhase.PRECOPY;
        JobPhase abortEndsAs = JobPhase.CANCELLED;
        boolean abortRequested;

        @Override
        public JobStats awaitProgress(Duration maxWait) {
            elapsedMs += maxWait.toMillis();
            if (abortRequested) {
                phase = abortEndsAs;
            }
            return stats();
        }

        @Override
        public JobStats stats() {
            return new JobStats(phase, elapsedMs, 0, elapsedMs * 1000, 1 << 20, 0, elapsedMs * 1000, 1 << 20, 0, 0, 1,
                    0, elapsedMs / 4, elapsedMs * 1000, 4096, 0, 0, 5, -1, -1);
        }

        @Override
        public void abort() {
            abortRequested = true;
        }

    }

    private static final ControlLoop.Settings SETTINGS = new ControlLoop.Settings(Duration.ofSeconds(1),
            Duration.ofDays(1), Duration.ofMinutes(10));

    /** Gives up at 3 s. */
    private static final Controller GIVES_UP = obs -> obs.elapsedMillis() >= 3000
            ? Decision.of(new Action.Abort(), "no progress for 3 s") : Decision.none();

    private static ControlLoop.Outcome run(PrecopyJob job, Controller controller) {
        return new ControlLoop(job, controller, Duration.ofMillis(300), SETTINGS, new ControlLoop.Listener() { }).run();
    }

    @Test
    void aPolicysAbortIsAFailureWithItsReason() {
        ControlLoop.Outcome outcome = run(new PrecopyJob(), GIVES_UP);
        assertThat(outcome.result()).isEqualTo(ControlLoop.Result.FAILED);
        assertThat(outcome.reason()).isEqualTo("aborted by the policy: no progress for 3 s");
    }

    @Test
    void anAbortTheJobOutranIsACompletion() {
        PrecopyJob job = new PrecopyJob();
        job.abortEndsAs = JobPhase.COMPLETED;
        assertThat(run(job, GIVES_UP).result()).isEqualTo(ControlLoop.Result.COMPLETED);
    }

    @Test
    void aCancelTheLoopDidNotSendStaysACancel() {
        PrecopyJob job = new PrecopyJob();
        Controller operatorCancelsAt2s = obs -> {
            if (obs.elapsedMillis() >= 2000) {
                job.abort(); // an operator's cancel reaches the job directly, not through the policy
            }
            return Decision.none();
        };
        ControlLoop.Outcome outcome = run(job, operatorCancelsAt2s);
        assertThat(outcome.result()).isEqualTo(ControlLoop.Result.CANCELLED);
        assertThat(outcome.reason()).isEmpty();
    }
}
