package org.kvmorch.db;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface VmRepository extends JpaRepository<VmEntity, Long> {
    Optional<VmEntity> findByName(String name);

    List<VmEntity> findByHost(HostEntity host);

    Page<VmEntity> findByHostName(String hostName, Pageable pageable);

    @Query("select new org.kvmorch.db.VmPlacement(v.name, h.name) from VmEntity v join v.host h")
    List<VmPlacement> placements();

    /** VM count per host id, for listings that must not load every VM. */
    @Query("select v.host.id, count(v) from VmEntity v where v.host is not null group by v.host.id")
    List<Object[]> countPerHost();
}
