package org.kvmorch.db;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MigrationIterationRepository extends JpaRepository<MigrationIterationEntity, Long> {
    List<MigrationIterationEntity> findByMigrationIdOrderByIteration(Long migrationId);
}
