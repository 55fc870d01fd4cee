package org.kvmorch.db;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

@Entity
@Table(name = "vm")
public class VmEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String name;
    private String uuid;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "host_id")
    private HostEntity host;

    private int vcpus;
    private long memoryBytes;
    @Column(nullable = false)
    private String state = "RUNNING";
    private String stateReason;

    private double cpuUtil;
    private double memUtil;
    private double diskUtil;
    private double netUtil;
    @Column(name = "dirty_rate_bytes_per_s")
    private Long dirtyRateBytesPerSecond;
    private Long workingSetBytes;
    private Long residentBytes;

    // Per-VM overrides; null = the fleet default.
    private String migrationPolicy;
    private String allowedModes;
    private Integer maxDowntimeMs;
    @Column(name = "bandwidth_bytes_per_s")
    private Long bandwidthBytesPerSecond;
    @Column(name = "deadline_s")
    private Integer deadlineSeconds;
    private boolean allowCold;
    private String affinityGroup;
    private String antiAffinityGroup;
    private Instant lastMigratedAt;

    @Column(nullable = false, updatable = false)
    private Instant createdAt = Instant.now();
    @Column(nullable = false)
    private Instant updatedAt = Instant.now();

    @Version
    private long version;

    protected VmEntity() {
    }

    public VmEntity(String name, HostEntity host, int vcpus, long memoryBytes) {
        this.name = name;
        this.host = host;
        this.vcpus = vcpus;
        this.memoryBytes = memoryBytes;
    }

    public void recordUtilization(double cpu, double mem, double disk, double net,
                                  Long dirtyRate, Long workingSet, Long resident, Instant at) {
        this.cpuUtil = cpu;
        this.memUtil = mem;
        this.diskUtil = disk;
        this.netUtil = net;
        this.dirtyRateBytesPerSecond = dirtyRate;
        this.workingSetBytes = workingSet;
        this.residentBytes = resident;
        this.updatedAt = at;
    }

    public void movedTo(HostEntity destination, Instant at) {
        this.host = destination;
        this.lastMigratedAt = at;
        this.updatedAt = at;
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public String getUuid() { return uuid; }
    public void setUuid(String uuid) { this.uuid = uuid; }
    public HostEntity getHost() { return host; }
    public int getVcpus() { return vcpus; }
    public long getMemoryBytes() { return memoryBytes; }
    public String getState() { return state; }
    public String getStateReason() { return stateReason; }
    public void setState(String state, String reason) { this.state = state; this.stateReason = reason; }
    public double getCpuUtil() { return cpuUtil; }
    public double getMemUtil() { return memUtil; }
    public double getDiskUtil() { return diskUtil; }
    public double getNetUtil() { return netUtil; }
    public Long getDirtyRateBytesPerSecond() { return dirtyRateBytesPerSecond; }
    public Long getWorkingSetBytes() { return workingSetBytes; }
    public Long getResidentBytes() { return residentBytes; }
    public String getMigrationPolicy() { return migrationPolicy; }
    public void setMigrationPolicy(String migrationPolicy) { this.migrationPolicy = migrationPolicy; }
    public String getAllowedModes() { return allowedModes; }
    public void setAllowedModes(String allowedModes) { this.allowedModes = allowedModes; }
    public Integer getMaxDowntimeMs() { return maxDowntimeMs; }
    public void setMaxDowntimeMs(Integer maxDowntimeMs) { this.maxDowntimeMs = maxDowntimeMs; }
    public Long getBandwidthBytesPerSecond() { return bandwidthBytesPerSecond; }
    public void setBandwidthBytesPerSecond(Long v) { this.bandwidthBytesPerSecond = v; }
    public Integer getDeadlineSeconds() { return deadlineSeconds; }
    public void setDeadlineSeconds(Integer deadlineSeconds) { this.deadlineSeconds = deadlineSeconds; }
    public boolean isAllowCold() { return allowCold; }
    public void setAllowCold(boolean allowCold) { this.allowCold = allowCold; }
    public String getAffinityGroup() { return affinityGroup; }
    public void setAffinityGroup(String affinityGroup) { this.affinityGroup = affinityGroup; }
    public String getAntiAffinityGroup() { return antiAffinityGroup; }
    public void setAntiAffinityGroup(String g) { this.antiAffinityGroup = g; }
    public Instant getLastMigratedAt() { return lastMigratedAt; }
}
