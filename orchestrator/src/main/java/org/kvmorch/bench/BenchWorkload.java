package org.kvmorch.bench;

import java.util.List;
import java.util.OptionalLong;
import org.kvmorch.hypervisor.sim.SimRunParameters;
import org.kvmorch.hypervisor.sim.WorkloadKind;
import org.kvmorch.hypervisor.sim.WorkloadSpec;

/**
 * One workload of the simulated suite: a name, the run parameters (VM, link, storage path), and
 * whether the link is fast enough for a 300 ms downtime to be reachable at all (so the downtime
 * goal applies).
 *
 * @param bandwidthPermits300ms false where the dirty rate beats the link: no policy short of
 *     post-copy or throttling can stop the guest for ≤ 300 ms there
 */
public record BenchWorkload(String name, String description, SimRunParameters parameters,
                            boolean bandwidthPermits300ms) {

    static final long MIB = 1024L * 1024L;
    /** Seed 002's storage network, 10 GbE: 1.25 GB/s = 1,192 MiB/s. */
    public static final double TEN_GBE_MIBPS = 1192;
    /** Virtual time after which a pre-copy that has not converged is given up. */
    public static final long TIME_LIMIT_S = 3600;

    static SimRunParameters params(long memoryMib, double linkMibps, WorkloadSpec w) {
        return SimRunParameters.of(memoryMib, linkMibps, w).withTimeLimitSeconds(TIME_LIMIT_S);
    }

    static WorkloadSpec constant(double dirtyMibps, long wssMib) {
        return new WorkloadSpec(WorkloadKind.CONSTANT, OptionalLong.of(Math.round(dirtyMibps * MIB)),
                OptionalLong.of(wssMib * MIB));
    }

    static WorkloadSpec hotset(double dirtyMibps, long wssMib) {
        return new WorkloadSpec(WorkloadKind.HOTSET, OptionalLong.of(Math.round(dirtyMibps * MIB)),
                OptionalLong.of(wssMib * MIB));
    }

    public static BenchWorkload table5() {
        return new BenchWorkload("table5", "seed 002 Table 5: 32 GiB memcached 3:7, 50 MiB/s link, 10 GbE storage path",
                params(32 * 1024, 50, WorkloadSpec.of(WorkloadKind.MEMCACHED)).withStoragePath(TEN_GBE_MIBPS, false),
                false);
    }

    public static BenchWorkload scenario1() {
        return new BenchWorkload("scenario1", "seed 002 scenario 1: 8 GiB memcached, write share rising 0.3→0.8,"
                + " 50 MiB/s", params(8 * 1024, 50, WorkloadSpec.of(WorkloadKind.MEMCACHED_RISING)), false);
    }

    /** The whole suite, Table 5 and scenarios 1–2 first. */
    public static List<BenchWorkload> suite() {
        return List.of(
                table5(),
                new BenchWorkload("table5-no-storage", "Table 5 without the storage path",
                        params(32 * 1024, 50, WorkloadSpec.of(WorkloadKind.MEMCACHED)), false),
                scenario1(),
                new BenchWorkload("scenario2", "seed 002 scenario 2: 8 GiB memcached 10:1 with 10 s bursts at 1:10,"
                        + " 50 MiB/s", params(8 * 1024, 50, WorkloadSpec.of(WorkloadKind.BURSTY)), true),
                new BenchWorkload("kernel-compile", "2 GiB kernel compile (seed 002), 125 MiB/s",
                        params(2 * 1024, 125, WorkloadSpec.of(WorkloadKind.KERNEL_COMPILE)), true),
                new BenchWorkload("lmbench", "4 GiB lmbench 2:3, 125 MiB/s",
                        params(4 * 1024, 125, WorkloadSpec.of(WorkloadKind.LMBENCH)), true),
                new BenchWorkload("idle", "4 GiB idle guest, 125 MiB/s",
                        params(4 * 1024, 125, WorkloadSpec.idle()), true),
                new BenchWorkload("constant-0.5", "oracle row: 4 GiB, 128 MiB/s, 64 MiB/s dirty over all memory",
                        params(4 * 1024, 128, constant(64, 4 * 1024)), true),
                new BenchWorkload("hotset-heavy", "4 GiB, 1 GiB hot set written at 150 MiB/s, 100 MiB/s link",
                        params(4 * 1024, 100, hotset(150, 1024)), false),
                new BenchWorkload("memcached-storage-1g", "8 GiB memcached 3:7, 50 MiB/s link, 10 GbE storage path",
                        params(8 * 1024, 50, WorkloadSpec.of(WorkloadKind.MEMCACHED))
                                .withStoragePath(TEN_GBE_MIBPS, false), false));
    }
}
