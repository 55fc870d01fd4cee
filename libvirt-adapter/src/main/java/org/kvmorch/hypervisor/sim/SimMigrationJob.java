package org.kvmorch.hypervisor.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.kvmorch.hypervisor.DomainStatus;
import org.kvmorch.hypervisor.JobPhase;
import org.kvmorch.hypervisor.JobStats;
import org.kvmorch.hypervisor.MigrationEvent;
import org.kvmorch.hypervisor.MigrationFlag;
import org.kvmorch.hypervisor.MigrationJob;
import org.kvmorch.hypervisor.MigrationListener;
import org.kvmorch.hypervisor.MigrationMode;
import org.kvmorch.hypervisor.MigrationRequest;

/**
 * One simulated QEMU migration, page by page. The datacenter advances every job together on its
 * virtual clock; inside a step a job splits time at its own events (bitmap syncs, 100 ms
 * bandwidth windows, the end of the final copy) so that they happen at their exact time.
 *
 * <p>Three bitmaps of one bit per page: pages holding data (the rest are zero pages), the dirty
 * log the guest writes into (KVM's), and the migration bitmap being sent (QEMU's). A bitmap sync
 * moves the dirty log into the migration bitmap. After a switch to post-copy the migration bitmap
 * is the set of pages still on the source: a guest access to one of them is a fault.
 *
 * <p>All methods lock the datacenter; listeners run on the thread that advances the clock.
 */
public final class SimMigrationJob implements MigrationJob {

    static final long WINDOW_NANOS = 100 * Units.NANOS_PER_MILLI;
    static final long ITERATE_CHUNK_NANOS = 50 * Units.NANOS_PER_MILLI;
    static final long DIRTY_PERIOD_NANOS = Units.NANOS_PER_SECOND;

    private final SimulatedDatacenter datacenter;
    private final SimVm vm;
    private final SimHost source;
    private final SimHost destination;
    private final MigrationRequest request;
    private final StopRule stopRule;
    private final SimTuning tuning;
    private final Workload workload;
    private final long pages;
    // Page state; released when the job ends so that finished jobs cost nothing.
    private PageBitmap nonZero;
    private PageBitmap dirtyLog;
    private PageBitmap toSend;
    private PageScanner scanner;
    private BulkSnapshot snapshot;
    private final boolean storagePath;
    private final AutoConverge autoConverge;
    private final long deviceStateBytes;
    private final long floorBytes;
    private final long floorPages;
    private final List<MigrationListener> listeners = new CopyOnWriteArrayList<>();
    private final List<PassRecord> passes = new ArrayList<>();
    private final List<MigrationEvent> undelivered = new ArrayList<>();
    private long pendingAtPostcopySwitch = -1;
    private final TrackingSink trackingSink = new TrackingSink();
    private final FaultSink faultSink = new FaultSink();

    private JobPhase phase = JobPhase.SETUP;
    private long eventCount;
    private final long startNanos;
    private long setupEndNanos = -1;
    private long endNanos = -1;
    private MigrationEvent.Finished finished;

    private long maxDowntimeNanos;
    private long requestedDowntimeNanos;
    private long bandwidthLimit;

    private long windowStartNanos;
    private double windowBytes;
    private long measuredBps;
    private long thresholdBytes;
    private long lastSyncNanos;
    private long syncCount;
    private long periodStartNanos;
    private long periodDirtyPages;
    private double periodStartBytes;
    private long dirtyRatePagesPerSecond;
    private long expectedDowntimeMillis = -1;

    private double ramBytes;
    private double deviceBytesSent;
    private long normalPagesSent;
    private long zeroPagesSent;
    private long storagePagesSent;
    private double storageBytes;
    private long postcopyRequests;
    private long postcopyPages;
    private double postcopyBytes;
    private long previousPassPages;
    private long cachedPages;


    private double linkDebtNanos;
    private double storageDebtNanos;
    private boolean nonZeroFrozen;

    private long passStartNanos;
    private long passPages;
    private long passNormal;
    private long passZero;
    private long passStorage;
    private double passBytes;
    private int passThrottlePercent;

    private long pausedAtNanos = -1;
    private long downtimeNanos = -1;
    private double deviceBytesRemaining;
    private double switchoverRemainingNanos;
    private boolean switchingToPostcopy;
    private boolean postcopyRequested;
    private long postcopyEffectiveNanos = -1;
    private long postcopyStartedNanos = -1;
    private boolean postcopyOverStorage;
    private double guestSpeed = 1.0;
    private double faultStallNanos;
    private DomainStatus sourceStatus;
    private DomainStatus destinationStatus = DomainReasons.PAUSED_MIGRATION;
    private double currentLinkRate;

