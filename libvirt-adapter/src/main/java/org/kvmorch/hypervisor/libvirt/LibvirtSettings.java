package org.kvmorch.hypervisor.libvirt;

import java.time.Duration;

/**
 * Timeouts and cadences of the libvirt adapter.
 *
 * @param callTimeout        longest wait for any one libvirt call before the host counts as unreachable
 * @param keepAliveInterval  libvirt keepalive probe interval (seconds resolution)
 * @param keepAliveCount     unanswered probes before libvirt closes the connection
 * @param reconnectBackoffMax longest pause between reconnect attempts (doubling from 1 s)
 * @param statsPollInterval  how often a running job's statistics are polled (events come in between)
 * @param coldShutdownTimeout how long a cold migration waits for a graceful shutdown
 * @param coldForceOff       after that timeout, destroy (power off) the guest instead of failing
 */
public record LibvirtSettings(
        Duration callTimeout,
        Duration keepAliveInterval,
        int keepAliveCount,
        Duration reconnectBackoffMax,
        Duration statsPollInterval,
        Duration coldShutdownTimeout,
        boolean coldForceOff) {

    public static LibvirtSettings defaults() {
        return new LibvirtSettings(Duration.ofSeconds(10), Duration.ofSeconds(5), 3, Duration.ofSeconds(30),
                Duration.ofSeconds(1), Duration.ofMinutes(2), false);
    }

    public LibvirtSettings withCallTimeout(Duration value) {
        return new LibvirtSettings(value, keepAliveInterval, keepAliveCount, reconnectBackoffMax, statsPollInterval,
                coldShutdownTimeout, coldForceOff);
    }

    public LibvirtSettings withKeepAlive(Duration interval, int count) {
        return new LibvirtSettings(callTimeout, interval, count, reconnectBackoffMax, statsPollInterval,
                coldShutdownTimeout, coldForceOff);
    }

    public LibvirtSettings withColdShutdown(Duration timeout, boolean forceOff) {
        return new LibvirtSettings(callTimeout, keepAliveInterval, keepAliveCount, reconnectBackoffMax,
                statsPollInterval, timeout, forceOff);
    }
}
