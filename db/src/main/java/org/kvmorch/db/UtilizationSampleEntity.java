package org.kvmorch.db;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A utilization reading of a host (vmId null) or a VM; resolutionSeconds 0 = raw sample. */
@Entity
@Table(name = "utilization_sample")
public class UtilizationSampleEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private Instant sampledAt;
    @Column(name = "host_id", nullable = false)
    private Long hostId;
    @Column(name = "vm_id")
    private Long vmId;
    @Column(name = "resolution_s")
    private int resolutionSeconds;
    private double cpu;
    private double mem;
    private double disk;
    private double net;
    private Double loadIndex;
    @Column(name = "dirty_rate_bytes_per_s")
    private Long dirtyRateBytesPerSecond;

    protected UtilizationSampleEntity() {
    }

    public UtilizationSampleEntity(Instant sampledAt, Long hostId, Long vmId, int resolutionSeconds,
                                   double cpu, double mem, double disk, double net,
                                   Double loadIndex, Long dirtyRateBytesPerSecond) {
        this.sampledAt = sampledAt;
        this.hostId = hostId;
        this.vmId = vmId;
        this.resolutionSeconds = resolutionSeconds;
        this.cpu = cpu;
        this.mem = mem;
        this.disk = disk;
        this.net = net;
        this.loadIndex = loadIndex;
        this.dirtyRateBytesPerSecond = dirtyRateBytesPerSecond;
    }

    public Long getId() { return id; }
    public Instant getSampledAt() { return sampledAt; }
    public Long getHostId() { return hostId; }
    public Long getVmId() { return vmId; }
    public int getResolutionSeconds() { return resolutionSeconds; }
    public double getCpu() { return cpu; }
    public double getMem() { return mem; }
    public double getDisk() { return disk; }
    public double getNet() { return net; }
    public Double getLoadIndex() { return loadIndex; }
    public Long getDirtyRateBytesPerSecond() { return dirtyRateBytesPerSecond; }
}
