package org.kvmorch.fleet;

import java.time.Instant;
import java.util.List;
import org.kvmorch.hypervisor.DomainInfo;
import org.kvmorch.hypervisor.DomainUtilization;
import org.kvmorch.hypervisor.HostUtilization;
import org.kvmorch.hypervisor.NodeInfo;

/** What one poll read from one host; {@code failure} is set (and the rest null) when it did not answer. */
record HostReading(String hostName, Instant at, NodeInfo node, HostUtilization utilization,
                   List<DomainReading> domains, String failure) {

    record DomainReading(DomainInfo info, DomainUtilization utilization) {
    }

    static HostReading failed(String hostName, Instant at, String failure) {
        return new HostReading(hostName, at, null, null, List.of(), failure);
    }

    boolean answered() {
        return failure == null;
    }
}
