package org.kvmorch.db;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PlanRepository extends JpaRepository<PlanEntity, Long> {
    List<PlanEntity> findByStateIn(Collection<PlanState> states);
}
