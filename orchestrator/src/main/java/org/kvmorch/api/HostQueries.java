package org.kvmorch.api;

import org.kvmorch.errors.NotFoundException;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kvmorch.policy.PolicyStore;
import org.kvmorch.db.HostEntity;
import org.kvmorch.db.HostRepository;
import org.kvmorch.db.VmRepository;
import org.kvmorch.fleet.OverloadTracker;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Read side of hosts for the API: entities turned into views, with VM counts in one query. */
@Service
@Transactional(readOnly = true)
class HostQueries {

    private final HostRepository hosts;
    private final VmRepository vms;
    private final PolicyStore policy;
    private final Clock clock;

    HostQueries(HostRepository hosts, VmRepository vms, PolicyStore policy, Clock clock) {
        this.hosts = hosts;
        this.vms = vms;
        this.policy = policy;
        this.clock = clock;
    }

    Page<HostView> page(int page, int size) {
        Map<Long, Long> counts = vmCounts();
        return hosts.findAll(PageRequest.of(page, size, Sort.by("name"))).map(h -> view(h, counts, null));
    }

    HostView byName(String name) {
        HostEntity host = hosts.findByName(name).orElseThrow(() -> new NotFoundException("host", name));
        List<String> names = vms.findByHost(host).stream().map(v -> v.getName()).sorted().toList();
        return view(host, vmCounts(), names);
    }

    private Map<Long, Long> vmCounts() {
        Map<Long, Long> counts = new HashMap<>();
        for (Object[] row : vms.countPerHost()) {
            counts.put((Long) row[0], (Long) row[1]);
        }
        return counts;
    }

    private HostView view(HostEntity h, Map<Long, Long> counts, List<String> vmNames) {
        OverloadTracker overload = OverloadTracker.of(policy.current());
        return new HostView(h.getName(), h.getCluster(), h.getState().name(), h.getLoadIndex(),
                overload.isOverloaded(h.getOverloadedSince(), clock.instant()), h.getOverloadedSince(),
                counts.getOrDefault(h.getId(), 0L), h.getCpus(), h.getMemoryBytes(),
                new HostView.Utilization(h.getCpuUtil(), h.getMemUtil(), h.getDiskUtil(), h.getNetUtil()),
                h.getLastSeenAt(), vmNames);
    }

    List<HostView> all() {
        return page(0, Integer.MAX_VALUE).getContent();
    }
}
