package org.kvmorch.hypervisor.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;
import org.kvmorch.hypervisor.DomainState;
import org.kvmorch.hypervisor.Host;
import org.kvmorch.hypervisor.Hypervisor;
import org.kvmorch.hypervisor.MigrationFlag;
import org.kvmorch.hypervisor.MigrationRejectedException;
import org.kvmorch.hypervisor.MigrationRequest;

/**
 * An in-process datacenter of simulated KVM hosts behind the hypervisor port. It owns a virtual
 * clock and advances all running migrations together on it, so concurrent migrations share links
 * step by step. Deterministic for a seed (in virtual mode).
 *
 * <p>Two ways to move time:
 * <ul>
 * <li><b>virtual</b> (default): time moves only when someone calls
 * {@link org.kvmorch.hypervisor.MigrationJob#awaitProgress} (it advances the clock until the job
 * reports something or the wait is over) or {@link #advance}. Meant for one driving thread: tests,
 * benchmarks, the command line.</li>
 * <li><b>paced</b> ({@link Builder#paced(double)}): a background thread moves virtual time with
 * wall time × a speed factor, and {@code awaitProgress} waits in real time. Meant for the live
 * service's simulated fleet, with one control loop per migration.</li>
 * </ul>
 * Every state change happens under this object's monitor.
 */
public final class SimulatedDatacenter implements Hypervisor {

    private final SimClock clock;
    private final SimTuning tuning;
    private final Map<String, SimHost> hosts = new LinkedHashMap<>();
    private final Map<String, SimVm> vms = new LinkedHashMap<>();
    /** Host → guests concerning it; null when stale. Guarded by this datacenter's lock. */
    private Map<SimHost, List<SimVm>> vmsByHost;
    private final List<SimMigrationJob> active = new ArrayList<>();
    private final Map<String, List<long[]>> outages = new LinkedHashMap<>();
    private final double pacedSpeed;
    private Thread pacer;
    private volatile boolean closed;

