package org.kvmorch.db;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One cell of a plan's sparse migration matrix: VM → destination host, in execution order. */
@Entity
@Table(name = "plan_migration")
public class PlanMigrationEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "plan_id", nullable = false)
    private Long planId;
    private int seq;
    @Column(name = "vm_id", nullable = false)
    private Long vmId;
    @Column(name = "source_host_id", nullable = false)
    private Long sourceHostId;
    @Column(name = "destination_host_id", nullable = false)
    private Long destinationHostId;
    @Column(nullable = false)
    private String policy;
    private String reason;
    private Long predictedTotalMs;
    private Long predictedBytes;
    private Long predictedDowntimeMs;
    @Column(name = "migration_id")
    private Long migrationId;

    protected PlanMigrationEntity() {
    }

    public PlanMigrationEntity(Long planId, int seq, Long vmId, Long sourceHostId, Long destinationHostId,
                               String policy, String reason) {
        this.planId = planId;
        this.seq = seq;
        this.vmId = vmId;
        this.sourceHostId = sourceHostId;
        this.destinationHostId = destinationHostId;
        this.policy = policy;
        this.reason = reason;
    }

    public Long getId() { return id; }
    public Long getPlanId() { return planId; }
    public int getSeq() { return seq; }
    public Long getVmId() { return vmId; }
    public Long getSourceHostId() { return sourceHostId; }
    public Long getDestinationHostId() { return destinationHostId; }
    public String getPolicy() { return policy; }
    public String getReason() { return reason; }
    public Long getPredictedTotalMs() { return predictedTotalMs; }
    public Long getPredictedBytes() { return predictedBytes; }
    public Long getPredictedDowntimeMs() { return predictedDowntimeMs; }
    public void setPrediction(Long totalMs, Long bytes, Long downtimeMs) {
        this.predictedTotalMs = totalMs;
        this.predictedBytes = bytes;
        this.predictedDowntimeMs = downtimeMs;
    }
    public Long getMigrationId() { return migrationId; }
    public void setMigrationId(Long migrationId) { this.migrationId = migrationId; }
}
