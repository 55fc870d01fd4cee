package org.kvmorch.db;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One pre-copy pass (or post-copy sample) of a migration, stored as it happens. */
@Entity
@Table(name = "migration_iteration")
public class MigrationIterationEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "migration_id", nullable = false)
    private Long migrationId;
    private int iteration;
    private long elapsedMs;
    @Column(nullable = false)
    private String phase;
    private long pages;
    private long bytes;
    private long remainingBytes;
    @Column(name = "dirty_rate_pages_per_s")
    private long dirtyRatePagesPerSecond;
    /** Seed 002's convergence factor pages(i+1)/pages(i); null for the first pass. */
    private Double lambda;
    private int throttlePct;
    private int downtimeLimitMs;
    @Column(name = "bandwidth_bytes_per_s")
    private long bandwidthBytesPerSecond;

    protected MigrationIterationEntity() {
    }

    public MigrationIterationEntity(Long migrationId, int iteration, long elapsedMs, String phase, long pages,
                                    long bytes, long remainingBytes, long dirtyRatePagesPerSecond, Double lambda,
                                    int throttlePct, int downtimeLimitMs, long bandwidthBytesPerSecond) {
        this.migrationId = migrationId;
        this.iteration = iteration;
        this.elapsedMs = elapsedMs;
        this.phase = phase;
        this.pages = pages;
        this.bytes = bytes;
        this.remainingBytes = remainingBytes;
        this.dirtyRatePagesPerSecond = dirtyRatePagesPerSecond;
        this.lambda = lambda;
        this.throttlePct = throttlePct;
        this.downtimeLimitMs = downtimeLimitMs;
        this.bandwidthBytesPerSecond = bandwidthBytesPerSecond;
    }

    public Long getId() { return id; }
    public Long getMigrationId() { return migrationId; }
    public int getIteration() { return iteration; }
    public long getElapsedMs() { return elapsedMs; }
    public String getPhase() { return phase; }
    public long getPages() { return pages; }
    public long getBytes() { return bytes; }
    public long getRemainingBytes() { return remainingBytes; }
    public long getDirtyRatePagesPerSecond() { return dirtyRatePagesPerSecond; }
    public Double getLambda() { return lambda; }
    public int getThrottlePct() { return throttlePct; }
    public int getDowntimeLimitMs() { return downtimeLimitMs; }
    public long getBandwidthBytesPerSecond() { return bandwidthBytesPerSecond; }
}
