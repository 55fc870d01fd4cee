package org.kvmorch.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.kvmorch.hypervisor.JobPhase;
import org.kvmorch.hypervisor.JobStats;
import org.kvmorch.hypervisor.MigrationJob;

/**
 * One migration's control loop: wait for progress (an iteration or a tick), fold the statistics
 * into the pass history, ask the controller, apply its actions, repeat until the job ends. A
 * post-copy that lost its link is resumed, never aborted; if it cannot be resumed before the
 * recovery deadline the operator is told (the loop keeps trying: the guest must never be lost).
 * Runs in the hypervisor's time: virtual in the simulator, real on libvirt.
 */
public final class ControlLoop {

    /**
     * How a run ended. NOT_CONVERGED: pre-copy still running at the give-up time, aborted.
     * DETACHED: the loop's thread was interrupted (the orchestrator is shutting down) while the job
     * still ran; the job is left to the hypervisor, untouched, for the next start to adopt.
     */
    public enum Result { COMPLETED, FAILED, CANCELLED, NOT_CONVERGED, DETACHED }

    public record Outcome(Result result, JobStats finalStats, PassHistory passes, List<Decision> decisions,
                          String reason) {
    }

    /** Hooks for recording (the service persists each pass and decision as it happens). */
    public interface Listener {
        default void onStats(JobStats stats) {
        }

        default void onPass(PassRecord pass, Double lambda) {
        }

        default void onDecision(Decision decision, JobStats stats) {
        }

        /** A paused post-copy could not be resumed within the recovery deadline. */
        default void onEscalated(JobStats stats, String reason) {
        }
    }

