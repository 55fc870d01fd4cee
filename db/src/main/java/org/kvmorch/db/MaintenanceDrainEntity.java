package org.kvmorch.db;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A host being emptied for maintenance, with its progress. */
@Entity
@Table(name = "maintenance_drain")
public class MaintenanceDrainEntity {

    public enum State { RUNNING, SUCCEEDED, FAILED, CANCELLED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "host_id", nullable = false)
    private Long hostId;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false)
    private State state = State.RUNNING;
    @Column(nullable = false)
    private String requestedBy;
    private boolean allowCold;
    private int totalVms;
    private int migratedVms;
    private int failedVms;
    private String message;
    @Column(nullable = false, updatable = false)
    private Instant startedAt = Instant.now();
    private Instant finishedAt;

    @Version
    private long version;

    protected MaintenanceDrainEntity() {
    }

    public MaintenanceDrainEntity(Long hostId, String requestedBy, boolean allowCold, int totalVms) {
        this.hostId = hostId;
        this.requestedBy = requestedBy;
        this.allowCold = allowCold;
        this.totalVms = totalVms;
    }

    public Long getId() { return id; }
    public Long getHostId() { return hostId; }
    public State getState() { return state; }
    public void setState(State state) { this.state = state; }
    public String getRequestedBy() { return requestedBy; }
    public boolean isAllowCold() { return allowCold; }
    public int getTotalVms() { return totalVms; }
    public int getMigratedVms() { return migratedVms; }
    public void setMigratedVms(int migratedVms) { this.migratedVms = migratedVms; }
    public int getFailedVms() { return failedVms; }
    public void setFailedVms(int failedVms) { this.failedVms = failedVms; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getFinishedAt() { return finishedAt; }
    public void setFinishedAt(Instant finishedAt) { this.finishedAt = finishedAt; }
}
