package org.kvmorch.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Everything under {@code orchestrator.*}, validated at start-up, with defaults beside the fields. */
@ConfigurationProperties("orchestrator")
@Validated
public record OrchestratorProperties(
        /* Where the embedded PostgreSQL keeps its cluster (when no spring.datasource.url is set). */
        @DefaultValue("${user.home}/.kvmorch") @NotNull Path dataDir,
        @DefaultValue @Valid Hypervisor hypervisor,
        @DefaultValue @Valid Monitoring monitoring,
        @DefaultValue @Valid Planning planning,
        @DefaultValue @Valid Migration migration,
        /* This replica's name in the lock table and on scheduled plans; default the host name. */
        String replicaName) {

    public OrchestratorProperties {
        if (replicaName == null || replicaName.isBlank()) {
            replicaName = localHostName();
        }
    }

    private static String localHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }

    public enum HypervisorMode { SIMULATED, LIBVIRT }

    public record Hypervisor(
            @DefaultValue("SIMULATED") @NotNull HypervisorMode mode,
            @DefaultValue @Valid SimulatedFleet simulated,
            @DefaultValue List<@Valid LibvirtHost> hosts) {
    }

    /** The built-in simulated fleet of the default run. */
    public record SimulatedFleet(
            @DefaultValue("12") @Min(2) int hosts,
            @DefaultValue("36") @Min(0) int vms,
            @DefaultValue("3") @Min(0) int overloadedHosts,
            @DefaultValue("42") long seed,
            /* Virtual seconds per wall second while the service runs. */
            @DefaultValue("1.0") @DecimalMin("0.01") double speed) {
    }

    /** A real libvirt host. */
    public record LibvirtHost(
            @NotNull String name,
            @NotNull String uri,
            String migrationUri,
            @DefaultValue("0") long diskBytesPerSecond,
            @DefaultValue("1250000000") long networkBytesPerSecond) {
    }

    public enum RebalanceMode { OFF, DRY_RUN, AUTOMATIC }

    /** How plans are made and how often the fleet is rebalanced on its own. */
    public record Planning(
            /* VM selection: highest-cpu (seed 003), min-migration-time, largest-memory, min-predicted-cost, closest-to-average. */
            @DefaultValue("highest-cpu") @NotNull String selection,
            /* Placement: bfd (best-fit decreasing) or pabfd (power-aware). */
            @DefaultValue("bfd") @NotNull String placement,
            /* A VM moved less than this ago is not moved again by a rebalance. */
            @DefaultValue("1h") @NotNull Duration cooldown,
            /* A VM does not go back to the host it left within this window. */
            @DefaultValue("6h") @NotNull Duration undoWindow,
            /* off, dry-run (plans are made for review) or automatic (plans are executed). */
            @DefaultValue("DRY_RUN") @NotNull RebalanceMode rebalanceMode,
            @DefaultValue("5m") @NotNull Duration rebalanceInterval) {
    }

    /** How a poll writes its rows: one statement per table over arrays (batch), or through JPA entities. */
    public enum PollWriter { BATCH, JPA }

    /** Defaults of every migration (policy version 1; the stored policy overrides them). */
    public record Migration(
            /* Encrypt migration streams (VIR_MIGRATE_TLS); hosts need libvirt's migration TLS set up. */
            @DefaultValue("false") boolean tls,
            /* A post-copy that moves nothing this long has lost its link (QEMU's stream has no
               keepalive): it is paused, then resumed once the link is back. */
            @DefaultValue("10s") @NotNull @DurationMin(seconds = 1) Duration postcopyStall,
            /* A paused post-copy not resumed within this is escalated to the operator (and still retried). */
            @DefaultValue("10m") @NotNull @DurationMin(seconds = 1) Duration recoveryDeadline) {
    }

    public record Monitoring(
            @DefaultValue("10s") @NotNull Duration interval,
            /* Load index 1/((1-cpu)(1-mem)(1-disk)(1-net)) above which a host counts as loaded. */
            @DefaultValue("4.0") @DecimalMin("1.0") double loadThreshold,
            /* How long the index must stay above the threshold before the host is overloaded. */
            @DefaultValue("60s") @NotNull Duration overloadDuration,
            /* batch (default) or jpa: the same rows; jpa is the reference the poll benchmark compares against. */
            @DefaultValue("BATCH") @NotNull PollWriter writer,
            /* How long one poll waits for a host before reporting it DOWN for that poll; unset = half the interval. */
            @DurationMin(millis = 100) Duration hostTimeout) {

        /** The host timeout in force: as set, else half the poll interval. */
        public Duration effectiveHostTimeout() {
            return hostTimeout != null ? hostTimeout : interval.dividedBy(2);
        }
    }
}
