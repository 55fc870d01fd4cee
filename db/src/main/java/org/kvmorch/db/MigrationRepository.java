package org.kvmorch.db;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MigrationRepository extends JpaRepository<MigrationEntity, Long> {
    List<MigrationEntity> findByStateIn(Collection<MigrationState> states);

    Optional<MigrationEntity> findByIdempotencyKey(String key);
}
