package org.kvmorch.hypervisor.libvirt;

import com.sun.jna.NativeLong;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.kvmorch.hypervisor.DomainState;
import org.kvmorch.hypervisor.DomainStatus;
import org.kvmorch.hypervisor.HostUnreachableException;
import org.kvmorch.hypervisor.JobPhase;
import org.kvmorch.hypervisor.JobStats;
import org.kvmorch.hypervisor.MigrationEvent;
import org.kvmorch.hypervisor.MigrationFlag;
import org.kvmorch.hypervisor.MigrationJob;
import org.kvmorch.hypervisor.MigrationListener;
import org.kvmorch.hypervisor.MigrationRejectedException;
import org.kvmorch.hypervisor.MigrationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live peer-to-peer migration on libvirt. virDomainMigrateToURI3 blocks until the job ends, so
 * it runs on its own thread; a second thread polls the source's job statistics and state (each
 * second, and at once when an iteration or lifecycle event arrives). Final statistics come from
 * the source's JOB_COMPLETED event: the source domain is gone after success, and after post-copy
 * the destination keeps no completed job. A post-copy migration that fails is reported as
 * POSTCOPY_PAUSED (never destroyed) and can be resumed with the same call plus POSTCOPY_RESUME.
 *
 * <p>A peer-to-peer migration is driven by the source's libvirtd, not by the client: when the
 * orchestrator dies mid-migration the job goes on (verified in the lab). After a restart the job is
 * <em>adopted</em> ({@link #adopt}): no call of ours is running, so its end is read from the hosts —
 * the domain running on the destination is success, still running on the source is failure.
 */
final class LibvirtMigrationJob implements MigrationJob {

    private static final Logger LOG = LoggerFactory.getLogger(LibvirtMigrationJob.class);
    private static final long COMPLETED_EVENT_WAIT_MILLIS = 3000;
    private static final long START_WAIT_MILLIS = 2000;
    private static final long RESUME_FAIL_FAST_MILLIS = 2000;
    /** A resume call unanswered this long is reported to the caller (it may never return, see resumePostCopy). */
    private static final long RESUME_UNANSWERED_MILLIS = 20_000;
    private static final long UNLIMITED_MIBPS = Long.MAX_VALUE >> 20;
    /** virDomainJobOperation VIR_DOMAIN_JOB_OPERATION_MIGRATION_OUT. */
    private static final int OPERATION_MIGRATION_OUT = 5;

    private final LibvirtHost source;
    private final LibvirtHost destination;
    private final String domainName;
    private final String uuid;
    private final MigrationRequest request;
    private final MigrationParams params;
    private final long startNanos;
    private final boolean adopted;
    private final List<MigrationListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final java.util.concurrent.ExecutorService listenerThread =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "libvirt-job-listeners");
                t.setDaemon(true);
                return t;
            });

    // guarded by lock
    private JobStats latest;
    private JobPhase phase = JobPhase.SETUP;
    private long eventCount;
    private long postcopyStartedAtMillis = -1;
    private boolean callRunning;
    private boolean callStarted;
    private boolean abortRequested;
    private TypedParams completedStats;
    private String lastCallError;
    private long callGeneration;
    private boolean pollRequested;
    private boolean resuming;
    private long resumeStartedNanos;

    private AutoCloseable subscription;

    private LibvirtMigrationJob(LibvirtHost source, LibvirtHost destination, LibvirtHost.DomainRef ref,
            MigrationRequest request, long elapsedBeforeMillis, boolean adopted) {
        this.startNanos = System.nanoTime() - elapsedBeforeMillis * 1_000_000;
        this.adopted = adopted;
        this.source = source;
        this.destination = destination;
        this.domainName = ref.name();
        this.uuid = ref.uuid();
        this.request = request;
        this.params = MigrationParams.of(request, destination.config().migrationUri());
        this.latest = JobStatsMapper.empty(JobPhase.SETUP, 0);
        if (!params.peerToPeer()) {
            throw new MigrationRejectedException("the libvirt adapter migrates peer-to-peer only (flag PEER2PEER)");
        }
    }

    static LibvirtMigrationJob start(LibvirtHost source, LibvirtHost destination, LibvirtHost.DomainRef ref,
            MigrationRequest request) {
        LibvirtMigrationJob job = new LibvirtMigrationJob(source, destination, ref, request, 0, false);
        job.subscription = source.events().subscribe(job.uuid, job::onEvent);
        boolean downtimeSet = job.tryDowntime(request.maxDowntime());
        job.launchCall(job.params, "migrate");
        Thread poller = new Thread(job::pollLoop, "libvirt-job-poll-" + ref.name());
        poller.setDaemon(true);
        poller.start();
        job.awaitStart();
        if (!downtimeSet) {
            job.tryDowntime(request.maxDowntime());
        }
        return job;
    }

    /**
     * Takes over a migration of {@code ref} that libvirt still runs although no call of this process
     * started it (an orchestrator restart): an outgoing migration job on the source, or a post-copy
     * paused by a failure. {@code request} must be the one the migration was started with (resume
     * repeats its call). Empty when the source shows no such migration.
     */
    static Optional<LibvirtMigrationJob> adopt(LibvirtHost source, LibvirtHost destination,
            LibvirtHost.DomainRef ref, MigrationRequest request) {
        Reading r = read(source, ref.uuid());
        boolean migrating = r.type() != 0 && r.stats().getLong("operation", OPERATION_MIGRATION_OUT)
                == OPERATION_MIGRATION_OUT;
        boolean paused = DomainStates.isPostcopyPaused(r.status());
        if (!migrating && !paused) {
            return Optional.empty();
        }
        LibvirtMigrationJob job = new LibvirtMigrationJob(source, destination, ref, request,
                r.stats().getLong("time_elapsed", 0), true);
        synchronized (job.lock) {
            JobPhase now = paused ? JobPhase.POSTCOPY_PAUSED : PhaseRules.running(r.status(), r.stats());
            if (now == JobPhase.POSTCOPY || now == JobPhase.POSTCOPY_PAUSED) {
                job.postcopyStartedAtMillis = 0; // before we looked; the exact moment is lost with the old process
            }
            job.phase = now;
            job.latest = migrating && r.stats().has("memory_total")
                    ? JobStatsMapper.sanitize(JobStatsMapper.map(r.stats(), now, job.postcopyStartedAtMillis))
                    : JobStatsMapper.withPhase(job.latest, now, job.postcopyStartedAtMillis);
        }
        job.subscription = source.events().subscribe(job.uuid, job::onEvent);
        Thread poller = new Thread(job::pollLoop, "libvirt-job-poll-" + ref.name());
        poller.setDaemon(true);
        poller.start();
        LOG.info("{}: adopted the migration to {} that libvirt still runs ({})", ref.name(), destination.name(),
                job.phase);
        return Optional.of(job);
    }

    // ---------------------------------------------------------------- the port

    @Override
    public String domainName() {
        return domainName;
    }

    @Override
    public String sourceHost() {
        return source.name();
    }

    @Override
    public String destinationHost() {
        return destination.name();
    }

    @Override
    public JobStats stats() {
        synchronized (lock) {
            return latest;
        }
    }

    @Override
    public JobStats awaitProgress(Duration maxWait) {
        Objects.requireNonNull(maxWait, "maxWait");
        long deadline = System.nanoTime() + maxWait.toNanos();
        synchronized (lock) {
            long seen = eventCount;
            while (eventCount == seen && !phase.isTerminal()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return latest;
        }
    }

    @Override
    public void setMaxDowntime(Duration maxDowntime) {
        if (maxDowntime.isNegative() || maxDowntime.isZero()) {
            throw new IllegalArgumentException("maxDowntime must be positive");
        }
        applyDowntime(maxDowntime);
    }

    /** Before the job exists libvirt may refuse the limit; then it is set once the job runs. */
    private boolean tryDowntime(Duration maxDowntime) {
        try {
            applyDowntime(maxDowntime);
            return true;
        } catch (RuntimeException e) {
            LOG.debug("{}: max downtime not set yet: {}", domainName, e.getMessage());
            return false;
        }
    }

    private void applyDowntime(Duration maxDowntime) {
        onDomain("set max downtime", d -> LibvirtCallException.check(
                Virt.INSTANCE.virDomainMigrateSetMaxDowntime(d.ptr, maxDowntime.toMillis(), 0), "set max downtime"));
    }

    @Override
    public void setMaxBandwidth(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bandwidth must be >= 0 (0 = unlimited)");
        }
        long mib = bytesPerSecond == 0 ? UNLIMITED_MIBPS : MigrationParams.mibPerSecond(bytesPerSecond);
        onDomain("set max speed", d -> LibvirtCallException.check(
                Virt.INSTANCE.virDomainMigrateSetMaxSpeed(d.ptr, new NativeLong(mib), 0), "set max speed"));
    }

    @Override
    public void startPostCopy() {
        if (!request.has(MigrationFlag.POSTCOPY)) {
            throw new IllegalStateException("post-copy was not enabled for this migration (flag POSTCOPY)");
        }
        JobPhase now = stats().phase();
        if (now != JobPhase.SETUP && now != JobPhase.PRECOPY) {
            throw new IllegalStateException("post-copy can start only during pre-copy, job is " + now);
        }
        onDomain("start post-copy", d -> LibvirtCallException.check(
                Virt.INSTANCE.virDomainMigrateStartPostCopy(d.ptr, 0), "start post-copy"));
        requestPoll();
    }

    @Override
    public void abort() {
        JobPhase now = stats().phase();
        switch (now) {
            case POSTCOPY -> pausePostcopy();
            case POSTCOPY_PAUSED, COMPLETED, FAILED, CANCELLED -> {
                // nothing to abort; never destroy a guest that may already run on the destination
            }
            default -> {
                synchronized (lock) {
                    abortRequested = true;
                }
                try {
                    onDomain("abort job", d -> LibvirtCallException.check(
                            Virt.INSTANCE.virDomainAbortJob(d.ptr), "abort job"));
                } catch (LibvirtCallException e) {
                    // Switched to post-copy meanwhile: libvirt refuses a plain abort there. Pause instead.
                    synchronized (lock) {
                        abortRequested = false;
                    }
                    if (e.code() == LibvirtCallException.OPERATION_INVALID) {
                        pausePostcopy();
                    } else {
                        throw e;
                    }
                }
            }
        }
        requestPoll();
    }

    private void pausePostcopy() {
        onDomain("abort post-copy (pause)", d -> LibvirtCallException.check(
                Virt.INSTANCE.virDomainAbortJobFlags(d.ptr, 1), "abort post-copy"));
    }

    @Override
    public void resumePostCopy() {
        long generation;
        synchronized (lock) {
            if (phase != JobPhase.POSTCOPY_PAUSED) {
                throw new IllegalStateException("nothing to resume, job is " + phase);
            }
            if (callRunning && resuming) {
                long waitedMillis = (System.nanoTime() - resumeStartedNanos) / 1_000_000;
                if (waitedMillis < RESUME_UNANSWERED_MILLIS) {
                    return; // a resume attempt is already under way
                }
                // Seen in the lab: libvirt prepares the resume by asking the destination's QEMU for
                // its migration state, and that QEMU cannot answer while a vCPU thread holds its
                // global lock blocked on a page that only the resumed migration would bring. libvirt
                // offers no way out; the guest stays paused on the source, nothing is destroyed.
                throw new IllegalStateException("the resume call started " + waitedMillis / 1000
                        + " s ago has not returned: libvirt is still preparing the destination, whose QEMU"
                        + " does not answer (possibly blocked on a page it cannot get)");
            }
            if (callRunning) {
                // libvirt resumes only after the failed call has returned (the destination may still
                // hold its finish phase until its migration socket is reset): the caller retries.
                throw new IllegalStateException("cannot resume post-copy yet: the failed migration call has not returned");
            }
            generation = callGeneration + 1;
            resuming = true;
            resumeStartedNanos = System.nanoTime();
        }
        launchCall(params.forResume(), "resume post-copy");
        // A resume that cannot work (link still down) fails within moments: report it to the caller.
        long deadline = System.nanoTime() + RESUME_FAIL_FAST_MILLIS * 1_000_000;
        synchronized (lock) {
            while (callRunning && callGeneration == generation && System.nanoTime() < deadline) {
                try {
                    lock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (!callRunning && callGeneration == generation && phase == JobPhase.POSTCOPY_PAUSED) {
                throw new IllegalStateException("cannot resume post-copy: " + lastCallError);
            }
        }
    }

    @Override
    public void addListener(MigrationListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    // ---------------------------------------------------------------- the migrate call

    private void launchCall(MigrationParams p, String what) {
        synchronized (lock) {
            callRunning = true;
            callStarted = true;
            callGeneration++;
        }
        Thread t = new Thread(() -> runCall(p, what), "libvirt-migrate-" + domainName);
        t.setDaemon(true);
        t.start();
    }

    private void runCall(MigrationParams p, String what) {
        String error = null;
        int code = 0;
        try {
            source.connection().callBlocking(what, c -> {
                try (DomainHandle d = DomainHandle.byUuid(c.pointer(), uuid);
                        TypedParamsHolder holder = new TypedParamsHolder(p.params())) {
                    return LibvirtCallException.check(Virt.INSTANCE.virDomainMigrateToURI3(d.ptr,
                            destination.config().uri(), holder.array.pointer(), holder.array.count, p.flags()), what);
                }
            });
        } catch (LibvirtCallException e) {
            error = e.getMessage();
            code = e.code();
        } catch (Exception e) {
            error = e.getMessage();
            code = -1;
        }
        if (error == null) {
            onCallSucceeded();
        } else {
            onCallFailed(error, code);
        }
    }

    /** Keeps the native parameter array alive for the duration of the call. */
    private static final class TypedParamsHolder implements AutoCloseable {
        final TypedParams.NativeArray array;

        TypedParamsHolder(List<TypedParams.Param> params) {
            this.array = new TypedParams.NativeArray(params);
        }

        @Override
        public void close() {
            array.array.close();
        }
    }

    private void onCallSucceeded() {
        synchronized (lock) {
            completeUnderLock();
        }
    }

    /** Final statistics from JOB_COMPLETED if it arrives in time, else the last polled ones. */
    private void completeUnderLock() {
        long deadline = System.nanoTime() + COMPLETED_EVENT_WAIT_MILLIS * 1_000_000;
        while (completedStats == null && System.nanoTime() < deadline) {
            try {
                lock.wait(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        JobStats last = completedStats != null
                ? JobStatsMapper.completed(completedStats, latest, postcopyStartedAtMillis)
                : JobStatsMapper.withPhase(latest, JobPhase.COMPLETED, postcopyStartedAtMillis);
        if (completedStats == null) {
            LOG.warn("{}: no JOB_COMPLETED event from {}; final statistics are the last polled ones",
                    domainName, source.name());
        }
        callRunning = false;
        resuming = false;
        finish(last, "migrated to " + destination.name());
    }

    /** An adopted job with no call of ours running: its end can only be read from the hosts. */
    private boolean awaitingNoCall() {
        synchronized (lock) {
            return adopted && !callRunning && !phase.isTerminal();
        }
    }

    /**
     * The adopted job's libvirt job has ended: the domain running on the destination means it
     * moved; still running on the source, it did not (aborted, or failed before the switch).
     */
    private void concludeAdopted(DomainStatus sourceOrNull) {
        boolean onDestination = runsOnDestination();
        synchronized (lock) {
            if (phase.isTerminal() || callRunning) {
                return;
            }
            if (onDestination) {
                completeUnderLock();
            } else if (sourceOrNull != null && sourceOrNull.state() == DomainState.RUNNING) {
                JobPhase outcome = abortRequested ? JobPhase.CANCELLED : JobPhase.FAILED;
                finish(JobStatsMapper.sanitize(JobStatsMapper.withPhase(latest, outcome, postcopyStartedAtMillis)),
                        "the migration ended with the domain still running on " + source.name());
            } else {
                finish(JobStatsMapper.withPhase(latest, JobPhase.FAILED, postcopyStartedAtMillis),
                        "the migration ended and the domain runs on neither host (source: " + sourceOrNull + ")");
            }
        }
    }

    private boolean runsOnDestination() {
        try {
            return destination.connection().call("state on destination", c -> {
                try (DomainHandle d = DomainHandle.byUuid(c.pointer(), uuid)) {
                    return d.status().state() == DomainState.RUNNING;
                }
            });
        } catch (LibvirtCallException | HostUnreachableException e) {
            return false;
        }
    }

    private void onCallFailed(String error, int code) {
        DomainStatus status = null;
        try {
            status = source.connection().call("state after failure", c -> {
                try (DomainHandle d = DomainHandle.byUuid(c.pointer(), uuid)) {
                    return d.status();
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("{}: source state unknown after failure: {}", domainName, e.getMessage());
        }
        synchronized (lock) {
            callRunning = false;
            resuming = false;
            lastCallError = error;
            JobPhase outcome = PhaseRules.afterFailure(status, code, abortRequested);
            if (outcome == JobPhase.POSTCOPY_PAUSED) {
                setPhase(JobPhase.POSTCOPY_PAUSED, error);
                lock.notifyAll();
            } else {
                finish(JobStatsMapper.sanitize(JobStatsMapper.withPhase(latest, outcome, postcopyStartedAtMillis)),
                        error);
            }
        }
    }

    /** Waits until libvirt shows the job running, or rejects the migration if the call failed at once. */
    private void awaitStart() {
        long deadline = System.nanoTime() + START_WAIT_MILLIS * 1_000_000;
        synchronized (lock) {
            while (phase == JobPhase.SETUP && latest.memoryTotalBytes() == 0 && System.nanoTime() < deadline) {
                try {
                    lock.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (phase == JobPhase.FAILED && latest.memoryProcessedBytes() == 0) {
                throw new MigrationRejectedException("libvirt refused to migrate " + domainName + ": " + lastCallError);
            }
        }
    }

    // ---------------------------------------------------------------- polling and events

    private void pollLoop() {
        long interval = source.settings().statsPollInterval().toMillis();
        while (true) {
            synchronized (lock) {
                if (phase.isTerminal()) {
                    return;
                }
            }
            poll();
            synchronized (lock) {
                if (!pollRequested && !phase.isTerminal()) {
                    try {
                        lock.wait(interval);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                pollRequested = false;
            }
        }
    }

    private void requestPoll() {
        synchronized (lock) {
            pollRequested = true;
            lock.notifyAll();
        }
    }

    /** The source's current job statistics and domain state; one libvirt call with the call timeout. */
    private static Reading read(LibvirtHost host, String uuid) {
        return host.connection().call("job stats", c -> {
            try (DomainHandle d = DomainHandle.byUuid(c.pointer(), uuid)) {
                DomainJob job = DomainJob.read(d.ptr);
                return new Reading(job.type(), job.stats(), d.status());
            }
        });
    }

    /** One reading of the source, folded into the phase and the latest statistics. */
    private void poll() {
        Reading r;
        try {
            r = read(source, uuid);
        } catch (LibvirtCallException e) {
            if (e.code() == LibvirtCallException.NO_DOMAIN && awaitingNoCall()) {
                concludeAdopted(null); // undefined on the source: it either moved or vanished
            }
            // Otherwise the call reports the end: try again next tick.
            LOG.debug("{}: job stats not available: {}", domainName, e.getMessage());
            return;
        } catch (HostUnreachableException e) {
            LOG.debug("{}: job stats not available: {}", domainName, e.getMessage());
            return;
        }
        boolean jobActive = r.type() != 0;
        if (!jobActive && !DomainStates.isPostcopyPaused(r.status()) && awaitingNoCall()) {
            concludeAdopted(r.status());
            return;
        }
        synchronized (lock) {
            if (phase.isTerminal()) {
                return;
            }
            JobPhase next = phase;
            if (jobActive || DomainStates.isPostcopyPaused(r.status())) {
                next = PhaseRules.running(r.status(), r.stats());
                if (!jobActive && !callRunning) {
                    next = JobPhase.POSTCOPY_PAUSED;
                }
            }
            if (next == JobPhase.POSTCOPY && postcopyStartedAtMillis < 0) {
                postcopyStartedAtMillis = elapsedMillis();
            }
            // A job being torn down reports type != NONE with no counters: keep the last real ones.
            boolean hasCounters = r.stats().getLong("time_elapsed", -1) >= latest.timeElapsedMillis()
                    && r.stats().has("memory_total");
            if (jobActive && hasCounters) {
                long before = latest.memoryIteration();
                latest = JobStatsMapper.sanitize(JobStatsMapper.map(r.stats(), next, postcopyStartedAtMillis));
                if (latest.memoryIteration() > before) {
                    eventCount++;
                }
            } else {
                latest = JobStatsMapper.withPhase(latest, next, postcopyStartedAtMillis);
            }
            if (next != phase) {
                setPhase(next, r.status().state() + "/" + r.status().reason());
            }
            lock.notifyAll();
        }
    }

    private record Reading(int type, TypedParams stats, DomainStatus status) {
    }

    /** Runs on this host's event dispatcher thread. */
    private void onEvent(DomainEvent event) {
        if (event instanceof DomainEvent.Iteration it) {
            emit(new MigrationEvent.Iteration(elapsedMillis(), it.iteration()));
            requestPoll();
        } else if (event instanceof DomainEvent.JobCompleted done) {
            synchronized (lock) {
                completedStats = done.stats();
                lock.notifyAll();
            }
        } else if (event instanceof DomainEvent.Lifecycle life) {
            // SUSPENDED(3)/POSTCOPY(7): the guest left the source for the destination just now.
            if (life.event() == 3 && life.detail() == 7) {
                synchronized (lock) {
                    if (postcopyStartedAtMillis < 0) {
                        postcopyStartedAtMillis = elapsedMillis();
                    }
                }
            }
            requestPoll();
        }
    }

    // ---------------------------------------------------------------- phase bookkeeping (under lock)

    private void setPhase(JobPhase next, String reason) {
        phase = next;
        latest = JobStatsMapper.withPhase(latest, next, postcopyStartedAtMillis);
        eventCount++;
        emitLater(new MigrationEvent.PhaseChanged(elapsedMillis(), next, reason));
    }

    private void finish(JobStats last, String reason) {
        phase = last.phase();
        latest = last;
        eventCount++;
        lock.notifyAll();
        emitLater(new MigrationEvent.Finished(last.timeElapsedMillis(), last.phase(), last, reason));
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("unsubscribe: {}", e.getMessage());
        }
    }

    /** Listeners never run under our lock (they may call back into the job); one thread keeps their order. */
    private void emitLater(MigrationEvent event) {
        listenerThread.execute(() -> emit(event));
        if (event instanceof MigrationEvent.Finished) {
            listenerThread.shutdown();
        }
    }

    private void emit(MigrationEvent event) {
        for (MigrationListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("{}: migration listener failed", domainName, e);
            }
        }
    }

    private long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Runs {@code action} on the source domain with the call timeout. */
    private void onDomain(String what, java.util.function.Consumer<DomainHandle> action) {
        source.connection().call(what, c -> {
            try (DomainHandle d = DomainHandle.byUuid(c.pointer(), uuid)) {
                action.accept(d);
                return null;
            }
        });
    }
}
