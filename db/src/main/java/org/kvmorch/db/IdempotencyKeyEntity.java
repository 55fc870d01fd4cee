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

/**
 * A caller's Idempotency-Key with the fingerprint of the request it was first sent with and the
 * answer given then. Rows are created by {@link IdempotencyKeyRepository#claim}, never by persist,
 * so that two concurrent requests with one key serialize on the unique index.
 */
@Entity
@Table(name = "idempotency_key")
public class IdempotencyKeyEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false)
    private String principal;
    @Column(name = "idempotency_key", nullable = false)
    private String key;
    private String requestHash;
    @Column(nullable = false)
    private String request;
    private Integer status;
    private String location;
    @JdbcTypeCode(SqlTypes.JSON)
    private String body;
    @Column(nullable = false, updatable = false)
    private Instant createdAt;

    protected IdempotencyKeyEntity() {
    }

    public Long getId() { return id; }
    public String getPrincipal() { return principal; }
    public String getKey() { return key; }
    /** Null for keys carried over from before fingerprints were kept. */
    public String getRequestHash() { return requestHash; }
    /** Method and path of the first request, for error messages. */
    public String getRequest() { return request; }
    public Integer getStatus() { return status; }
    public String getLocation() { return location; }
    public String getBody() { return body; }
    public Instant getCreatedAt() { return createdAt; }

    /** The answer the first request got, to replay. */
    public void recordResponse(int status, String location, String body) {
        this.status = status;
        this.location = location;
        this.body = body;
    }
}
