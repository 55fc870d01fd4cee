package org.kvmorch.hypervisor.libvirt;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.kvmorch.hypervisor.DomainState;
import org.kvmorch.hypervisor.JobPhase;
import org.kvmorch.hypervisor.JobStats;
import org.kvmorch.hypervisor.MigrationEvent;
import org.kvmorch.hypervisor.MigrationFlag;
import org.kvmorch.hypervisor.MigrationJob;
import org.kvmorch.hypervisor.MigrationListener;
import org.kvmorch.hypervisor.MigrationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cold migration: shut the guest down (graceful; destroyed after the timeout only if the
 * adapter's settings allow it), define it on the destination, undefine it on the source, start it
 * on the destination. No memory crosses; "downtime" is from the stop request to the start.
 */
final class ColdMigrationJob implements MigrationJob {

    private static final Logger LOG = LoggerFactory.getLogger(ColdMigrationJob.class);
    private static final int XML_SECURE_INACTIVE = 1 | 2;

    private final LibvirtHost source;
    private final LibvirtHost destination;
    private final LibvirtHost.DomainRef ref;
    private final MigrationRequest request;
    private final long startNanos = System.nanoTime();
    private final List<MigrationListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private JobStats latest = JobStatsMapper.empty(JobPhase.SETUP, 0);
    private long eventCount;
    private long stoppedAtNanos = -1;
    private volatile boolean cancel;

    private ColdMigrationJob(LibvirtHost source, LibvirtHost destination, LibvirtHost.DomainRef ref,
            MigrationRequest request) {
        this.source = source;
        this.destination = destination;
        this.ref = ref;
        this.request = request;
    }

    static ColdMigrationJob start(LibvirtHost source, LibvirtHost destination, LibvirtHost.DomainRef ref,
            MigrationRequest request) {
        ColdMigrationJob job = new ColdMigrationJob(source, destination, ref, request);
        Thread t = new Thread(job::run, "libvirt-cold-" + ref.name());
        t.setDaemon(true);
        t.start();
        return job;
    }

    private void run() {
        try {
            String xml = source.connection().call("read definition", c -> {
                try (DomainHandle d = DomainHandle.byUuid(c.pointer(), ref.uuid())) {
                    return d.xml(XML_SECURE_INACTIVE);
                }
            });
            update(JobPhase.STOP_AND_COPY, "stopping the guest");
            stoppedAtNanos = System.nanoTime();
            shutDown();
            if (cancel) {
                restartOnSource();
                end(JobPhase.CANCELLED, "cancelled before the guest moved; restarted on " + source.name());
                return;
            }
            destination.connection().call("define on destination", c -> {
                try (DomainHandle d = DomainHandle.adopt(Virt.INSTANCE.virDomainDefineXML(c.pointer(), xml),
                        "define " + ref.name())) {
                    return null;
                }
            });
            if (request.has(MigrationFlag.UNDEFINE_SOURCE)) {
                source.connection().call("undefine on source", c -> {
                    try (DomainHandle d = DomainHandle.byUuid(c.pointer(), ref.uuid())) {
                        return LibvirtCallException.check(Virt.INSTANCE.virDomainUndefine(d.ptr), "undefine");
                    }
                });
            }
            if (ref.status().state() == DomainState.RUNNING || ref.status().state() == DomainState.PAUSED) {
                destination.connection().call("start on destination", c -> {
                    try (DomainHandle d = DomainHandle.byUuid(c.pointer(), ref.uuid())) {
                        return LibvirtCallException.check(Virt.INSTANCE.virDomainCreate(d.ptr), "start");
                    }
                });
            }
            end(JobPhase.COMPLETED, "moved cold to " + destination.name());
        } catch (RuntimeException e) {
            LOG.warn("{}: cold migration failed: {}", ref.name(), e.getMessage());
            end(JobPhase.FAILED, e.getMessage());
        }
    }

    private void shutDown() {
        if (state() == DomainState.SHUTOFF) {
            return;
        }
        source.connection().call("shut down", c -> {
            try (DomainHandle d = DomainHandle.byUuid(c.pointer(), ref.uuid())) {
                return LibvirtCallException.check(Virt.INSTANCE.virDomainShutdown(d.ptr), "shut down");
            }
        });
        long deadline = System.nanoTime() + source.settings().coldShutdownTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            if (state() == DomainState.SHUTOFF) {
                return;
            }
            sleep(250);
        }
        if (!source.settings().coldForceOff()) {
            throw new IllegalStateException("the guest did not shut down within "
                    + source.settings().coldShutdownTimeout() + " (force-off not allowed)");
        }
        LOG.info("{}: no shutdown within {}, powering it off", ref.name(), source.settings().coldShutdownTimeout());
        source.connection().call("destroy", c -> {
            try (DomainHandle d = DomainHandle.byUuid(c.pointer(), ref.uuid())) {
                return LibvirtCallException.check(Virt.INSTANCE.virDomainDestroy(d.ptr), "destroy");
            }
        });
    }

    private void restartOnSource() {
        source.connection().call("restart on source", c -> {
            try (DomainHandle d = DomainHandle.byUuid(c.pointer(), ref.uuid())) {
                return LibvirtCallException.check(Virt.INSTANCE.virDomainCreate(d.ptr), "start");
            }
        });
    }

    private DomainState state() {
        return source.connection().call("state", c -> {
            try (DomainHandle d = DomainHandle.byUuid(c.pointer(), ref.uuid())) {
                return d.status().state();
            }
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JobStats stats(JobPhase phase) {
        long elapsed = (System.nanoTime() - startNanos) / 1_000_000;
        long downtime = stoppedAtNanos < 0 || !phase.isTerminal() ? -1 : (System.nanoTime() - stoppedAtNanos) / 1_000_000;
        return new JobStats(phase, elapsed, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4096, 0, 0, 0,
                phase == JobPhase.COMPLETED ? downtime : -1, -1);
    }

    private void update(JobPhase phase, String reason) {
        JobStats s = stats(phase);
        synchronized (lock) {
            latest = s;
            eventCount++;
            lock.notifyAll();
        }
        emit(new MigrationEvent.PhaseChanged(s.timeElapsedMillis(), phase, reason));
    }

    private void end(JobPhase phase, String reason) {
        JobStats s = stats(phase);
        synchronized (lock) {
            latest = s;
            eventCount++;
            lock.notifyAll();
        }
        emit(new MigrationEvent.Finished(s.timeElapsedMillis(), phase, s, reason));
    }

    private void emit(MigrationEvent e) {
        for (MigrationListener l : listeners) {
            try {
                l.onEvent(e);
            } catch (RuntimeException ex) {
                LOG.warn("{}: migration listener failed", ref.name(), ex);
            }
        }
    }

    @Override
    public String domainName() {
        return ref.name();
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
            return latest.phase().isTerminal() ? latest : stats(latest.phase());
        }
    }

    @Override
    public JobStats awaitProgress(Duration maxWait) {
        Objects.requireNonNull(maxWait, "maxWait");
        long deadline = System.nanoTime() + maxWait.toNanos();
        synchronized (lock) {
            long seen = eventCount;
            while (eventCount == seen && !latest.phase().isTerminal()) {
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
        }
        return stats();
    }

    @Override
    public void setMaxDowntime(Duration maxDowntime) {
        // no memory is copied in a cold migration: nothing to tune
    }

    @Override
    public void setMaxBandwidth(long bytesPerSecond) {
        // idem
    }

    @Override
    public void startPostCopy() {
        throw new IllegalStateException("post-copy was not enabled for this migration (cold)");
    }

    @Override
    public void abort() {
        cancel = true;
    }

    @Override
    public void resumePostCopy() {
        throw new IllegalStateException("nothing to resume, cold migration");
    }

    @Override
    public void addListener(MigrationListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }
}
