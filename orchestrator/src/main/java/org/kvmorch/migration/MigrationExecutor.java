package org.kvmorch.migration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.kvmorch.control.ControlLoop;
import org.kvmorch.control.Decision;
import org.kvmorch.control.MigrationContext;
import org.kvmorch.control.MigrationPolicy;
import org.kvmorch.control.PassRecord;
import org.kvmorch.db.MigrationState;
import org.kvmorch.hypervisor.Host;
import org.kvmorch.hypervisor.Hypervisor;
import org.kvmorch.hypervisor.JobPhase;
import org.kvmorch.hypervisor.JobStats;
import org.kvmorch.hypervisor.MigrationFlag;
import org.kvmorch.hypervisor.MigrationJob;
import org.kvmorch.hypervisor.MigrationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each admitted migration on its own named thread: starts the job through the port, drives
 * it with the policy's controller, and records every step. Any failure ends in a FAILED record
 * with its cause; nothing is left RUNNING by an exception.
 */
public class MigrationExecutor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MigrationExecutor.class);

    /**
     * What the executor needs to start one migration. Lower {@code priority} starts first (drains
     * before rebalancing); {@code bandwidthNeed} is reserved on both hosts' links while it runs;
     * {@code tls} encrypts the streams whatever the migration policy asks.
     */
    record Work(long migrationId, String vm, String source, String destination, MigrationPolicy policy,
                MigrationContext context, int priority, long bandwidthNeed, boolean tls) {

        Admission.Need need() {
            return new Admission.Need(source, destination, bandwidthNeed);
        }
    }

    static final Comparator<Work> ORDER = Comparator.comparingInt(Work::priority)
            .thenComparingLong(Work::migrationId);

    private final Hypervisor hypervisor;
    private final MigrationRecorder recorder;
    private final LiveProgress progress;
    private final ControlLoop.Settings settings;
    private final ExecutorService threads;
    private final Admission admission;
    private final MigrationMeters meters;
    private final PriorityQueue<Work> waiting = new PriorityQueue<>(ORDER);
    private final Map<Long, MigrationJob> running = new ConcurrentHashMap<>();
    private final MigrationLeases leases;
    private volatile boolean closing;
    /** Starting a job holds it shared; close() takes it exclusively, so no job starts once closing. */
    private final java.util.concurrent.locks.ReadWriteLock starts = new java.util.concurrent.locks.ReentrantReadWriteLock();

    MigrationExecutor(Hypervisor hypervisor, MigrationRecorder recorder, LiveProgress progress,
                      ControlLoop.Settings settings, Admission admission, MigrationMeters meters,
                      MigrationLeases leases) {
        this.leases = leases;
        this.meters = meters;
        this.hypervisor = hypervisor;
        this.recorder = recorder;
        this.progress = progress;
        this.settings = settings;
        this.admission = admission;
        AtomicInteger n = new AtomicInteger();
        // Unbounded threads: admission bounds how many migrations run at once.
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "migration-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues a migration; it starts as soon as admission lets it. */
    void submit(Work work) {
        synchronized (waiting) {
            waiting.add(work);
        }
        dispatch();
    }

    /** Re-attaches a control loop to a job that survived an orchestrator restart. */
    void reattach(Work work, MigrationJob job) {
        synchronized (waiting) {
            admission.reserve(work.need());
        }
        running.put(work.migrationId(), job);
        threads.submit(() -> released(work, () -> {
            try {
                drive(work, work.context(), job, work.policy().initialRequest(work.context()).maxDowntime());
            } finally {
                running.remove(work.migrationId());
            }
        }));
    }

    /** Starts, in order, every waiting migration that admission allows now. */
    private void dispatch() {
        synchronized (waiting) {
            List<Work> blocked = new ArrayList<>();
            while (!waiting.isEmpty()) {
                Work next = waiting.poll();
                if (admission.refusal(next.need()) == null) {
                    admission.reserve(next.need());
                    threads.submit(() -> released(next, () -> run(next)));
                } else {
                    blocked.add(next);
                }
            }
            waiting.addAll(blocked);
        }
    }

    private void released(Work work, Runnable body) {
        try {
            body.run();
        } finally {
            if (!closing) { // a replica shutting down leaves its migrations to be adopted, unfinished
                leases.release(work.migrationId());
            }
            synchronized (waiting) {
                admission.release(work.need());
            }
            dispatch();
        }
    }

    private void run(Work work) {
        try {
            Host source = hypervisor.host(work.source());
            Host destination = hypervisor.host(work.destination());
            // What the two hosts offer (a shared storage path) is known only now, on the hosts.
            MigrationContext context = work.context().between(source, destination);
            MigrationRequest request = withTransport(work.policy().initialRequest(context), work.tls());
            recorder.transition(work.migrationId(), MigrationState.RUNNING,
                    "started with policy " + work.policy().name(), 0L);
            MigrationJob job;
            starts.readLock().lock();
            try {
                if (closing) {
                    throw new IllegalStateException("replica stopping before the job started");
                }
                job = source.migrate(work.vm(), destination, request);
            } finally {
                starts.readLock().unlock();
            }
            running.put(work.migrationId(), job);
            drive(work, context, job, request.maxDowntime());
        } catch (RuntimeException e) {
            if (closing) {
                // Not a failure of the migration: its job goes on, and another replica adopts it.
                log.warn("Migration {} of {} left unfinished as this replica stops: {}", work.migrationId(),
                        work.vm(), e.toString());
                return;
            }
            log.warn("Migration {} of {} failed: {}", work.migrationId(), work.vm(), e.toString());
            recorder.fail(work.migrationId(), e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            running.remove(work.migrationId());
            progress.remove(work.migrationId());
        }
    }

    /** Encryption is the operator's choice, not the migration policy's: added to whatever the policy asks. */
    static MigrationRequest withTransport(MigrationRequest request, boolean tls) {
        return tls ? request.withFlag(MigrationFlag.TLS) : request;
    }

    /** The job of a running migration, for operator actions (cancel, force post-copy, resume). */
    Optional<MigrationJob> job(long migrationId) {
        return Optional.ofNullable(running.get(migrationId));
    }

    /** Takes a migration out of the queue if it has not started; false if it already runs. */
    boolean withdraw(long migrationId) {
        synchronized (waiting) {
            return waiting.removeIf(w -> w.migrationId() == migrationId);
        }
    }

    private void drive(Work work, MigrationContext context, MigrationJob job, Duration initialDowntime) {
        long id = work.migrationId();
        Recording recording = new Recording(id, initialDowntime.toMillis());
        ControlLoop loop = new ControlLoop(job, work.policy().newController(context), initialDowntime,
                settings, recording);
        ControlLoop.Outcome outcome = loop.run();
        if (outcome.result() == ControlLoop.Result.DETACHED) {
            // Shutting down: the record stays unfinished and the next start reconciles it.
            log.info("Migration {} of {} left running on {} at shutdown", id, work.vm(), work.source());
            return;
        }
        recorder.finish(id, outcome, recording.bytesAtPostcopySwitch);
        meters.finished(work.policy().name(), outcome);
        log.info("Migration {} of {} {} -> {}: {} in {} ms", id, work.vm(), work.source(), work.destination(),
                outcome.result(), outcome.finalStats().timeElapsedMillis());
    }

    /** Persists what the loop reports, and follows the job into post-copy and recovery. */
    private final class Recording implements ControlLoop.Listener {
        private final long id;
        private long downtimeLimitMs;
        private JobPhase lastPhase = JobPhase.SETUP;
        private long bytesAtPostcopySwitch;

        Recording(long id, long downtimeLimitMs) {
            this.id = id;
            this.downtimeLimitMs = downtimeLimitMs;
        }

        @Override
        public void onStats(JobStats stats) {
            progress.update(id, stats);
            JobPhase phase = stats.phase();
            if (phase == lastPhase) {
                return;
            }
            if (phase == JobPhase.POSTCOPY && lastPhase != JobPhase.POSTCOPY_PAUSED) {
                bytesAtPostcopySwitch = stats.dataProcessedBytes();
                recorder.transition(id, MigrationState.POSTCOPY, "switched to post-copy", stats.timeElapsedMillis());
            } else if (phase == JobPhase.POSTCOPY) {
                recorder.transition(id, MigrationState.POSTCOPY, "post-copy resumed", stats.timeElapsedMillis());
            } else if (phase == JobPhase.POSTCOPY_PAUSED) {
                recorder.transition(id, MigrationState.RECOVERING, "post-copy link lost; waiting to resume",
                        stats.timeElapsedMillis());
            }
            lastPhase = phase;
        }

        @Override
        public void onEscalated(JobStats stats, String reason) {
            log.error("Migration {}: {} -- operator action needed (POST /api/v1/migrations/{}/resume)", id, reason, id);
            recorder.transition(id, MigrationState.ESCALATED, reason, stats.timeElapsedMillis());
        }

        @Override
        public void onPass(PassRecord pass, Double lambda) {
            recorder.pass(id, pass, lambda, progress.of(id).orElseThrow(), downtimeLimitMs);
        }

        @Override
        public void onDecision(Decision decision, JobStats stats) {
            decision.actions().stream()
                    .filter(a -> a instanceof org.kvmorch.control.Action.SetMaxDowntime)
                    .map(a -> ((org.kvmorch.control.Action.SetMaxDowntime) a).maxDowntime().toMillis())
                    .forEach(ms -> downtimeLimitMs = ms);
            recorder.decision(id, decision, stats);
        }
    }

    @Override
    public void close() {
        starts.writeLock().lock();
        try {
            closing = true;
        } finally {
            starts.writeLock().unlock();
        }
        threads.shutdownNow();
    }
}
