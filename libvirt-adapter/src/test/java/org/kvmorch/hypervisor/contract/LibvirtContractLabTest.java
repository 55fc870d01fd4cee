package org.kvmorch.hypervisor.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kvmorch.hypervisor.Hypervisor;
import org.kvmorch.hypervisor.libvirt.Lab;
import org.kvmorch.hypervisor.libvirt.LabHypervisor;

/** The port's contract on real libvirt (deploy/lab): host1 to host2, real time. */
@Tag("lab")
class LibvirtContractLabTest extends HypervisorContract {

    static final Lab lab = Lab.load();
    @RegisterExtension
    static final LabHypervisor hypervisor = new LabHypervisor(lab);

    @Override
    protected Fixture fixture(Guest guest) {
        String name = Lab.uniqueName("contract");
        if (guest == Guest.CONVERGING) {
            lab.startGuest("host1", name, 256, 64, 20);
        } else {
            // 40 MiB/s into a 32 MiB set over a ~12 MiB/s link: pre-copy cannot converge
            lab.startGuest("host1", name, 128, 32, 40);
            lab.labSh("throttle", "host2", "100");
        }
        return new Fixture() {
            @Override
            public Hypervisor hypervisor() {
                return hypervisor;
            }

            @Override
            public String source() {
                return "host1";
            }

            @Override
            public String destination() {
                return "host2";
            }

            @Override
            public String domain() {
                return name;
            }

            @Override
            public Duration limit() {
                return Duration.ofMinutes(2);
            }

            @Override
            public void close() {
                lab.labSh("unthrottle", "host2");
                lab.removeEverywhere(name);
            }
        };
    }

    /** Also libvirt's own view (virsh), independent of the adapter. */
    @Override
    protected void assertRunsOnlyOn(Fixture f, String host, String other) {
        super.assertRunsOnlyOn(f, host, other);
        assertThat(lab.runningOn(host, f.domain())).isTrue();
        assertThat(lab.runningOn(other, f.domain())).isFalse();
    }
}