    SimMigrationJob(SimulatedDatacenter datacenter, SimVm vm, SimHost source, SimHost destination,
            MigrationRequest request, SimMigrationOptions options, long nowNanos) {
        this.datacenter = datacenter;
        this.vm = vm;
        this.source = source;
        this.destination = destination;
        this.request = request;
        this.tuning = datacenter.tuning();
        this.stopRule = options.stopRule().orElse(tuning.stopRule());
        this.workload = vm.newTrackedWorkload();
        this.pages = vm.pages;
        this.nonZero = new PageBitmap(pages);
        this.dirtyLog = new PageBitmap(pages);
        this.toSend = new PageBitmap(pages);
        this.scanner = new PageScanner(toSend, nonZero);
        this.snapshot = options.bulkOverStoragePath() ? new BulkSnapshot(nonZero) : null;
        this.storagePath = options.bulkOverStoragePath();
        this.autoConverge = new AutoConverge(request.has(MigrationFlag.AUTO_CONVERGE),
                request.autoConvergeInitialPercent(), request.autoConvergeIncrementPercent());
        this.deviceStateBytes = vm.spec.deviceStateBytes();
        this.maxDowntimeNanos = request.maxDowntime().toNanos();
        this.requestedDowntimeNanos = maxDowntimeNanos;
        this.bandwidthLimit = request.bandwidthBytesPerSecond();
        this.startNanos = nowNanos;
        this.sourceStatus = vm.status;
        this.previousPassPages = pages;
        long dataPages = workload.initialDataPages();
        nonZero.setRange(0, dataPages);
        this.floorPages = dataPages;
        this.floorBytes = dataPages * tuning.normalPageBytes() + (pages - dataPages) * tuning.zeroPageBytes()
                + deviceStateBytes;
    }

    // ---------------------------------------------------------------- the port

    @Override
    public String domainName() {
        return vm.spec.name();
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
        synchronized (datacenter) {
            return finished != null ? finished.finalStats() : snapshot(datacenter.clock().nanos());
        }
    }

    @Override
    public JobStats awaitProgress(Duration maxWait) {
        Objects.requireNonNull(maxWait, "maxWait");
        datacenter.awaitEvent(this, maxWait);
        return stats();
    }

    @Override
    public void setMaxDowntime(Duration maxDowntime) {
        if (maxDowntime.isNegative() || maxDowntime.isZero()) {
            throw new IllegalArgumentException("maxDowntime must be positive");
        }
        synchronized (datacenter) {
            // QEMU recomputes the threshold with the next bandwidth window.
            requestedDowntimeNanos = maxDowntime.toNanos();
        }
    }

