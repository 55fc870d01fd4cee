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

/** One version of the operator policy document; the newest version is in force. */
@Entity
@Table(name = "policy_version")
public class PolicyVersionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false, unique = true)
    private int version;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String document;
    @Column(nullable = false)
    private String createdBy;
    @Column(nullable = false, updatable = false)
    private Instant createdAt = Instant.now();

    protected PolicyVersionEntity() {
    }

    public PolicyVersionEntity(int version, String document, String createdBy) {
        this.version = version;
        this.document = document;
        this.createdBy = createdBy;
    }

    public Long getId() { return id; }
    public int getVersion() { return version; }
    public String getDocument() { return document; }
    public String getCreatedBy() { return createdBy; }
    public Instant getCreatedAt() { return createdAt; }
}