    /**
     * @param postcopyStall a post-copy that sends nothing for this long has lost its link without
     *     the hypervisor noticing (QEMU's migration stream has no keepalive): the loop pauses it
     *     (never aborts it) and resumes it like any paused post-copy
     */
    public record Settings(Duration tick, Duration giveUpAfter, Duration recoveryDeadline, Duration postcopyStall) {
        public Settings(Duration tick, Duration giveUpAfter, Duration recoveryDeadline) {
            this(tick, giveUpAfter, recoveryDeadline, Duration.ofSeconds(10));
        }

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(1), Duration.ofDays(365), Duration.ofMinutes(10));
        }
    }

    private final MigrationJob job;
    private final Controller controller;
    private final Settings settings;
    private final Listener listener;
    private final PassHistory passes = new PassHistory();
    private final List<Decision> decisions = new ArrayList<>();
    private Duration currentDowntime;
    /** Why the last resume attempt did not go through; told to the operator on escalation. */
    private String lastResumeProblem;
    /** Why the policy aborted the pre-copy, if it did: then the job's end is a failure with that cause. */
    private String policyAbortReason;

    public ControlLoop(MigrationJob job, Controller controller, Duration initialDowntime, Settings settings,
                       Listener listener) {
        this.job = job;
        this.controller = controller;
        this.currentDowntime = initialDowntime;
        this.settings = settings;
        this.listener = listener;
    }

    public Outcome run() {
        JobStats stats = job.stats();
        long pausedSince = -1;
        boolean escalated = false;
        long lastProgressBytes = -1;
        long lastProgressAt = -1;
        while (!stats.phase().isTerminal()) {
            if (Thread.currentThread().isInterrupted()) {
                return new Outcome(Result.DETACHED, stats, passes, decisions,
                        "the orchestrator stopped watching; the job was left running on the hypervisor");
            }
            stats = job.awaitProgress(settings.tick());
            listener.onStats(stats);
            int before = passes.completedPasses();
            passes.observe(stats);
            for (int i = before; i < passes.completedPasses(); i++) {
                List<Double> lambdas = passes.lambdas();
                listener.onPass(passes.passes().get(i), i == 0 ? null : lambdas.get(i - 1));
            }
            if (stats.phase().isTerminal()) {
                break;
            }
            if (stats.phase() == JobPhase.POSTCOPY_PAUSED) {
                pausedSince = pausedSince < 0 ? stats.timeElapsedMillis() : pausedSince;
                if (!escalated && stats.timeElapsedMillis() - pausedSince > settings.recoveryDeadline().toMillis()) {
                    escalated = true;
                    listener.onEscalated(stats, "post-copy paused and not resumable within "
                            + settings.recoveryDeadline()
                            + (lastResumeProblem == null ? "" : " (last resume attempt: " + lastResumeProblem + ")"));
                }
                tryResume();
                continue;
            }
            pausedSince = -1;
            escalated = false;
            if (stats.phase() == JobPhase.POSTCOPY) {
                if (stats.dataProcessedBytes() != lastProgressBytes) {
                    lastProgressBytes = stats.dataProcessedBytes();
                    lastProgressAt = stats.timeElapsedMillis();
                } else if (stats.timeElapsedMillis() - lastProgressAt >= settings.postcopyStall().toMillis()) {
                    Decision pause = Decision.of(new Action.Abort(), "post-copy sent nothing for "
                            + settings.postcopyStall().toSeconds() + " s: link lost; pausing to resume it");
                    decisions.add(pause);
                    listener.onDecision(pause, stats);
                    job.abort(); // in post-copy the port pauses (VIR_DOMAIN_ABORT_JOB_POSTCOPY), never destroys
                    lastProgressAt = stats.timeElapsedMillis();
                }
                continue; // the guest runs on the destination: nothing else to steer
            }
            if (stats.phase() == JobPhase.STOP_AND_COPY) {
                continue; // the guest is stopped for the final copy: nothing left to steer
            }
            if (!stats.inPostcopy() && stats.timeElapsedMillis() >= settings.giveUpAfter().toMillis()) {
                job.abort();
                JobStats end = awaitEnd();
                if (!end.phase().isTerminal()) {
                    return new Outcome(Result.DETACHED, end, passes, decisions,
                            "the orchestrator stopped watching after aborting; the next start records the end");
                }
                return new Outcome(end.phase() == JobPhase.COMPLETED ? Result.COMPLETED : Result.NOT_CONVERGED,
                        end, passes, decisions, "still in pre-copy after " + settings.giveUpAfter());
            }
            Decision decision = controller.decide(new Observation(stats, passes, currentDowntime));
            if (!decision.isNone()) {
                decisions.add(decision);
                listener.onDecision(decision, stats);
                apply(decision, stats);
            }
        }
        if (policyAbortReason != null && stats.phase() == JobPhase.CANCELLED) {
            // The hypervisor reports an abort as cancelled; it was the policy giving up, not an operator.
            return new Outcome(Result.FAILED, stats, passes, decisions, "aborted by the policy: " + policyAbortReason);
        }
        return new Outcome(resultOf(stats.phase()), stats, passes, decisions, "");
    }

    private void apply(Decision decision, JobStats stats) {
        for (Action action : decision.actions()) {
            if (action instanceof Action.SetMaxDowntime d) {
                job.setMaxDowntime(d.maxDowntime());
                currentDowntime = d.maxDowntime();
            } else if (action instanceof Action.SetMaxBandwidth b) {
                job.setMaxBandwidth(b.bytesPerSecond());
            } else if (action instanceof Action.StartPostCopy) {
                startPostCopy();
            } else if (action instanceof Action.Abort && !stats.inPostcopy()) {
                // Post-copy safety: the guest already runs on the destination; never abort it.
                policyAbortReason = decision.reason();
                job.abort();
            }
        }
    }

    private void startPostCopy() {
        try {
            job.startPostCopy();
        } catch (IllegalStateException convergedMeanwhile) {
            // Pre-copy reached its final copy between the sample and the call: it finishes by itself.
            if (job.stats().phase() == JobPhase.PRECOPY) {
                throw convergedMeanwhile;
            }
        }
    }

    private void tryResume() {
        try {
            job.resumePostCopy();
            lastResumeProblem = null; // launched, or one under way for a short while
        } catch (RuntimeException notResumedYet) {
            // Link still down, or an attempt still unanswered: the next tick tries again (also after
            // the recovery deadline: the guest must never be lost).
            lastResumeProblem = notResumedYet.getMessage();
        }
    }

    private JobStats awaitEnd() {
        JobStats stats = job.stats();
        while (!stats.phase().isTerminal()) {
            if (Thread.currentThread().isInterrupted()) {
                return stats; // shutting down after the abort was sent: the next start reconciles the end
            }
            stats = job.awaitProgress(settings.tick());
        }
        return stats;
    }

    private static Result resultOf(JobPhase phase) {
        return switch (phase) {
            case COMPLETED -> Result.COMPLETED;
            case CANCELLED -> Result.CANCELLED;
            default -> Result.FAILED;
        };
    }
}
