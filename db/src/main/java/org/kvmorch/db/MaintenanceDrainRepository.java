package org.kvmorch.db;

import org.springframework.data.jpa.repository.JpaRepository;

public interface MaintenanceDrainRepository extends JpaRepository<MaintenanceDrainEntity, Long> {
}
