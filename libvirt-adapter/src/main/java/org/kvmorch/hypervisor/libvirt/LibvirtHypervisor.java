package org.kvmorch.hypervisor.libvirt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kvmorch.hypervisor.Host;
import org.kvmorch.hypervisor.Hypervisor;

/**
 * Real hosts through libvirt: one connection per host URI, opened lazily and re-opened with
 * back-off after it drops. {@link #host} answers only if the host's connection is (or can be
 * brought) up within the call timeout; otherwise it throws HostUnreachableException.
 */
public final class LibvirtHypervisor implements Hypervisor {

    private final Map<String, LibvirtHost> hosts = new LinkedHashMap<>();

    public LibvirtHypervisor(List<LibvirtHostConfig> configs, LibvirtSettings settings) {
        for (LibvirtHostConfig c : configs) {
            if (hosts.putIfAbsent(c.name(), new LibvirtHost(c, settings)) != null) {
                throw new IllegalArgumentException("duplicate host " + c.name());
            }
        }
    }

    public LibvirtHypervisor(List<LibvirtHostConfig> configs) {
        this(configs, LibvirtSettings.defaults());
    }

    @Override
    public List<String> hostNames() {
        return List.copyOf(hosts.keySet());
    }

    @Override
    public Host host(String hostName) {
        LibvirtHost h = hosts.get(hostName);
        if (h == null) {
            throw new IllegalArgumentException("no host named " + hostName);
        }
        h.checkReachable();
        return h;
    }

    @Override
    public void close() {
        hosts.values().forEach(LibvirtHost::close);
    }
}
