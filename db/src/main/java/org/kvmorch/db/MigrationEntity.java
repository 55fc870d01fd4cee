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

/** One migration attempt with its request, prediction, live state and final metrics. */
@Entity
@Table(name = "migration")
public class MigrationEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "vm_id", nullable = false)
    private Long vmId;
    @Column(nullable = false)
    private String vmName;
    @Column(nullable = false)
    private String sourceHost;
    @Column(nullable = false)
    private String destinationHost;
    @Column(nullable = false)
    private String policy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private MigrationState state = MigrationState.PENDING;
    private String stateReason;

    @Column(name = "plan_id")
    private Long planId;
    @Column(name = "drain_id")
    private Long drainId;
    @Column(nullable = false)
    private String requestedBy;
    /** Superseded by the idempotency_key table (V3); kept for rows written before it. */
    private String idempotencyKey;
    private Integer maxDowntimeMs;
    @Column(name = "bandwidth_bytes_per_s")
    private Long bandwidthBytesPerSecond;
    /** Streams encrypted (VIR_MIGRATE_TLS). */
    @Column(nullable = false)
    private boolean tls;

    @Column(nullable = false, updatable = false)
    private Instant createdAt = Instant.now();
    private Instant startedAt;
    private Instant postcopyStartedAt;
    private Instant finishedAt;

    private Long predictedTotalMs;
    private Long predictedBytes;
    private Long predictedDowntimeMs;

    private Long t1PreparationMs;
    private Long t2DowntimeMs;
    private Long t3ResumeMs;
    private Long pagesSent;
    private Long totalTimeMs;
    private Long totalBytes;
    private Long downtimeMs;
    private Integer precopyRounds;
    private Long postcopyMs;
    private Long postcopyBytes;
    private Long postcopyFaults;
    private String failureCause;

    @Version
    private long version;

    protected MigrationEntity() {
    }

    public MigrationEntity(Long vmId, String vmName, String sourceHost, String destinationHost,
                           String policy, String requestedBy) {
        this.vmId = vmId;
        this.vmName = vmName;
        this.sourceHost = sourceHost;
        this.destinationHost = destinationHost;
        this.policy = policy;
        this.requestedBy = requestedBy;
    }

    public void transitionTo(MigrationState next, String reason) {
        this.state = next;
        this.stateReason = reason;
    }

    public Long getId() { return id; }
    public Long getVmId() { return vmId; }
    public String getVmName() { return vmName; }
    public String getSourceHost() { return sourceHost; }
    public String getDestinationHost() { return destinationHost; }
    public String getPolicy() { return policy; }
    public MigrationState getState() { return state; }
    public String getStateReason() { return stateReason; }
    public Long getPlanId() { return planId; }
    public void setPlanId(Long planId) { this.planId = planId; }
    public Long getDrainId() { return drainId; }
    public void setDrainId(Long drainId) { this.drainId = drainId; }
    public String getRequestedBy() { return requestedBy; }
    public String getIdempotencyKey() { return idempotencyKey; }
    public void setIdempotencyKey(String idempotencyKey) { this.idempotencyKey = idempotencyKey; }
    public Integer getMaxDowntimeMs() { return maxDowntimeMs; }
    public void setMaxDowntimeMs(Integer maxDowntimeMs) { this.maxDowntimeMs = maxDowntimeMs; }
    public Long getBandwidthBytesPerSecond() { return bandwidthBytesPerSecond; }
    public void setBandwidthBytesPerSecond(Long v) { this.bandwidthBytesPerSecond = v; }
    public boolean isTls() { return tls; }
    public void setTls(boolean tls) { this.tls = tls; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getStartedAt() { return startedAt; }
    public void setStartedAt(Instant startedAt) { this.startedAt = startedAt; }
    public Instant getPostcopyStartedAt() { return postcopyStartedAt; }
    public void setPostcopyStartedAt(Instant t) { this.postcopyStartedAt = t; }
    public Instant getFinishedAt() { return finishedAt; }
    public void setFinishedAt(Instant finishedAt) { this.finishedAt = finishedAt; }
    public Long getPredictedTotalMs() { return predictedTotalMs; }
    public Long getPredictedBytes() { return predictedBytes; }
    public Long getPredictedDowntimeMs() { return predictedDowntimeMs; }
    public void setPrediction(Long totalMs, Long bytes, Long downtimeMs) {
        this.predictedTotalMs = totalMs;
        this.predictedBytes = bytes;
        this.predictedDowntimeMs = downtimeMs;
    }
    public Long getT1PreparationMs() { return t1PreparationMs; }
    public Long getT2DowntimeMs() { return t2DowntimeMs; }
    public Long getT3ResumeMs() { return t3ResumeMs; }
    public void setPhaseTimes(Long t1, Long t2, Long t3) {
        this.t1PreparationMs = t1;
        this.t2DowntimeMs = t2;
        this.t3ResumeMs = t3;
    }
    public Long getPagesSent() { return pagesSent; }
    public void setPagesSent(Long pagesSent) { this.pagesSent = pagesSent; }
    public Long getTotalTimeMs() { return totalTimeMs; }
    public void setTotalTimeMs(Long totalTimeMs) { this.totalTimeMs = totalTimeMs; }
    public Long getTotalBytes() { return totalBytes; }
    public void setTotalBytes(Long totalBytes) { this.totalBytes = totalBytes; }
    public Long getDowntimeMs() { return downtimeMs; }
    public void setDowntimeMs(Long downtimeMs) { this.downtimeMs = downtimeMs; }
    public Integer getPrecopyRounds() { return precopyRounds; }
    public void setPrecopyRounds(Integer precopyRounds) { this.precopyRounds = precopyRounds; }
    public Long getPostcopyMs() { return postcopyMs; }
    public void setPostcopyMs(Long postcopyMs) { this.postcopyMs = postcopyMs; }
    public Long getPostcopyBytes() { return postcopyBytes; }
    public void setPostcopyBytes(Long postcopyBytes) { this.postcopyBytes = postcopyBytes; }
    public Long getPostcopyFaults() { return postcopyFaults; }
    public void setPostcopyFaults(Long postcopyFaults) { this.postcopyFaults = postcopyFaults; }
    public String getFailureCause() { return failureCause; }
    public void setFailureCause(String failureCause) { this.failureCause = failureCause; }
}