    private SimulatedDatacenter(Builder b) {
        this.clock = new SimClock(b.epoch);
        this.tuning = b.tuning;
        this.pacedSpeed = b.pacedSpeed;
        SplittableRandom ids = new SplittableRandom(b.seed);
        for (HostSpec h : b.hosts) {
            if (hosts.containsKey(h.name())) {
                throw new IllegalArgumentException("duplicate host " + h.name());
            }
            hosts.put(h.name(), new SimHost(this, h, uuid(ids)));
        }
        for (VmSpec v : b.vms) {
            SimHost host = hosts.get(v.host());
            if (host == null) {
                throw new IllegalArgumentException("vm " + v.name() + " names unknown host " + v.host());
            }
            if (vms.containsKey(v.name())) {
                throw new IllegalArgumentException("duplicate vm " + v.name());
            }
            vms.put(v.name(), new SimVm(v, host, ids.nextLong(), uuid(ids)));
        }
        for (SimHost h : hosts.values()) {
            if (h.allocatedMemoryBytes() > h.spec().memoryBytes()) {
                throw new IllegalArgumentException("host " + h.name() + " has more guest memory than RAM");
            }
        }
        if (pacedSpeed > 0) {
            pacer = new Thread(this::pace, "sim-pacer");
            pacer.setDaemon(true);
            pacer.start();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public SimClock clock() {
        return clock;
    }

    public SimTuning tuning() {
        return tuning;
    }

    public boolean isPaced() {
        return pacedSpeed > 0;
    }

    @Override
    public List<String> hostNames() {
        return List.copyOf(hosts.keySet());
    }

    @Override
    public SimHost host(String hostName) {
        SimHost h = hosts.get(hostName);
        if (h == null) {
            throw new IllegalArgumentException("no host named " + hostName);
        }
        return h;
    }

    /** Migrations that have not ended yet. */
    public synchronized List<SimMigrationJob> activeJobs() {
        return List.copyOf(active);
    }

    /**
     * Takes a host's migration link down for {@code duration} starting at virtual time {@code at}
     * (since the datacenter was built). Migrations through it fail in pre-copy and pause in
     * post-copy.
     */
    public synchronized void cutLink(String hostName, Duration at, Duration duration) {
        host(hostName);
        if (at.isNegative() || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a link cut needs a start >= 0 and a positive duration");
        }
        long from = at.toNanos();
        outages.computeIfAbsent(hostName, k -> new ArrayList<>()).add(new long[] {from, from + duration.toNanos()});
    }

    /** Advances virtual time (virtual mode only). */
    public synchronized void advance(Duration duration) {
        if (isPaced()) {
            throw new IllegalStateException("a paced datacenter moves its clock by itself");
        }
        advanceTo(clock.nanos() + duration.toNanos());
    }

    @Override
    public void close() {
        closed = true;
        Thread p = pacer;
        if (p != null) {
            p.interrupt();
        }
        synchronized (this) {
            notifyAll();
        }
    }

    // ---------------------------------------------------------------- package side

    Collection<SimVm> vms() {
        return vms.values();
    }

    /**
     * The guests that concern {@code host}: placed there, or migrating from or to it. Hosts ask this
     * on every poll; scanning every guest per host would cost hosts × guests per poll, so the index
     * is rebuilt only after a placement or a job changed (see {@link #placementChanged()}).
     */
    List<SimVm> vmsConcerning(SimHost host) {
        if (vmsByHost == null) {
            Map<SimHost, List<SimVm>> index = new HashMap<>();
            for (SimVm vm : vms.values()) {
                index.computeIfAbsent(vm.host, h -> new ArrayList<>()).add(vm);
                SimMigrationJob job = vm.job;
                if (job != null) {
                    for (SimHost end : new SimHost[] {job.source(), job.destination()}) {
                        if (end != vm.host) {
                            index.computeIfAbsent(end, h -> new ArrayList<>()).add(vm);
                        }
                    }
                }
            }
            vmsByHost = index;
        }
        return vmsByHost.getOrDefault(host, List.of());
    }

    /** A guest changed host or started/ended a job: the host index is stale. */
    void placementChanged() {
        vmsByHost = null;
    }

    SimVm vm(String name) {
        return vms.get(name);
    }

    boolean owns(SimHost host) {
        return hosts.get(host.name()) == host;
    }

    boolean linkUp(SimHost host, long nanos) {
        List<long[]> list = outages.get(host.name());
        if (list == null) {
            return true;
        }
        for (long[] o : list) {
            if (nanos >= o[0] && nanos < o[1]) {
                return false;
            }
        }
        return true;
    }

    boolean storageUp(SimHost a, SimHost b) {
        return a.spec().storagePath().isPresent() && b.spec().storagePath().isPresent();
    }

    synchronized SimMigrationJob startMigration(SimHost source, String domainName, SimHost destination,
            MigrationRequest request, SimMigrationOptions options) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(options, "options");
        if (closed) {
            throw new MigrationRejectedException("the datacenter is closed");
        }
        SimVm vm = vms.get(domainName);
        if (vm == null || vm.host != source) {
            throw new MigrationRejectedException("no domain " + domainName + " runs on " + source.name());
        }
        if (vm.job != null) {
            throw new MigrationRejectedException("domain " + domainName + " already has a migration job");
        }
        if (vm.status.state() != DomainState.RUNNING) {
            throw new MigrationRejectedException("domain " + domainName + " is not running: " + vm.status);
        }
        if (destination == source) {
            throw new MigrationRejectedException("source and destination are the same host");
        }
        long free = destination.spec().memoryBytes() - destination.allocatedMemoryBytes();
        if (free < vm.spec.memoryBytes()) {
            throw new MigrationRejectedException("host " + destination.name() + " has " + free
                    + " bytes free, domain " + domainName + " needs " + vm.spec.memoryBytes());
        }
        if (options.bulkOverStoragePath() && !storageUp(source, destination)) {
            throw new MigrationRejectedException("bulk over the storage path needs a storage path on both hosts");
        }
        destination.leftovers.remove(domainName);
        SimMigrationJob job = new SimMigrationJob(this, vm, source, destination, request, options, clock.nanos());
        vm.job = job;
        placementChanged();
        active.add(job);
        return job;
    }

    void jobEnded(SimMigrationJob job, boolean completed) {
        SimVm vm = job.vm();
        vm.job = null;
        placementChanged();
        active.remove(job);
        if (completed && !job.request().has(MigrationFlag.UNDEFINE_SOURCE)) {
            job.source().leftovers.put(vm.spec.name(), vm.info(DomainReasons.SHUTOFF_MIGRATED));
        }
    }

    void eventHappened() {
        notifyAll();
    }

    /** Virtual mode: advances until the job reports something or maxWait passes. Paced: waits. */
    void awaitEvent(SimMigrationJob job, Duration maxWait) {
        synchronized (this) {
            long deadline = clock.nanos() + maxWait.toNanos();
            long seen = job.eventCount();
            long slice = tuning.maxSlice().toNanos();
            while (!job.isTerminal() && job.eventCount() == seen && clock.nanos() < deadline && !closed) {
                if (isPaced()) {
                    long realMillis = Math.max(1, (long) ((deadline - clock.nanos()) / pacedSpeed / 1e6));
                    try {
                        wait(Math.min(realMillis, 1000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                } else {
                    advanceTo(Math.min(deadline, clock.nanos() + slice));
                }
            }
        }
    }

    /** The simulation loop: steps of at most one slice, split at link changes. */
    synchronized void advanceTo(long target) {
        long slice = tuning.maxSlice().toNanos();
        while (clock.nanos() < target) {
            long t = clock.nanos();
            for (SimMigrationJob job : List.copyOf(active)) {
                if (!linkUp(job.source(), t) || !linkUp(job.destination(), t)) {
                    job.onLinkDown(t);
                    job.deliverEvents();
                }
            }
            if (active.isEmpty()) {
                clock.advanceTo(target);
                return;
            }
            long end = Math.min(target, Math.min(t + slice, nextLinkChangeAfter(t)));
            List<SimMigrationJob> jobs = List.copyOf(active);
            for (SimMigrationJob job : jobs) {
                end = Math.min(end, job.nextRateChange(t));
            }
            Map<SimMigrationJob, FlowRates> rates = FairShare.allocate(jobs, this, t);
            for (SimMigrationJob job : jobs) {
                job.advance(t, end, rates.getOrDefault(job, FlowRates.NONE));
            }
            clock.advanceTo(end);
        }
    }

    private long nextLinkChangeAfter(long t) {
        long next = Long.MAX_VALUE;
        for (List<long[]> list : outages.values()) {
            for (long[] o : list) {
                if (o[0] > t) {
                    next = Math.min(next, o[0]);
                }
                if (o[1] > t) {
                    next = Math.min(next, o[1]);
                }
            }
        }
        return next;
    }

    private void pace() {
        long stepMillis = 10;
        long last = System.nanoTime(); // paced mode is the one place tied to wall time, by design
        while (!closed) {
            try {
                Thread.sleep(stepMillis);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            long virtualStep = (long) ((now - last) * pacedSpeed);
            last = now;
            synchronized (this) {
                advanceTo(clock.nanos() + virtualStep);
                notifyAll();
            }
        }
    }

    private static String uuid(SplittableRandom random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** Builds a datacenter from code: hosts, guests, seed, tuning, time mode. */
    public static final class Builder {
        private long seed = 1;
        private SimTuning tuning = SimTuning.defaults();
        private Instant epoch = Instant.parse("2025-01-01T00:00:00Z");
        private double pacedSpeed;
        private final List<HostSpec> hosts = new ArrayList<>();
        private final List<VmSpec> vms = new ArrayList<>();

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder tuning(SimTuning value) {
            this.tuning = Objects.requireNonNull(value);
            return this;
        }

        /** The instant virtual time 0 stands for (reported by {@link SimClock#instant()}). */
        public Builder epoch(Instant value) {
            this.epoch = Objects.requireNonNull(value);
            return this;
        }

        /** Paced mode: virtual time runs at wall time × {@code speed}. */
        public Builder paced(double speed) {
            if (!(speed > 0)) {
                throw new IllegalArgumentException("speed must be > 0");
            }
            this.pacedSpeed = speed;
            return this;
        }

        public Builder host(HostSpec spec) {
            hosts.add(Objects.requireNonNull(spec));
            return this;
        }

        public Builder vm(VmSpec spec) {
            vms.add(Objects.requireNonNull(spec));
            return this;
        }

        public SimulatedDatacenter build() {
            return new SimulatedDatacenter(this);
        }
    }

    @Override
    public String toString() {
        return "SimulatedDatacenter" + hostNames() + " at " + clock.elapsed();
    }

    /** Convenience for code holding the port type. */
    public static SimHost asSimHost(Host host) {
        if (host instanceof SimHost s) {
            return s;
        }
        throw new IllegalArgumentException(host.name() + " is not a simulated host");
    }
}
