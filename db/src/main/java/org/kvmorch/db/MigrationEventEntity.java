package org.kvmorch.db;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A state change or control decision of a migration, with its reason and numbers. */
@Entity
@Table(name = "migration_event")
public class MigrationEventEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "migration_id", nullable = false)
    private Long migrationId;
    @Column(nullable = false)
    private Instant at;
    private Long elapsedMs;
    @Column(nullable = false)
    private String type;
    @Enumerated(EnumType.STRING)
    private MigrationState fromState;
    @Enumerated(EnumType.STRING)
    private MigrationState toState;
    private String reason;
    @JdbcTypeCode(SqlTypes.JSON)
    private String details;

    protected MigrationEventEntity() {
    }

    public MigrationEventEntity(Long migrationId, Instant at, Long elapsedMs, String type,
                                MigrationState fromState, MigrationState toState, String reason, String details) {
        this.migrationId = migrationId;
        this.at = at;
        this.elapsedMs = elapsedMs;
        this.type = type;
        this.fromState = fromState;
        this.toState = toState;
        this.reason = reason;
        this.details = details;
    }

    public Long getId() { return id; }
    public Long getMigrationId() { return migrationId; }
    public Instant getAt() { return at; }
    public Long getElapsedMs() { return elapsedMs; }
    public String getType() { return type; }
    public MigrationState getFromState() { return fromState; }
    public MigrationState getToState() { return toState; }
    public String getReason() { return reason; }
    public String getDetails() { return details; }
}
