package org.kvmorch.config;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kvmorch.db.VmRepository;
import org.kvmorch.hypervisor.Hypervisor;
import org.kvmorch.hypervisor.libvirt.LibvirtHostConfig;
import org.kvmorch.hypervisor.libvirt.LibvirtHypervisor;
import org.kvmorch.hypervisor.libvirt.LibvirtSettings;
import org.kvmorch.hypervisor.sim.SimulatedDatacenter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses what stands behind the hypervisor port: the built-in simulated fleet (default), or real
 * libvirt hosts. The rest of the service only ever sees {@link Hypervisor}.
 */
@Configuration(proxyBeanMethods = false)
class HypervisorConfiguration {

    private static final Logger log = LoggerFactory.getLogger(HypervisorConfiguration.class);

    @Bean(destroyMethod = "close")
    Hypervisor hypervisor(OrchestratorProperties properties, Clock clock, VmRepository vms) {
        OrchestratorProperties.Hypervisor h = properties.hypervisor();
        if (h.mode() == OrchestratorProperties.HypervisorMode.LIBVIRT) {
            if (h.hosts().isEmpty()) {
                throw new IllegalArgumentException("orchestrator.hypervisor.mode=libvirt needs at least one host: set "
                        + "orchestrator.hypervisor.hosts[0].name and orchestrator.hypervisor.hosts[0].uri");
            }
            List<LibvirtHostConfig> hosts = h.hosts().stream().map(x -> new LibvirtHostConfig(x.name(), x.uri(),
                    Optional.ofNullable(x.migrationUri()), x.diskBytesPerSecond(), x.networkBytesPerSecond())).toList();
            log.info("libvirt hosts: {}", hosts.stream().map(c -> c.name() + "=" + c.uri()).toList());
            return new LibvirtHypervisor(hosts, LibvirtSettings.defaults());
        }
        // The simulated fleet stands in for hardware, which keeps its VMs where they were moved:
        // start each VM on the host the database last saw it on.
        Map<String, String> recorded = new HashMap<>();
        vms.placements().forEach(p -> recorded.put(p.vm(), p.host()));
        SimulatedFleet.Spec spec = SimulatedFleet.of(h.simulated()).placedAs(recorded);
        SimulatedDatacenter.Builder builder = SimulatedDatacenter.builder()
                .seed(h.simulated().seed())
                .epoch(clock.instant())
                .paced(h.simulated().speed());
        spec.hosts().forEach(builder::host);
        spec.vms().forEach(builder::vm);
        log.info("Simulated fleet: {} hosts, {} VMs, {} overloaded at start, {}x wall time",
                spec.hosts().size(), spec.vms().size(), h.simulated().overloadedHosts(), h.simulated().speed());
        return builder.build();
    }

    @Bean
    HostUris hostUris(OrchestratorProperties properties) {
        if (properties.hypervisor().mode() == OrchestratorProperties.HypervisorMode.LIBVIRT) {
            return name -> properties.hypervisor().hosts().stream().filter(x -> x.name().equals(name))
                    .map(OrchestratorProperties.LibvirtHost::uri).findFirst().orElse("unknown");
        }
        return name -> "sim:///" + name;
    }

}
