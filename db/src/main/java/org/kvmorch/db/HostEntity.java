package org.kvmorch.db;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

@Entity
@Table(name = "host")
public class HostEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(nullable = false)
    private String uri;

    @Column(nullable = false)
    private String cluster = "default";

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private HostState state = HostState.ACTIVE;

    private int cpus;
    private long cpuMhz;
    private long memoryBytes;
    @Column(name = "disk_bytes_per_s")
    private long diskBytesPerSecond;
    @Column(name = "net_bytes_per_s")
    private long netBytesPerSecond;

    private double cpuUtil;
    private double memUtil;
    private double diskUtil;
    private double netUtil;
    private double loadIndex = 1.0;
    private Instant overloadedSince;
    private Instant lastSeenAt;

    @Column(nullable = false, updatable = false)
    private Instant createdAt = Instant.now();
    @Column(nullable = false)
    private Instant updatedAt = Instant.now();

    @Version
    private long version;

    protected HostEntity() {
    }

    public HostEntity(String name, String uri, int cpus, long memoryBytes) {
        this.name = name;
        this.uri = uri;
        this.cpus = cpus;
        this.memoryBytes = memoryBytes;
    }

    /**
     * A configured host that has not answered yet: listed DOWN, its capacity unknown (0) until
     * {@link #describe} records what the host reports.
     */
    public static HostEntity unreached(String name, String uri) {
        HostEntity host = new HostEntity(name, uri, 0, 0);
        host.state = HostState.DOWN;
        return host;
    }

    /** True once the host has answered and its capacity is known. */
    public boolean isDescribed() {
        return cpus > 0;
    }

    /** Records the capacity the host reports. */
    public void describe(int cpus, long cpuMhz, long memoryBytes, long diskBytesPerSecond, long netBytesPerSecond) {
        this.cpus = cpus;
        this.cpuMhz = cpuMhz;
        this.memoryBytes = memoryBytes;
        this.diskBytesPerSecond = diskBytesPerSecond;
        this.netBytesPerSecond = netBytesPerSecond;
    }

    /** Records one utilization reading and the load index computed from it. */
    public void recordUtilization(double cpu, double mem, double disk, double net, double index, Instant at) {
        this.cpuUtil = cpu;
        this.memUtil = mem;
        this.diskUtil = disk;
        this.netUtil = net;
        this.loadIndex = index;
        this.lastSeenAt = at;
        this.updatedAt = at;
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public String getUri() { return uri; }
    public String getCluster() { return cluster; }
    public void setCluster(String cluster) { this.cluster = cluster; }
    public HostState getState() { return state; }
    public void setState(HostState state) { this.state = state; this.updatedAt = Instant.now(); }
    public int getCpus() { return cpus; }
    public long getCpuMhz() { return cpuMhz; }
    public void setCpuMhz(long cpuMhz) { this.cpuMhz = cpuMhz; }
    public long getMemoryBytes() { return memoryBytes; }
    public long getDiskBytesPerSecond() { return diskBytesPerSecond; }
    public void setDiskBytesPerSecond(long v) { this.diskBytesPerSecond = v; }
    public long getNetBytesPerSecond() { return netBytesPerSecond; }
    public void setNetBytesPerSecond(long v) { this.netBytesPerSecond = v; }
    public double getCpuUtil() { return cpuUtil; }
    public double getMemUtil() { return memUtil; }
    public double getDiskUtil() { return diskUtil; }
    public double getNetUtil() { return netUtil; }
    public double getLoadIndex() { return loadIndex; }
    public Instant getOverloadedSince() { return overloadedSince; }
    public void setOverloadedSince(Instant overloadedSince) { this.overloadedSince = overloadedSince; }
    public Instant getLastSeenAt() { return lastSeenAt; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
}
