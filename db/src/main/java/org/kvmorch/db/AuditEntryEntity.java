package org.kvmorch.db;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Who did what, when, and how it ended. */
@Entity
@Table(name = "audit_entry")
public class AuditEntryEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false)
    private Instant at;
    @Column(nullable = false)
    private String principal;
    @Column(nullable = false)
    private String action;
    private String target;
    @Column(nullable = false)
    private String outcome;
    @JdbcTypeCode(SqlTypes.JSON)
    private String details;

    protected AuditEntryEntity() {
    }

    public AuditEntryEntity(Instant at, String principal, String action, String target, String outcome,
                            String details) {
        this.at = at;
        this.principal = principal;
        this.action = action;
        this.target = target;
        this.outcome = outcome;
        this.details = details;
    }

    public Long getId() { return id; }
    public Instant getAt() { return at; }
    public String getPrincipal() { return principal; }
    public String getAction() { return action; }
    public String getTarget() { return target; }
    public String getOutcome() { return outcome; }
    public String getDetails() { return details; }
}
