package org.kvmorch.db;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface VmRepository extends JpaRepository<VmEntity, Long> {
    Optional<VmEntity> findByName(String name);

    List<VmEntity> findByHost(HostEntity host);

    Page<VmEntity> findByHostName(String hostName, Pageable pageable);

    /**
     * Records that a VM now runs on {@code hostId}. Bumps the version, so a poll that read the VM
     * before the move fails its optimistic check instead of writing the old host back.
     */
    @org.springframework.data.jpa.repository.Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update VmEntity v set v.host.id = :hostId, v.lastMigratedAt = :at, v.updatedAt = :at,"
            + " v.version = v.version + 1 where v.id = :vmId")
    int recordMove(@org.springframework.data.repository.query.Param("vmId") Long vmId,
                   @org.springframework.data.repository.query.Param("hostId") Long hostId,
                   @org.springframework.data.repository.query.Param("at") java.time.Instant at);

    @Query("select new org.kvmorch.db.VmPlacement(v.name, h.name) from VmEntity v join v.host h")
    List<VmPlacement> placements();

    /** VM count per host id, for listings that must not load every VM. */
    @Query("select v.host.id, count(v) from VmEntity v where v.host is not null group by v.host.id")
    List<Object[]> countPerHost();
}
