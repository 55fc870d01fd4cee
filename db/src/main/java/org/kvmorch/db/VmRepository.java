package org.kvmorch.db;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface VmRepository extends JpaRepository<VmEntity, Long> {
    Optional<VmEntity> findByName(String name);

    List<VmEntity> findByHost(HostEntity host);

    Page<VmEntity> findByHostName(String hostName, Pageable pageable);

    /**
     * Records that a VM now runs on {@code hostId}. Bumps the version, so a poll that read the VM
     * before the move fails its optimistic check instead of writing the old host back.
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update VmEntity v set v.host.id = :hostId, v.lastMigratedAt = :at, v.updatedAt = :at,"
            + " v.version = v.version + 1 where v.id = :vmId")
    int recordMove(@Param("vmId") Long vmId,
                   @Param("hostId") Long hostId,
                   @Param("at") java.time.Instant at);

    /**
     * Replaces a VM's migration overrides (null = the fleet default) in one statement. Bumps the
     * version, so a writer that read the VM before cannot write the old overrides back.
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update VmEntity v set v.migrationPolicy = :policy, v.allowedModes = :modes,"
            + " v.maxDowntimeMs = :downtime, v.bandwidthBytesPerSecond = :bandwidth, v.deadlineSeconds = :deadline,"
            + " v.affinityGroup = :affinity, v.antiAffinityGroup = :antiAffinity, v.allowCold = :allowCold,"
            + " v.updatedAt = :at,"
            + " v.version = v.version + 1 where v.id = :vmId")
    int replaceOverrides(@Param("vmId") Long vmId, @Param("policy") String policy, @Param("modes") String modes,
                         @Param("downtime") Integer maxDowntimeMs, @Param("bandwidth") Long bandwidthBytesPerSecond,
                         @Param("deadline") Integer deadlineSeconds, @Param("affinity") String affinityGroup,
                         @Param("antiAffinity") String antiAffinityGroup, @Param("allowCold") boolean allowCold,
                         @Param("at") java.time.Instant at);

    default int replaceOverrides(Long vmId, VmOverrides o, java.time.Instant at) {
        return replaceOverrides(vmId, o.policy(), o.allowedModes(), o.maxDowntimeMs(), o.bandwidthBytesPerSecond(),
                o.deadlineSeconds(), o.affinityGroup(), o.antiAffinityGroup(), o.allowCold(), at);
    }

    @Query("select new org.kvmorch.db.VmPlacement(v.name, h.name) from VmEntity v join v.host h")
    List<VmPlacement> placements();

    /** VM count per host id, for listings that must not load every VM. */
    @Query("select v.host.id, count(v) from VmEntity v where v.host is not null group by v.host.id")
    List<Object[]> countPerHost();
}
