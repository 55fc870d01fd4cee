package org.kvmorch.hypervisor.libvirt;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.kvmorch.hypervisor.DomainUtilization;
import org.kvmorch.hypervisor.HostUtilization;
import org.kvmorch.hypervisor.NodeInfo;

/**
 * Turns cumulative libvirt counters into utilization fractions over the interval between the two
 * latest samples. A sample is node CPU times + node memory + bulk domain stats, taken in one go.
 * Callers asking within {@link #REUSE_NANOS} of the last sample share it (a poller reading the host
 * and then each domain costs one sample); without an earlier sample a second one is taken
 * {@link #FIRST_INTERVAL_MILLIS} later.
 */
final class UtilizationSampler {

    static final long REUSE_NANOS = 2_000_000_000L;
    static final long FIRST_INTERVAL_MILLIS = 500;

    /** One reading of a host's counters. */
    record Sample(long nanos, Map<String, Long> cpu, Map<String, Long> memory, List<BulkStats.Record> domains) {
        Optional<BulkStats.Record> domain(String name) {
            return domains.stream().filter(d -> d.name().equals(name)).findFirst();
        }
    }

    /** The interval utilization is computed over. */
    record Interval(Sample previous, Sample current) {
        double seconds() {
            return Math.max(1e-3, (current.nanos() - previous.nanos()) / 1e9);
        }
    }

    private Sample previous;
    private Sample latest;

    synchronized Interval interval(Supplier<Sample> take) {
        long now = System.nanoTime();
        if (latest != null && previous != null && now - latest.nanos() < REUSE_NANOS) {
            return new Interval(previous, latest);
        }
        Sample s = take.get();
        if (latest == null) {
            try {
                Thread.sleep(FIRST_INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            previous = s;
            latest = take.get();
        } else {
            previous = latest;
            latest = s;
        }
        return new Interval(previous, latest);
    }

    static HostUtilization host(Interval iv, NodeInfo node) {
        Map<String, Long> a = iv.previous().cpu();
        Map<String, Long> b = iv.current().cpu();
        long busy = delta(a, b, "kernel") + delta(a, b, "user");
        long all = busy + delta(a, b, "idle") + delta(a, b, "iowait");
        double cpu = all <= 0 ? 0 : (double) busy / all;
        Map<String, Long> m = iv.current().memory();
        long total = m.getOrDefault("total", 0L);
        long used = total - m.getOrDefault("free", 0L) - m.getOrDefault("buffers", 0L) - m.getOrDefault("cached", 0L);
        double memory = total <= 0 ? 0 : (double) used / total;
        long diskBytes = 0;
        long netBytes = 0;
        for (BulkStats.Record d : iv.current().domains()) {
            Optional<BulkStats.Record> before = iv.previous().domain(d.name());
            if (before.isPresent()) {
                diskBytes += counterDelta(before.get().stats(), d.stats(), "block", "rd.bytes")
                        + counterDelta(before.get().stats(), d.stats(), "block", "wr.bytes");
                netBytes += counterDelta(before.get().stats(), d.stats(), "net", "rx.bytes")
                        + counterDelta(before.get().stats(), d.stats(), "net", "tx.bytes");
            }
        }
        return new HostUtilization(clamp(cpu), clamp(memory),
                fraction(diskBytes / iv.seconds(), node.diskBytesPerSecond()),
                fraction(netBytes / iv.seconds(), node.networkBytesPerSecond()));
    }

    static DomainUtilization domain(Interval iv, NodeInfo node, String name) {
        BulkStats.Record now = iv.current().domain(name)
                .orElseThrow(() -> new IllegalArgumentException("no domain " + name));
        Optional<BulkStats.Record> before = iv.previous().domain(name);
        TypedParams s = now.stats();
        double cpu = 0;
        double disk = 0;
        double net = 0;
        if (before.isPresent()) {
            TypedParams p = before.get().stats();
            long cpuNanos = Math.max(0, s.getLong("cpu.time", 0) - p.getLong("cpu.time", 0));
            cpu = cpuNanos / (iv.seconds() * 1e9 * Math.max(1, node.cpus()));
            disk = fraction((counterDelta(p, s, "block", "rd.bytes") + counterDelta(p, s, "block", "wr.bytes"))
                    / iv.seconds(), node.diskBytesPerSecond());
            net = fraction((counterDelta(p, s, "net", "rx.bytes") + counterDelta(p, s, "net", "tx.bytes"))
                    / iv.seconds(), node.networkBytesPerSecond());
        }
        long memKib = s.getLong("balloon.current", s.getLong("balloon.maximum", 0));
        double memory = node.memoryBytes() <= 0 ? 0 : memKib * 1024.0 / node.memoryBytes();
        return new DomainUtilization(clamp(cpu), clamp(memory), disk, net, DirtyRateProbe.bytesPerSecond(s),
                OptionalLong.empty(), residentBytes(s));
    }

    /**
     * The QEMU process's resident set ({@code balloon.rss}, KiB; libvirt reads it from procfs, no balloon
     * device needed): the guest pages that hold something, plus QEMU's own memory. Left out while the
     * domain's job is busy (the NOWAIT bulk call skips what needs it).
     */
    static OptionalLong residentBytes(TypedParams s) {
        return s.has("balloon.rss") ? OptionalLong.of(s.getLong("balloon.rss", 0) * 1024) : OptionalLong.empty();
    }

    private static long delta(Map<String, Long> a, Map<String, Long> b, String key) {
        return Math.max(0, b.getOrDefault(key, 0L) - a.getOrDefault(key, 0L));
    }

    private static long counterDelta(TypedParams before, TypedParams now, String prefix, String suffix) {
        return Math.max(0, now.sumIndexed(prefix, suffix) - before.sumIndexed(prefix, suffix));
    }

    private static double fraction(double perSecond, long capacity) {
        return capacity <= 0 ? 0 : clamp(perSecond / capacity);
    }

    static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }
}
