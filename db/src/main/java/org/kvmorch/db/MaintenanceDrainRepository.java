package org.kvmorch.db;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MaintenanceDrainRepository extends JpaRepository<MaintenanceDrainEntity, Long> {
    List<MaintenanceDrainEntity> findByState(MaintenanceDrainEntity.State state);

    Optional<MaintenanceDrainEntity> findFirstByHostIdOrderByIdDesc(Long hostId);

    Optional<MaintenanceDrainEntity> findFirstByHostIdAndState(Long hostId, MaintenanceDrainEntity.State state);
}
