package org.kvmorch.db;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PlanMigrationRepository extends JpaRepository<PlanMigrationEntity, Long> {
    List<PlanMigrationEntity> findByPlanIdOrderBySeq(Long planId);
}
