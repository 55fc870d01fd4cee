package org.kvmorch.db;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MigrationEventRepository extends JpaRepository<MigrationEventEntity, Long> {
    List<MigrationEventEntity> findByMigrationIdOrderById(Long migrationId);
}
