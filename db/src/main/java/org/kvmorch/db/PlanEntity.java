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
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A reviewable plan; its migration matrix is the set of {@link PlanMigrationEntity} rows. */
@Entity
@Table(name = "plan")
public class PlanEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private PlanKind kind;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private PlanState state = PlanState.RECOMMENDED;
    private String stateReason;
    private String scope;
    @Column(nullable = false)
    private String requestedBy;
    @Column(nullable = false)
    private String strategy;
    /** JSON array of {host, before, after} load indices as the plan saw them. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String hostLoads = "[]";
    /** JSON array of {host, vm, reason} the plan could not solve. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String unresolved = "[]";
    @Column(nullable = false, updatable = false)
    private Instant createdAt = Instant.now();
    private Instant executedAt;
    private Instant finishedAt;

    @Version
    private long version;

    protected PlanEntity() {
    }

    public PlanEntity(PlanKind kind, String scope, String requestedBy, String strategy, String hostLoads) {
        this.kind = kind;
        this.scope = scope;
        this.requestedBy = requestedBy;
        this.strategy = strategy;
        this.hostLoads = hostLoads;
    }

    public void transitionTo(PlanState next, String reason) {
        this.state = next;
        this.stateReason = reason;
    }

    public Long getId() { return id; }
    public PlanKind getKind() { return kind; }
    public PlanState getState() { return state; }
    public String getStateReason() { return stateReason; }
    public String getScope() { return scope; }
    public String getRequestedBy() { return requestedBy; }
    public String getStrategy() { return strategy; }
    public String getHostLoads() { return hostLoads; }
    public String getUnresolved() { return unresolved; }
    public void setUnresolved(String unresolved) { this.unresolved = unresolved; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getExecutedAt() { return executedAt; }
    public void setExecutedAt(Instant executedAt) { this.executedAt = executedAt; }
    public Instant getFinishedAt() { return finishedAt; }
    public void setFinishedAt(Instant finishedAt) { this.finishedAt = finishedAt; }
}
