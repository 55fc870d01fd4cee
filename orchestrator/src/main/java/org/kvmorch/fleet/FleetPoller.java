package org.kvmorch.fleet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.kvmorch.hypervisor.Hypervisor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * One poll of the whole fleet: reads every host in parallel on a bounded pool (a host that does
 * not answer within the timeout is reported DOWN, never waited on), then records all readings.
 */
public class FleetPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FleetPoller.class);

    private final Hypervisor hypervisor;
    private final HostReader reader;
    private final FleetRecorder recorder;
    private final Clock clock;
    private final Duration hostTimeout;
    private final ExecutorService pool;
    private volatile LastPoll last;

    /** What the last completed poll saw: when, and which hosts did not answer (name → reason). */
    public record LastPoll(Instant at, long durationMillis, int hosts, java.util.Map<String, String> unreachable) {
    }

    FleetPoller(Hypervisor hypervisor, FleetRecorder recorder, Clock clock, int threads, Duration hostTimeout) {
        this.hypervisor = hypervisor;
        this.reader = new HostReader(hypervisor, clock);
        this.recorder = recorder;
        this.clock = clock;
        this.hostTimeout = hostTimeout;
        this.pool = Executors.newFixedThreadPool(threads, named("fleet-poll-"));
    }

    public PollSummary pollOnce() {
        long started = System.nanoTime();
        List<String> names = hypervisor.hostNames();
        List<Future<HostReading>> futures = new ArrayList<>(names.size());
        for (String name : names) {
            futures.add(pool.submit(() -> reader.read(name)));
        }
        List<HostReading> readings = new ArrayList<>(names.size());
        long deadline = System.nanoTime() + hostTimeout.toNanos();
        for (int i = 0; i < names.size(); i++) {
            readings.add(await(names.get(i), futures.get(i), deadline));
        }
        PollSummary summary;
        try {
            summary = recorder.record(readings);
        } catch (OptimisticLockingFailureException concurrentMove) {
            // A migration recorded a move while we wrote; once more, on fresh rows.
            summary = recorder.record(readings);
        }
        if (summary.hostsDown() > 0) {
            log.warn("Poll: {} of {} hosts did not answer", summary.hostsDown(), summary.hosts());
        }
        java.util.Map<String, String> unreachable = new java.util.TreeMap<>();
        readings.stream().filter(r -> !r.answered()).forEach(r -> unreachable.put(r.hostName(), r.failure()));
        last = new LastPoll(clock.instant(), (System.nanoTime() - started) / 1_000_000, readings.size(), unreachable);
        return summary;
    }

    /** The last completed poll, if any. */
    public java.util.Optional<LastPoll> lastPoll() {
        return java.util.Optional.ofNullable(last);
    }

    private HostReading await(String name, Future<HostReading> future, long deadlineNanos) {
        try {
            return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return HostReading.failed(name, clock.instant(), "no answer within " + hostTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return HostReading.failed(name, clock.instant(), String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HostReading.failed(name, clock.instant(), "poll interrupted");
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
