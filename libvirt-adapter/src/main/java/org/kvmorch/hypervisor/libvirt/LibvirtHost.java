package org.kvmorch.hypervisor.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kvmorch.hypervisor.DomainInfo;
import org.kvmorch.hypervisor.DomainState;
import org.kvmorch.hypervisor.DomainStatus;
import org.kvmorch.hypervisor.DomainUtilization;
import org.kvmorch.hypervisor.Host;
import org.kvmorch.hypervisor.HostUnreachableException;
import org.kvmorch.hypervisor.HostUtilization;
import org.kvmorch.hypervisor.MigrationJob;
import org.kvmorch.hypervisor.MigrationMode;
import org.kvmorch.hypervisor.MigrationRejectedException;
import org.kvmorch.hypervisor.MigrationRequest;
import org.kvmorch.hypervisor.NodeInfo;

/** A libvirt host behind the port. Every libvirt call goes through its {@link HostConnection}. */
final class LibvirtHost implements Host {

    private static final Pattern HOST_UUID = Pattern.compile("<host>\\s*<uuid>([^<]+)</uuid>");

    private final LibvirtHostConfig config;
    private final LibvirtSettings settings;
    private final EventRouter events;
    private final HostConnection connection;
    private final UtilizationSampler sampler = new UtilizationSampler();
    private final Map<String, MigrationJob> jobs = new ConcurrentHashMap<>();
    private volatile NodeInfo nodeInfo;

    LibvirtHost(LibvirtHostConfig config, LibvirtSettings settings) {
        this.config = config;
        this.settings = settings;
        this.events = new EventRouter(config.name());
        this.connection = new HostConnection(config.name(), config.uri(), settings, events);
    }

    @Override
    public String name() {
        return config.name();
    }

    LibvirtHostConfig config() {
        return config;
    }

    LibvirtSettings settings() {
        return settings;
    }

    HostConnection connection() {
        return connection;
    }

    EventRouter events() {
        return events;
    }

    /** Opens the connection if needed; throws HostUnreachableException if the host does not answer. */
    void checkReachable() {
        if (!connection.isUp()) {
            connection.call("connect", c -> null);
        }
    }

    @Override
    public NodeInfo nodeInfo() {
        NodeInfo n = nodeInfo;
        if (n == null) {
            n = connection.call("node info", c -> {
                org.libvirt.NodeInfo info = c.nodeInfo();
                Matcher m = HOST_UUID.matcher(c.getCapabilities());
                String uuid = m.find() ? m.group(1).trim() : "";
                return new NodeInfo(uuid, info.cpus, info.mhz, info.memory * 1024L, config.diskBytesPerSecond(),
                        config.networkBytesPerSecond());
            });
            nodeInfo = n;
        }
        return n;
    }

    @Override
    public HostUtilization utilization() {
        NodeInfo node = nodeInfo();
        return UtilizationSampler.host(sampler.interval(this::sample), node);
    }

    @Override
    public DomainUtilization domainUtilization(String domainName) {
        NodeInfo node = nodeInfo();
        return UtilizationSampler.domain(sampler.interval(this::sample), node, domainName);
    }

    private UtilizationSampler.Sample sample() {
        return connection.call("utilization sample", c -> new UtilizationSampler.Sample(System.nanoTime(),
                NodeStats.cpu(c.pointer()), NodeStats.memory(c.pointer()),
                BulkStats.all(c.pointer(), DirtyRateProbe::restart)));
    }

    @Override
    public List<DomainInfo> domains() {
        List<BulkStats.Record> records = connection.call("list domains", c -> BulkStats.all(c.pointer()));
        List<DomainInfo> list = new ArrayList<>();
        for (BulkStats.Record r : records) {
            list.add(info(r));
        }
        return List.copyOf(list);
    }

    @Override
    public Optional<DomainInfo> domain(String domainName) {
        return domains().stream().filter(d -> d.name().equals(domainName)).findFirst();
    }

    static DomainInfo info(BulkStats.Record r) {
        TypedParams s = r.stats();
        DomainStatus status = DomainStates.of((int) s.getLong("state.state", 0), (int) s.getLong("state.reason", 0));
        int vcpus = (int) s.getLong("vcpu.current", s.getLong("vcpu.maximum", 0));
        long memKib = s.getLong("balloon.maximum", s.getLong("balloon.current", 0));
        return new DomainInfo(r.name(), r.uuid(), vcpus, memKib * 1024, status);
    }

    /** The domain's UUID and status, by name (one lookup). */
    DomainRef lookup(String domainName) {
        return connection.call("look up " + domainName, c -> {
            try (DomainHandle d = DomainHandle.byName(c.pointer(), domainName)) {
                return new DomainRef(domainName, d.uuid(), d.status());
            }
        });
    }

    /** A domain's identity and state at one moment. */
    record DomainRef(String name, String uuid, DomainStatus status) {
    }

    @Override
    public MigrationJob migrate(String domainName, Host destination, MigrationRequest request) {
        if (!(destination instanceof LibvirtHost target)) {
            throw new MigrationRejectedException("destination " + destination.name() + " is not a libvirt host");
        }
        if (target == this || target.config.uri().equals(config.uri())) {
            throw new MigrationRejectedException("source and destination are the same host");
        }
        DomainRef ref;
        try {
            ref = lookup(domainName);
        } catch (LibvirtCallException e) {
            throw new MigrationRejectedException("no domain " + domainName + " on " + name() + ": " + e.getMessage(), e);
        }
        MigrationJob running = jobs.get(domainName);
        if (running != null && !running.stats().phase().isTerminal()) {
            throw new MigrationRejectedException("domain " + domainName + " already has a migration job");
        }
        MigrationJob job;
        if (request.mode() == MigrationMode.COLD) {
            job = ColdMigrationJob.start(this, target, ref, request);
        } else {
            if (ref.status().state() != DomainState.RUNNING) {
                throw new MigrationRejectedException("domain " + domainName + " is not running: " + ref.status());
            }
            job = LibvirtMigrationJob.start(this, target, ref, request);
        }
        jobs.put(domainName, job);
        return job;
    }

    @Override
    public Optional<MigrationJob> activeJob(String domainName) {
        MigrationJob job = jobs.get(domainName);
        if (job != null && !job.stats().phase().isTerminal()) {
            return Optional.of(job);
        }
        return Optional.empty();
    }

    /** Ours if this process started it; otherwise adopted from what the source's libvirtd still runs. */
    @Override
    public Optional<MigrationJob> adoptJob(String domainName, Host destination, MigrationRequest request) {
        Optional<MigrationJob> own = activeJob(domainName);
        if (own.isPresent() || !(destination instanceof LibvirtHost target)) {
            return own;
        }
        DomainRef ref;
        try {
            ref = lookup(domainName);
        } catch (LibvirtCallException e) {
            return Optional.empty(); // gone from the source: nothing runs here
        }
        Optional<LibvirtMigrationJob> adopted = LibvirtMigrationJob.adopt(this, target, ref, request);
        adopted.ifPresent(job -> jobs.put(domainName, job));
        return adopted.map(MigrationJob.class::cast);
    }

    void close() {
        connection.close();
        events.close();
    }

    static HostUnreachableException unreachable(String host, String message) {
        return new HostUnreachableException(host, message, null);
    }
}
