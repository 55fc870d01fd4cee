package org.kvmorch.db;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PolicyVersionRepository extends JpaRepository<PolicyVersionEntity, Long> {
    Optional<PolicyVersionEntity> findTopByOrderByVersionDesc();
}
