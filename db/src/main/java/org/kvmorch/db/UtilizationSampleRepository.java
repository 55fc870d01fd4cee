package org.kvmorch.db;

import org.springframework.data.jpa.repository.JpaRepository;

public interface UtilizationSampleRepository extends JpaRepository<UtilizationSampleEntity, Long> {
}
