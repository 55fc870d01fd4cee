package org.kvmorch.hypervisor.contract;

import java.time.Duration;
import org.kvmorch.hypervisor.Hypervisor;
import org.kvmorch.hypervisor.sim.HostSpec;
import org.kvmorch.hypervisor.sim.LinkSpec;
import org.kvmorch.hypervisor.sim.SimulatedDatacenter;
import org.kvmorch.hypervisor.sim.VmSpec;
import org.kvmorch.hypervisor.sim.WorkloadSpec;

/** The port's contract on the simulator (virtual time), in the normal suite. */
class SimulatorContractTest extends HypervisorContract {

    private static final long MIB = 1L << 20;

    @Override
    protected Fixture fixture(Guest guest) {
        LinkSpec link = LinkSpec.ofMibPerSecond(125);
        // BUSY writes faster than the link carries, so pre-copy never converges by itself.
        WorkloadSpec workload = guest == Guest.CONVERGING
                ? WorkloadSpec.constant(10 * MIB, 64 * MIB)
                : WorkloadSpec.constant(400 * MIB, 256 * MIB);
        SimulatedDatacenter dc = SimulatedDatacenter.builder().seed(11)
                .host(HostSpec.of("src", 8, 32L << 30, link))
                .host(HostSpec.of("dst", 8, 32L << 30, link))
                .vm(VmSpec.of("vm", "src", 2, 1L << 30, workload))
                .build();
        return new Fixture() {
            @Override
            public Hypervisor hypervisor() {
                return dc;
            }

            @Override
            public String source() {
                return "src";
            }

            @Override
            public String destination() {
                return "dst";
            }

            @Override
            public String domain() {
                return "vm";
            }

            @Override
            public Duration limit() {
                return Duration.ofMinutes(10);
            }

            @Override
            public void close() {
                dc.close();
            }
        };
    }
}
