package org.kvmorch.hypervisor.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kvmorch.hypervisor.Host;
import org.kvmorch.hypervisor.HostUnreachableException;

/**
 * A host whose libvirtd stops answering (SIGSTOP: the socket still accepts, nothing replies, the
 * worst case) is reported unreachable within the call timeout, never hung on; after SIGCONT the
 * adapter reconnects by itself.
 */
@Tag("lab")
class ConnectionLossLabTest {

    @Test
    void aHostThatStopsAnsweringIsReportedUnreachableAndRecovers() throws InterruptedException {
        Lab lab = Lab.load();
        LibvirtSettings settings = new LibvirtSettings(Duration.ofSeconds(3), Duration.ofSeconds(1), 2,
                Duration.ofSeconds(4), Duration.ofSeconds(1), Duration.ofSeconds(3), true);
        try (LibvirtHypervisor hv = new LibvirtHypervisor(lab.hostConfigs(), settings)) {
            Host host2 = hv.host("host2");
            host2.domains();
            long pid = lab.daemonPid("host2");
            lab.signal(pid, "STOP");
            try {
                long t0 = System.nanoTime();
                assertThatThrownBy(host2::domains).isInstanceOf(HostUnreachableException.class);
                long firstMillis = (System.nanoTime() - t0) / 1_000_000;
                assertThat(firstMillis).isLessThan(6000);
                // keepalive (1 s x 2) closes the connection: then host() itself reports the host DOWN
                long t1 = System.nanoTime();
                boolean down = false;
                while (!down && System.nanoTime() - t1 < 20_000_000_000L) {
                    try {
                        hv.host("host2");
                        Thread.sleep(500);
                    } catch (HostUnreachableException expected) {
                        down = true;
                    }
                }
                long downMillis = (System.nanoTime() - t1) / 1_000_000;
                System.out.println("LAB-RESULT connection-loss first call failed after " + firstMillis
                        + " ms; host() reported unreachable after a further " + downMillis + " ms");
                assertThat(down).isTrue();
                // host1 is unaffected
                assertThat(hv.host("host1").domains()).isNotNull();
            } finally {
                lab.signal(pid, "CONT");
            }
            long t2 = System.nanoTime();
            List<?> domains = null;
            while (domains == null && System.nanoTime() - t2 < 40_000_000_000L) {
                try {
                    domains = hv.host("host2").domains();
                } catch (HostUnreachableException stillDown) {
                    Thread.sleep(500);
                }
            }
            System.out.println("LAB-RESULT connection-loss reconnected " + (System.nanoTime() - t2) / 1_000_000
                    + " ms after the daemon resumed");
            assertThat(domains).isNotNull();
        }
    }
}
