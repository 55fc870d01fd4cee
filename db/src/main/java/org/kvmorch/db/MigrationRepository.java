package org.kvmorch.db;

import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface MigrationRepository extends JpaRepository<MigrationEntity, Long> {
    List<MigrationEntity> findByStateIn(Collection<MigrationState> states);

    boolean existsByVmIdAndStateIn(Long vmId, Collection<MigrationState> states);

    /** Completed migrations that finished after {@code since}, oldest first: where each VM came from. */
    @Query("select m from MigrationEntity m where m.state = org.kvmorch.db.MigrationState.COMPLETED"
            + " and m.finishedAt >= :since order by m.finishedAt")
    List<MigrationEntity> completedSince(@Param("since") java.time.Instant since);

    List<MigrationEntity> findByPlanId(Long planId);

    List<MigrationEntity> findByDrainId(Long drainId);

    /**
     * Migrations in any of {@code states} (never empty: pass every state for "any"), filtered by VM
     * and host (source or destination); a null VM or host = any.
     */
    @Query("select m from MigrationEntity m where m.state in :states"
            + " and (:vm is null or m.vmName = :vm)"
            + " and (:host is null or m.sourceHost = :host or m.destinationHost = :host)")
    Page<MigrationEntity> search(@Param("states") Collection<MigrationState> states, @Param("vm") String vm,
                                 @Param("host") String host, Pageable pageable);
}
