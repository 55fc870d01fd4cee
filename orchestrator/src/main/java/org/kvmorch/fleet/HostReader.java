package org.kvmorch.fleet;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.kvmorch.hypervisor.DomainInfo;
import org.kvmorch.hypervisor.DomainState;
import org.kvmorch.hypervisor.Host;
import org.kvmorch.hypervisor.Hypervisor;

/** Reads one host through the port; any failure becomes a failed reading, never an exception. */
final class HostReader {

    private final Hypervisor hypervisor;
    private final Clock clock;

    HostReader(Hypervisor hypervisor, Clock clock) {
        this.hypervisor = hypervisor;
        this.clock = clock;
    }

    HostReading read(String hostName) {
        try {
            Host host = hypervisor.host(hostName);
            List<HostReading.DomainReading> domains = new ArrayList<>();
            for (DomainInfo domain : host.domains()) {
                if (domain.status().state() == DomainState.RUNNING || domain.status().state() == DomainState.PAUSED) {
                    domains.add(new HostReading.DomainReading(domain, host.domainUtilization(domain.name())));
                }
            }
            return new HostReading(hostName, clock.instant(), host.nodeInfo(), host.utilization(), domains, null);
        } catch (RuntimeException e) {
            return HostReading.failed(hostName, clock.instant(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