    @Override
    public void setMaxBandwidth(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bandwidth must be >= 0 (0 = unlimited)");
        }
        synchronized (datacenter) {
            bandwidthLimit = bytesPerSecond;
        }
    }

    @Override
    public void startPostCopy() {
        synchronized (datacenter) {
            if (!request.has(MigrationFlag.POSTCOPY) || request.mode() == MigrationMode.COLD) {
                throw new IllegalStateException("post-copy was not enabled for this migration (flag POSTCOPY)");
            }
            if (phase != JobPhase.SETUP && phase != JobPhase.PRECOPY) {
                throw new IllegalStateException("post-copy can start only during pre-copy, job is " + phase);
            }
            if (!postcopyRequested) {
                postcopyRequested = true;
                long now = datacenter.clock().nanos();
                // QEMU acts on the request at its next iteration check; we take the next 100 ms window.
                postcopyEffectiveNanos = phase == JobPhase.SETUP
                        ? startNanos + tuning.setupTime().toNanos() + WINDOW_NANOS
                        : Math.max(now, windowStartNanos + WINDOW_NANOS);
            }
        }
    }

    @Override
    public void abort() {
        synchronized (datacenter) {
            long now = datacenter.clock().nanos();
            switch (phase) {
                case SETUP, PRECOPY, STOP_AND_COPY -> end(now, JobPhase.CANCELLED, "aborted");
                case POSTCOPY -> pausePostcopy(now, "aborted in post-copy: paused, not destroyed");
                case POSTCOPY_PAUSED, COMPLETED, FAILED, CANCELLED -> {
                    // nothing left to abort
                }
            }
            deliverEvents();
        }
    }

    @Override
    public void resumePostCopy() {
        synchronized (datacenter) {
            if (phase != JobPhase.POSTCOPY_PAUSED) {
                throw new IllegalStateException("nothing to resume, job is " + phase);
            }
            long now = datacenter.clock().nanos();
            if (!datacenter.linkUp(source, now) || !datacenter.linkUp(destination, now)) {
                throw new IllegalStateException("cannot resume post-copy: the migration link is still down");
            }
            phase = JobPhase.POSTCOPY;
            sourceStatus = DomainReasons.PAUSED_POSTCOPY;
            destinationStatus = DomainReasons.RUNNING_POSTCOPY;
            emit(new MigrationEvent.PhaseChanged(elapsedMillis(now), JobPhase.POSTCOPY, "post-copy resumed"));
            deliverEvents();
        }
    }

    @Override
    public void addListener(MigrationListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    // ---------------------------------------------------------------- simulator-only accessors

    /** Every pass so far (live rounds, the final copy, the post-copy phase), in order. */
    public List<PassRecord> passes() {
        synchronized (datacenter) {
            return List.copyOf(passes);
        }
    }

    public JobPhase phase() {
        synchronized (datacenter) {
            return phase;
        }
    }

    /** The stop rule this job uses. */
    public StopRule stopRule() {
        return stopRule;
    }

    /** Bytes of RAM and device state that crossed the migration link. */
    public long linkBytes() {
        synchronized (datacenter) {
            return Math.round(ramBytes + deviceBytesSent);
        }
    }

    /** Bytes that crossed the storage path (bulk snapshot, post-copy over storage). */
    public long storageBytes() {
        synchronized (datacenter) {
            return Math.round(storageBytes);
        }
    }

    /** Pages sent over both paths, each time it was sent. */
    public long pagesSent() {
        synchronized (datacenter) {
            return normalPagesSent + zeroPagesSent + storagePagesSent;
        }
    }

    /**
     * The physical floor: every page that holds data when the job starts sent once as a full page,
     * every zero page once as a header, plus the device state.
     */
    public long floorBytes() {
        return floorBytes;
    }

    public long floorPages() {
        return floorPages;
    }

    public long postcopyBytes() {
        synchronized (datacenter) {
            return Math.round(postcopyBytes);
        }
    }

    public long postcopyPages() {
        synchronized (datacenter) {
            return postcopyPages;
        }
    }

    /** Pages still on the source when the guest switched to post-copy; -1 before a switch. */
    public long pagesPendingAtPostcopySwitch() {
        synchronized (datacenter) {
            return pendingAtPostcopySwitch;
        }
    }

    /** Virtual time from the switch to post-copy to the end of the job; 0 without post-copy. */
    public long postcopyNanos() {
        synchronized (datacenter) {
            if (postcopyStartedNanos < 0) {
                return 0;
            }
            long end = endNanos >= 0 ? endNanos : datacenter.clock().nanos();
            return end - postcopyStartedNanos;
        }
    }

    /** Guest vCPU time lost waiting for post-copy faults, summed over its threads. */
    public long faultStallNanos() {
        synchronized (datacenter) {
            return Math.round(faultStallNanos);
        }
    }

    /** QEMU's expected_downtime: dirty bytes at the last sync ÷ measured bandwidth; -1 before. */
    public long expectedDowntimeMillis() {
        synchronized (datacenter) {
            return expectedDowntimeMillis;
        }
    }

    /** True when the bulk pass goes over the storage path (see SimMigrationOptions). */
    public boolean usesStoragePath() {
        return storagePath;
    }

    /** The reason the job ended, or empty while it runs. */
    public String endReason() {
        synchronized (datacenter) {
            return finished == null ? "" : finished.reason();
        }
    }

    // ---------------------------------------------------------------- datacenter side

    SimVm vm() {
        return vm;
    }

    SimHost source() {
        return source;
    }

    MigrationRequest request() {
        return request;
    }

    SimHost destination() {
        return destination;
    }

    boolean isTerminal() {
        return phase.isTerminal();
    }

    long eventCount() {
        return eventCount;
    }

    DomainStatus sourceStatus() {
        return sourceStatus;
    }

    DomainStatus destinationStatus() {
        return destinationStatus;
    }

    /** Share of wall time the guest runs now (throttle, post-copy stalls); 0 while it is stopped. */
    double guestRunFraction() {
        return switch (phase) {
            case POSTCOPY -> switchingToPostcopy ? 0 : guestSpeed;
            case POSTCOPY_PAUSED, STOP_AND_COPY -> 0;
            default -> autoConverge.runFraction();
        };
    }

    double currentLinkRate() {
        return currentLinkRate;
    }

    double workloadWriteBytesPerSecond(long now) {
        return workload.writeBytesPerSecond(trackedSeconds(now));
    }

    /** CPU-bound throughput of the migration streams (multifd channels, TLS). */
    private double cpuCap() {
        int channels = request.has(MigrationFlag.PARALLEL) ? request.parallelConnections() : 1;
        long perChannel = request.has(MigrationFlag.TLS) ? tuning.tlsChannelBytesPerSecond()
                : tuning.channelBytesPerSecond();
        return (double) channels * perChannel;
    }

    /** The most this job may push through the migration link in its current phase (0 = no flow). */
    double linkCap() {
        double cpu = cpuCap();
        double limited = bandwidthLimit > 0 ? Math.min(cpu, bandwidthLimit) : cpu;
        return switch (phase) {
            case PRECOPY -> limited;
            case STOP_AND_COPY -> request.mode() == MigrationMode.COLD ? limited : cpu;
            case POSTCOPY -> postcopyOverStorage ? 0 : cpu;
            default -> 0;
        };
    }

    /** The same without the job's own rate limit (QEMU lifts it for the final copy). */
    double linkCapUncapped() {
        return phase == JobPhase.PRECOPY || phase == JobPhase.STOP_AND_COPY ? cpuCap() : linkCap();
    }

    double storageCap() {
        boolean bulk = snapshot != null && !snapshot.done() && phase == JobPhase.PRECOPY;
        return bulk || (phase == JobPhase.POSTCOPY && postcopyOverStorage) ? cpuCap() : 0;
    }

    /** A time at which this job's demand for the links changes by itself (the end of setup). */
    long nextRateChange(long t) {
        long setupEnd = startNanos + tuning.setupTime().toNanos();
        return phase == JobPhase.SETUP && setupEnd > t ? setupEnd : Long.MAX_VALUE;
    }

    /** The migration link of the source or the destination went down at {@code now}. */
    void onLinkDown(long now) {
        switch (phase) {
            case SETUP, PRECOPY, STOP_AND_COPY -> end(now, JobPhase.FAILED, "migration link down");
            case POSTCOPY -> {
                if (storagePath && datacenter.storageUp(source, destination)) {
                    // Seed 002's fault tolerance: the destination loads the rest from shared storage.
                    postcopyOverStorage = true;
                } else {
                    pausePostcopy(now, "migration link down in post-copy");
                }
            }
            default -> {
                // paused or ended: nothing to do
            }
        }
    }

    /** Advances this job from {@code t0} to {@code t1} with the rates granted for the step. */
    void advance(long t0, long t1, FlowRates rates) {
        currentLinkRate = rates.link();
        long t = t0;
        int guard = 0;
        while (t < t1 && !phase.isTerminal()) {
            long next = switch (phase) {
                case SETUP -> stepSetup(t, t1);
                case PRECOPY -> stepPrecopy(t, t1, rates);
                case STOP_AND_COPY -> stepStopAndCopy(t, t1, rates);
                case POSTCOPY -> stepPostcopy(t, t1, rates);
                default -> t1;
            };
            guard = next == t ? guard + 1 : 0;
            if (guard > 10_000) {
                throw new IllegalStateException("simulation made no progress at " + t + " ns in " + phase);
            }
            t = next;
        }
        deliverEvents();
    }

    // ---------------------------------------------------------------- phases

    private long stepSetup(long t, long t1) {
        long setupEnd = startNanos + tuning.setupTime().toNanos();
        if (t1 < setupEnd) {
            return t1;
        }
        setupEndNanos = setupEnd;
        windowStartNanos = setupEnd;
        periodStartNanos = setupEnd;
        lastSyncNanos = setupEnd;
        passStartNanos = setupEnd;
        // QEMU's setup sync: every page is pending (memory_iteration becomes 1).
        if (snapshot == null) {
            toSend.setAll();
        }
        dirtyLog.clearAll();
        syncCount = 1;
        emit(new MigrationEvent.Iteration(elapsedMillis(setupEnd), syncCount));
        if (request.mode() == MigrationMode.COLD) {
            pausedAtNanos = setupEnd;
            sourceStatus = DomainReasons.PAUSED_MIGRATION;
            deviceBytesRemaining = deviceStateBytes;
            switchoverRemainingNanos = roundTripNanos();
            phase = JobPhase.STOP_AND_COPY;
            emit(new MigrationEvent.PhaseChanged(elapsedMillis(setupEnd), phase, "cold: guest stopped"));
        } else {
            phase = JobPhase.PRECOPY;
            emit(new MigrationEvent.PhaseChanged(elapsedMillis(setupEnd), phase, "pre-copy started"));
        }
        return setupEnd;
    }

    private long stepPrecopy(long t, long t1, FlowRates rates) {
        if (postcopyRequested && t >= postcopyEffectiveNanos) {
            beginPostcopy(t);
            return t;
        }
        long end = Math.min(t1, windowEnd(t));
        if (postcopyRequested) {
            end = Math.min(end, postcopyEffectiveNanos);
        }
        long remaining = toSend.cardinality();
        boolean snapshotRunning = snapshot != null && !snapshot.done();
        long limit;
        if (remaining == 0 && snapshotRunning) {
            // Nothing dirty yet on the link channel: look again one window after the last sync.
            if (t - lastSyncNanos >= WINDOW_NANOS) {
                syncAndDecide(t);
                return t;
            }
            end = Math.min(end, lastSyncNanos + WINDOW_NANOS);
            limit = 0;
        } else if (stopRule == StopRule.ROUND_END) {
            if (remaining == 0) {
                syncAndDecide(t);
                return t;
            }
            limit = remaining;
        } else {
            // QEMU 7.2 ram_save_pending: sync when remaining × page size < threshold.
            long thresholdPages = thresholdBytes <= 0 ? 0 : (thresholdBytes + Units.PAGE_SIZE - 1) / Units.PAGE_SIZE - 1;
            boolean spaced = t - lastSyncNanos >= ITERATE_CHUNK_NANOS;
            if (remaining == 0 || (spaced && remaining <= thresholdPages)) {
                syncAndDecide(t);
                return t;
            }
            if (spaced) {
                limit = remaining - thresholdPages;
            } else {
                limit = remaining;
                end = Math.min(end, lastSyncNanos + ITERATE_CHUNK_NANOS);
            }
        }
        long te = sendLive(t, end, rates.link(), limit);
        if (snapshotRunning) {
            sendSnapshot(t, te, rates.storage());
        }
        runGuest(t, te, autoConverge.runFraction(), trackingSink);
        if (!nonZeroFrozen && scanner.completedRound() && (snapshot == null || snapshot.done())) {
            nonZeroFrozen = true; // every page has been scanned once: later sends are all data pages
        }
        closeWindowIfDue(te);
        return te;
    }

    /** Sends from the migration bitmap between t and at most end; returns when it stopped. */
    private long sendLive(long t, long end, double rate, long limit) {
        if (rate <= 0 || limit <= 0) {
            linkDebtNanos = 0;
            return end;
        }
        double budget = (end - t) + linkDebtNanos;
        scanner.send(budget, limit, normalPageNanos(rate), zeroPageNanos(rate));
        account(scanner.normalPages, scanner.zeroPages, rate);
        if (scanner.pages >= limit || toSend.isEmpty()) {
            // The event (threshold reached, pass ended) happens when the last page is out.
            long te = t + (long) Math.ceil(scanner.usedNanos - linkDebtNanos);
            if (te < end) {
                linkDebtNanos = 0;
                return Math.max(te, t);
            }
        }
        linkDebtNanos = Math.min(0, budget - scanner.usedNanos);
        long te = end;
        return Math.max(te, t);
    }

    private void sendSnapshot(long t, long te, double rate) {
        if (rate <= 0 || te <= t) {
            return;
        }
        double budget = (te - t) + storageDebtNanos;
        snapshot.send(budget, Units.NANOS_PER_SECOND * tuning.normalPageBytes() / rate,
                Math.max(Units.NANOS_PER_SECOND * tuning.zeroPageBytes() / rate, tuning.zeroPageScanNanos()));
        storageDebtNanos = snapshot.done() ? 0 : Math.min(0, budget - snapshot.usedNanos);
        storagePagesSent += snapshot.pages;
        passStorage += snapshot.pages;
        storageBytes += (double) snapshot.normalPages * tuning.normalPageBytes()
                + (double) snapshot.zeroPages * tuning.zeroPageBytes();
    }

    private void account(long normal, long zero, double rate) {
        double bytes = normal * normalPageBytes() + (double) zero * tuning.zeroPageBytes();
        normalPagesSent += normal;
        zeroPagesSent += zero;
        ramBytes += bytes;
        windowBytes += bytes;
        passPages += normal + zero;
        passNormal += normal;
        passZero += zero;
        passBytes += bytes;
    }

    /** End of the current bandwidth window; closes a window left open while the job was paused. */
    private long windowEnd(long t) {
        if (t >= windowStartNanos + WINDOW_NANOS) {
            closeWindowIfDue(t);
        }
        return windowStartNanos + WINDOW_NANOS;
    }

    /** QEMU's migration_update_counters, every 100 ms: bandwidth, threshold, new downtime limit. */
    private void closeWindowIfDue(long t) {
        if (t < windowStartNanos + WINDOW_NANOS) {
            return;
        }
        measuredBps = Math.round(windowBytes * Units.NANOS_PER_SECOND / (t - windowStartNanos));
        maxDowntimeNanos = requestedDowntimeNanos;
        thresholdBytes = Math.round((double) measuredBps * maxDowntimeNanos / Units.NANOS_PER_SECOND);
        windowStartNanos = t;
        windowBytes = 0;
    }

    private void syncAndDecide(long t) {
        long added = sync(t);
        closePass(t, PassRecord.Kind.LIVE, added);
        if (snapshot != null && !snapshot.done()) {
            return; // seed 002: no stop decision before the snapshot has arrived
        }
        long pendingBytes = toSend.cardinality() * Units.PAGE_SIZE;
        boolean stop = stopRule == StopRule.QEMU
                ? pendingBytes == 0 || pendingBytes < thresholdBytes
                : pendingBytes <= thresholdBytes;
        if (stop) {
            beginStopAndCopy(t);
        }
    }

    /** migration_bitmap_sync: the dirty log joins the migration bitmap; returns pages added. */
    private long sync(long t) {
        long added = toSend.drainFrom(dirtyLog);
        syncCount++;
        lastSyncNanos = t;
        periodDirtyPages += added;
        if (t - periodStartNanos > DIRTY_PERIOD_NANOS) {
            autoConverge.onPeriod(periodDirtyPages * Units.PAGE_SIZE, Math.round(ramBytes - periodStartBytes));
            dirtyRatePagesPerSecond = Math.round(periodDirtyPages * (double) Units.NANOS_PER_SECOND
                    / (t - periodStartNanos));
            periodStartNanos = t;
            periodDirtyPages = 0;
            periodStartBytes = ramBytes;
        }
        if (measuredBps > 0) {
            expectedDowntimeMillis = added * Units.PAGE_SIZE * 1000 / measuredBps;
        }
        emit(new MigrationEvent.Iteration(elapsedMillis(t), syncCount));
        return added;
    }

    private void closePass(long t, PassRecord.Kind kind, long dirtyAtSync) {
        passes.add(new PassRecord(passes.size() + 1, kind, passStartNanos, t - passStartNanos, passPages,
                passNormal, passZero, Math.round(passBytes), passStorage, dirtyAtSync, passThrottlePercent));
        passThrottlePercent = autoConverge.throttlePercent(); // what the next pass runs under
        // xbzrle caches what a pass sends once it runs in xbzrle mode (after the first complete round).
        cachedPages = xbzrleOn() ? Math.min(passPages, tuning.xbzrleCacheBytes() / Units.PAGE_SIZE) : 0;
        previousPassPages = Math.max(1, passPages);
        passStartNanos = t;
        passPages = 0;
        passNormal = 0;
        passZero = 0;
        passStorage = 0;
        passBytes = 0;
    }

    private void beginStopAndCopy(long t) {
        autoConverge.stop();
        pausedAtNanos = t;
        sourceStatus = DomainReasons.PAUSED_MIGRATION;
        sync(t); // the completion sync (nothing new: the guest just stopped)
        deviceBytesRemaining = deviceStateBytes;
        switchoverRemainingNanos = roundTripNanos();
        linkDebtNanos = 0;
        phase = JobPhase.STOP_AND_COPY;
        emit(new MigrationEvent.PhaseChanged(elapsedMillis(t), phase, "pending below threshold: guest stopped"));
    }

    private long stepStopAndCopy(long t, long t1, FlowRates rates) {
        double rate = request.mode() == MigrationMode.COLD ? rates.link() : rates.linkUncapped();
        long end = Math.min(t1, windowEnd(t));
        if (rate <= 0) {
            closeWindowIfDue(end);
            return end;
        }
        double budget = (end - t) + linkDebtNanos;
        scanner.send(budget, Long.MAX_VALUE, normalPageNanos(rate), zeroPageNanos(rate));
        account(scanner.normalPages, scanner.zeroPages, rate);
        double used = scanner.usedNanos;
        if (toSend.isEmpty()) {
            used += sendDeviceState(budget - used, rate);
            if (deviceBytesRemaining <= 0) {
                double rtt = Math.min(switchoverRemainingNanos, Math.max(0, budget - used));
                switchoverRemainingNanos -= rtt;
                used += rtt;
            }
        }
        boolean done = toSend.isEmpty() && deviceBytesRemaining <= 0 && switchoverRemainingNanos <= 0;
        long te = done ? Math.min(end, t + (long) Math.ceil(used - linkDebtNanos)) : end;
        linkDebtNanos = done ? 0 : Math.min(0, budget - used);
        te = Math.max(te, t);
        closeWindowIfDue(te);
        if (done) {
            closePass(te, PassRecord.Kind.STOP_AND_COPY, 0);
            complete(te);
        }
        return te;
    }

    /** Sends device state within the budget; returns the time used. */
    private double sendDeviceState(double budgetNanos, double rate) {
        if (deviceBytesRemaining <= 0 || budgetNanos <= 0) {
            return 0;
        }
        double nanosNeeded = deviceBytesRemaining * Units.NANOS_PER_SECOND / rate;
        double used = Math.min(nanosNeeded, budgetNanos);
        double bytes = used >= nanosNeeded ? deviceBytesRemaining : used * rate / Units.NANOS_PER_SECOND;
        deviceBytesRemaining -= bytes;
        if (deviceBytesRemaining < 1e-6) {
            deviceBytesRemaining = 0;
        }
        deviceBytesSent += bytes;
        windowBytes += bytes;
        passBytes += bytes;
        return used;
    }

    private void beginPostcopy(long t) {
        long added = sync(t);
        closePass(t, PassRecord.Kind.LIVE, added);
        if (snapshot != null && !snapshot.done()) {
            toSend.setRange(snapshot.abandon(), pages);
        }
        pendingAtPostcopySwitch = toSend.cardinality();
        autoConverge.stop();
        pausedAtNanos = t;
        postcopyStartedNanos = t;
        sourceStatus = DomainReasons.PAUSED_POSTCOPY;
        deviceBytesRemaining = deviceStateBytes;
        switchoverRemainingNanos = roundTripNanos();
        switchingToPostcopy = true;
        linkDebtNanos = 0;
        phase = JobPhase.POSTCOPY;
        emit(new MigrationEvent.PhaseChanged(elapsedMillis(t), phase, "switched to post-copy"));
    }

    private long stepPostcopy(long t, long t1, FlowRates rates) {
        double rate = postcopyOverStorage ? rates.storage() : rates.linkUncapped();
        long end = Math.min(t1, windowEnd(t));
        if (rate <= 0) {
            closeWindowIfDue(end);
            return end;
        }
        double budget = (end - t) + linkDebtNanos;
        if (switchingToPostcopy) {
            double used = sendDeviceState(budget, rate);
            if (deviceBytesRemaining <= 0) {
                double rtt = Math.min(switchoverRemainingNanos, Math.max(0, budget - used));
                switchoverRemainingNanos -= rtt;
                used += rtt;
            }
            if (deviceBytesRemaining > 0 || switchoverRemainingNanos > 0) {
                linkDebtNanos = Math.min(0, budget - used);
                closeWindowIfDue(end);
                return end;
            }
            long te = Math.max(t, Math.min(end, t + (long) Math.ceil(used - linkDebtNanos)));
            linkDebtNanos = 0;
            switchingToPostcopy = false;
            downtimeNanos = te - pausedAtNanos;
            vm.host = destination;
            datacenter.placementChanged();
            destinationStatus = DomainReasons.RUNNING_POSTCOPY;
            closeWindowIfDue(te);
            return te;
        }
        double normalNanos = normalPageNanos(rate);
        double zeroNanos = zeroPageNanos(rate);
        double progress = (end - t) * guestSpeed;
        faultSink.reset(normalNanos, zeroNanos);
        runGuest(t, end, guestSpeed, faultSink);
        long faults = faultSink.normal + faultSink.zero;
        if (faults > 0) {
            postcopyRequests += faults;
            postcopyPages += faults;
            double bytes = faultSink.normal * normalPageBytes() + (double) faultSink.zero * tuning.zeroPageBytes();
            postcopyBytes += bytes;
            account(faultSink.normal, faultSink.zero, rate);
        }
        double used = faultSink.nanos;
        if (budget - used > 0 && !toSend.isEmpty()) {
            scanner.send(budget - used, Long.MAX_VALUE, normalNanos, zeroNanos);
            account(scanner.normalPages, scanner.zeroPages, rate);
            postcopyPages += scanner.pages;
            postcopyBytes += scanner.normalPages * normalPageBytes() + (double) scanner.zeroPages * tuning.zeroPageBytes();
            used += scanner.usedNanos;
        }
        updateGuestSpeed(progress, faults, faultSink.nanos, rate);
        if (toSend.isEmpty()) {
            long te = Math.max(t, Math.min(end, t + (long) Math.ceil(used - linkDebtNanos)));
            linkDebtNanos = 0;
            closeWindowIfDue(te);
            closePass(te, PassRecord.Kind.POSTCOPY, 0);
            complete(te);
            return te;
        }
        linkDebtNanos = Math.min(0, budget - used);
        closeWindowIfDue(end);
        return end;
    }

    /**
     * A faulting vCPU waits a round trip plus the page's transfer; {@code threads} of them can wait
     * at once, and faulted pages cannot arrive faster than the link. The guest's speed for the
     * next step follows from this step's fault density (smoothed, so it does not oscillate).
     */
    private void updateGuestSpeed(double progressNanos, long faults, double faultLinkNanos, double rate) {
        if (progressNanos <= 0) {
            guestSpeed = Math.max(guestSpeed, 0.05);
            return;
        }
        double perFault = roundTripNanos() + normalPageNanos(rate);
        double stall = faults * perFault / Math.max(1, workload.threads());
        faultStallNanos += faults * perFault;
        double byLatency = progressNanos / (progressNanos + stall);
        double byLink = faultLinkNanos > progressNanos ? progressNanos / faultLinkNanos : 1.0;
        double target = Math.min(byLatency, byLink);
        guestSpeed = Math.max(0.01, Math.min(1.0, 0.5 * guestSpeed + 0.5 * target));
    }

    private void pausePostcopy(long now, String reason) {
        phase = JobPhase.POSTCOPY_PAUSED;
        sourceStatus = DomainReasons.PAUSED_POSTCOPY_FAILED;
        destinationStatus = DomainReasons.RUNNING_POSTCOPY_FAILED;
        linkDebtNanos = 0;
        emit(new MigrationEvent.PhaseChanged(elapsedMillis(now), phase, reason));
    }

    private void complete(long t) {
        if (downtimeNanos < 0) {
            downtimeNanos = t - pausedAtNanos;
        }
        vm.host = destination;
        datacenter.placementChanged();
        vm.status = DomainReasons.MIGRATED;
        end(t, JobPhase.COMPLETED, "completed");
    }

    private void end(long t, JobPhase outcome, String reason) {
        boolean guestStayed = outcome != JobPhase.COMPLETED;
        if (guestStayed) {
            vm.host = source;
            datacenter.placementChanged();
            if (pausedAtNanos >= 0) {
                vm.status = DomainReasons.MIGRATION_CANCELED; // it was paused for the final copy: resumed
            }
        }
        phase = outcome;
        endNanos = t;
        autoConverge.stop();
        datacenter.jobEnded(this, outcome == JobPhase.COMPLETED);
        JobStats finalStats = snapshot(t);
        finished = new MigrationEvent.Finished(elapsedMillis(t), outcome, finalStats, reason);
        nonZero = null;
        dirtyLog = null;
        toSend = null;
        scanner = null;
        snapshot = null;
        emit(finished);
    }

    // ---------------------------------------------------------------- helpers

    private void runGuest(long t, long te, double speed, AccessSink sink) {
        if (te <= t || speed <= 0) {
            return;
        }
        double progress = Units.seconds(te - t) * speed;
        workload.run(trackedSeconds(t), progress, sink);
    }

    private double trackedSeconds(long t) {
        return Units.seconds(t - startNanos);
    }

    private boolean xbzrleOn() {
        return request.has(MigrationFlag.COMPRESSED) && scanner.completedRound();
    }

    /**
     * Average wire bytes of a data page. With COMPRESSED (libvirt's default method, xbzrle), a page
     * re-sent in pre-copy goes as a delta when the previous pass cached it: the previous pass's
     * pages compete for the cache, so the hit share is cache ÷ that pass's pages.
     */
    private double normalPageBytes() {
        double full = tuning.normalPageBytes();
        if (phase != JobPhase.PRECOPY || !xbzrleOn() || cachedPages == 0) {
            return full;
        }
        double hit = Math.min(1.0, (double) cachedPages / previousPassPages);
        double encoded = tuning.xbzrleEncodedRatio() * Units.PAGE_SIZE + tuning.pageHeaderBytes();
        return hit * encoded + (1 - hit) * full;
    }

    private double normalPageNanos(double rate) {
        return normalPageBytes() * Units.NANOS_PER_SECOND / rate;
    }

    private double zeroPageNanos(double rate) {
        return Math.max(tuning.zeroPageBytes() * (double) Units.NANOS_PER_SECOND / rate, tuning.zeroPageScanNanos());
    }

    private long roundTripNanos() {
        return source.spec().migrationLink().latency().toNanos() + destination.spec().migrationLink().latency().toNanos();
    }

    private long elapsedMillis(long t) {
        return (t - startNanos) / Units.NANOS_PER_MILLI;
    }

    /**
     * Records an event; listeners get it from {@link #deliverEvents()} once the step that caused it
     * is complete, so a listener that calls back into the job never sees it half-way.
     */
    private void emit(MigrationEvent event) {
        eventCount++;
        undelivered.add(event);
        datacenter.eventHappened();
    }

    void deliverEvents() {
        while (!undelivered.isEmpty()) {
            MigrationEvent event = undelivered.remove(0);
            for (MigrationListener listener : listeners) {
                listener.onEvent(event);
            }
        }
    }

    private JobStats snapshot(long now) {
        long elapsedNanos = (endNanos >= 0 ? endNanos : now) - startNanos;
        long memoryTotal = pages * Units.PAGE_SIZE;
        long pendingPages = toSend.cardinality();
        if (phase == JobPhase.SETUP) {
            pendingPages = pages;
        } else if (snapshot != null && !snapshot.done()) {
            pendingPages += pages - snapshot.cursor();
        }
        long memoryRemaining = phase.isTerminal() ? 0 : pendingPages * Units.PAGE_SIZE;
        long deviceRemaining = phase.isTerminal() ? 0
                : pausedAtNanos >= 0 ? Math.round(deviceBytesRemaining) : deviceStateBytes;
        long memoryProcessed = Math.round(ramBytes);
        long downtime = downtimeNanos >= 0 ? downtimeNanos / Units.NANOS_PER_MILLI
                : pausedAtNanos >= 0 ? (now - pausedAtNanos) / Units.NANOS_PER_MILLI : -1;
        return new JobStats(
                phase,
                elapsedNanos / Units.NANOS_PER_MILLI,
                memoryTotal + deviceStateBytes,
                memoryProcessed + Math.round(deviceBytesSent),
                memoryRemaining + deviceRemaining,
                memoryTotal,
                memoryProcessed,
                memoryRemaining,
                measuredBps,
                dirtyRatePagesPerSecond,
                syncCount,
                zeroPagesSent,
                normalPagesSent,
                normalPagesSent * Units.PAGE_SIZE,
                Units.PAGE_SIZE,
                postcopyRequests,
                autoConverge.throttlePercent(),
                setupEndNanos >= 0 ? (setupEndNanos - startNanos) / Units.NANOS_PER_MILLI : 0,
                downtime,
                postcopyStartedNanos >= 0 ? (postcopyStartedNanos - startNanos) / Units.NANOS_PER_MILLI : -1);
    }

    /** Pre-copy: guest writes go to the dirty log (and make a zero page a data page). */
    private final class TrackingSink implements AccessSink {
        @Override
        public void write(long page) {
            dirtyLog.set(page);
            if (!nonZeroFrozen) {
                nonZero.set(page);
            }
        }

        @Override
        public void writeRange(long from, long to) {
            dirtyLog.setRange(from, to);
            if (!nonZeroFrozen) {
                nonZero.setRange(from, to);
            }
        }

        @Override
        public void read(long page) {
        }

        @Override
        public void readRange(long from, long to) {
        }

        @Override
        public boolean tracksReads() {
            return false;
        }
    }

    /** Post-copy: any access to a page still on the source faults it in, once. */
    private final class FaultSink implements AccessSink {
        long normal;
        long zero;
        double nanos;
        private double normalNanos;
        private double zeroNanos;

        void reset(double normalPageNanos, double zeroPageNanos) {
            normal = 0;
            zero = 0;
            nanos = 0;
            normalNanos = normalPageNanos;
            zeroNanos = zeroPageNanos;
        }

        private void touch(long page) {
            if (toSend.clear(page)) {
                if (nonZero.get(page)) {
                    normal++;
                    nanos += normalNanos;
                } else {
                    zero++;
                    nanos += zeroNanos;
                }
            }
        }

        private void touchRange(long from, long to) {
            long[] split = toSend.clearRangeSplit(from, to, nonZero);
            normal += split[1];
            zero += split[0] - split[1];
            nanos += split[1] * normalNanos + (split[0] - split[1]) * zeroNanos;
        }

        @Override
        public void write(long page) {
            touch(page);
        }

        @Override
        public void writeRange(long from, long to) {
            touchRange(from, to);
        }

        @Override
        public void read(long page) {
            touch(page);
        }

        @Override
        public void readRange(long from, long to) {
            touchRange(from, to);
        }

        @Override
        public boolean tracksReads() {
            return true;
        }
    }
}
