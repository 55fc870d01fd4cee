package org.kvmorch.hypervisor;

import java.util.List;

/**
 * A set of hosts the orchestrator can reach: a simulated datacenter, or libvirt connections by URI.
 * Host names are the orchestrator's names for hosts, unique within one hypervisor.
 */
public interface Hypervisor extends AutoCloseable {

    /** Names of the hosts this hypervisor knows, in a stable order. */
    List<String> hostNames();

    /**
     * The host with that name.
     *
     * @throws HostUnreachableException when the host does not answer within the port's timeout
     * @throws IllegalArgumentException when no host has that name
     */
    Host host(String hostName);

    @Override
    void close();
}
