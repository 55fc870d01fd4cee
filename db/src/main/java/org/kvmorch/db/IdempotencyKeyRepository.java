package org.kvmorch.db;

import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface IdempotencyKeyRepository extends JpaRepository<IdempotencyKeyEntity, Long> {

    /**
     * Claims a key for the current transaction: 1 if this call inserted it, 0 if it exists. A
     * concurrent claim of the same key waits here until the other transaction ends (PostgreSQL
     * holds the unique index entry), then sees its row — or inserts, if it rolled back.
     */
    @Modifying(flushAutomatically = true)
    @Query(nativeQuery = true, value = "INSERT INTO idempotency_key (principal, idempotency_key, request_hash, request,"
            + " created_at) VALUES (:principal, :key, :hash, :request, :at)"
            + " ON CONFLICT (principal, idempotency_key) DO NOTHING")
    int claim(@Param("principal") String principal, @Param("key") String key, @Param("hash") String requestHash,
              @Param("request") String request, @Param("at") Instant at);

    @Query("select k from IdempotencyKeyEntity k where k.principal = :principal and k.key = :key")
    Optional<IdempotencyKeyEntity> find(@Param("principal") String principal, @Param("key") String key);

    /** Forgets one caller's key if it was first used before {@code before}, so it can be used again. */
    @Modifying(flushAutomatically = true)
    @Query("delete from IdempotencyKeyEntity k where k.principal = :principal and k.key = :key"
            + " and k.createdAt < :before")
    int expire(@Param("principal") String principal, @Param("key") String key, @Param("before") Instant before);

    /** Forgets every key first used before {@code before}. */
    @Modifying
    @Query("delete from IdempotencyKeyEntity k where k.createdAt < :before")
    int expireAll(@Param("before") Instant before);
}
