package org.kvmorch.hypervisor.sim;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * Which workload a simulated VM runs. {@code dirtyBytesPerSecond} and {@code workingSetBytes} are
 * required for {@code constant} and {@code hotset}; for the others they override the documented
 * defaults (memcached family: the write rate at 3:7 and the hot write set; kernel-compile: the heap
 * write rate and hot set; lmbench: the write rate and the area; idle: the write rate and region).
 * {@code ramp}: how memcached-rising's write share rises (default {@link WriteRamp#SCENARIO_1}).
 */
public record WorkloadSpec(WorkloadKind kind, OptionalLong dirtyBytesPerSecond, OptionalLong workingSetBytes,
                           Optional<WriteRamp> ramp) {

    /**
     * The memaslap client's write share rising linearly from {@code from} to {@code to} over
     * {@code seconds}, then held (seed 002's scenario 1 does not say how fast; see {@link #SCENARIO_1}).
     */
    public record WriteRamp(double from, double to, double seconds) {
        /** Our reading of scenario 1: 0.3 (7:3) to 0.8 over 300 s, crossing a 50 MiB/s link. */
        public static final WriteRamp SCENARIO_1 = new WriteRamp(0.3, 0.8, 300);

        public WriteRamp {
            if (!(from >= 0 && from <= 1 && to >= 0 && to <= 1)) {
                throw new IllegalArgumentException("write shares must be within 0..1");
            }
            if (!(seconds > 0)) {
                throw new IllegalArgumentException("the ramp's seconds must be > 0");
            }
        }
    }

    public WorkloadSpec(WorkloadKind kind, OptionalLong dirtyBytesPerSecond, OptionalLong workingSetBytes) {
        this(kind, dirtyBytesPerSecond, workingSetBytes, Optional.empty());
    }

    public WorkloadSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dirtyBytesPerSecond, "dirtyBytesPerSecond");
        Objects.requireNonNull(workingSetBytes, "workingSetBytes");
        Objects.requireNonNull(ramp, "ramp");
        if (ramp.isPresent() && kind != WorkloadKind.MEMCACHED_RISING) {
            throw new IllegalArgumentException("a write ramp is for " + WorkloadKind.MEMCACHED_RISING.cliName()
                    + " only");
        }
        if (dirtyBytesPerSecond.isPresent() && dirtyBytesPerSecond.getAsLong() < 0) {
            throw new IllegalArgumentException("dirtyBytesPerSecond must be >= 0");
        }
        if (workingSetBytes.isPresent() && workingSetBytes.getAsLong() <= 0) {
            throw new IllegalArgumentException("workingSetBytes must be > 0");
        }
        if ((kind == WorkloadKind.CONSTANT || kind == WorkloadKind.HOTSET)
                && (dirtyBytesPerSecond.isEmpty() || workingSetBytes.isEmpty())) {
            throw new IllegalArgumentException(kind.cliName() + " needs a dirty rate and a working set");
        }
    }

    public static WorkloadSpec of(WorkloadKind kind) {
        return new WorkloadSpec(kind, OptionalLong.empty(), OptionalLong.empty());
    }

    public static WorkloadSpec constant(long dirtyBytesPerSecond, long workingSetBytes) {
        return new WorkloadSpec(WorkloadKind.CONSTANT, OptionalLong.of(dirtyBytesPerSecond),
                OptionalLong.of(workingSetBytes));
    }

    public static WorkloadSpec hotset(long dirtyBytesPerSecond, long workingSetBytes) {
        return new WorkloadSpec(WorkloadKind.HOTSET, OptionalLong.of(dirtyBytesPerSecond),
                OptionalLong.of(workingSetBytes));
    }

    public static WorkloadSpec idle() {
        return of(WorkloadKind.IDLE);
    }

    /** memcached-rising with its write share rising as {@code ramp} says. */
    public static WorkloadSpec memcachedRising(WriteRamp ramp) {
        return new WorkloadSpec(WorkloadKind.MEMCACHED_RISING, OptionalLong.empty(), OptionalLong.empty(),
                Optional.of(ramp));
    }

    /** Builds the workload for a guest of {@code pages} pages with its own random stream. */
    Workload create(long pages, SplittableRandom random) {
        double rate = dirtyBytesPerSecond.isPresent() ? dirtyBytesPerSecond.getAsLong() : Double.NaN;
        long wss = workingSetBytes.isPresent() ? Units.pagesOf(workingSetBytes.getAsLong()) : -1;
        return switch (kind) {
            case CONSTANT -> new ConstantWorkload(pages, wss, rate);
            case HOTSET -> new HotSetWorkload(pages, wss, rate, random);
            case KERNEL_COMPILE -> new KernelCompileWorkload(pages,
                    wss > 0 ? wss : Units.pagesOf(KernelCompileWorkload.DEFAULT_HOT_BYTES),
                    orDefault(rate, KernelCompileWorkload.DEFAULT_HOT_WRITE_BYTES_PER_SECOND), random);
            case LMBENCH -> new LmbenchWorkload(pages, wss > 0 ? wss : LmbenchWorkload.defaultAreaPages(pages),
                    orDefault(rate, LmbenchWorkload.DEFAULT_WRITE_BYTES_PER_SECOND));
            case MEMCACHED -> memcached(pages, wss, rate, MemcachedLoad.steady(), random);
            case MEMCACHED_RISING -> memcached(pages, wss, rate,
                    MemcachedLoad.rising(ramp.orElse(WriteRamp.SCENARIO_1)), random);
            case BURSTY -> memcached(pages, wss, rate, MemcachedLoad.bursty(random.split()), random);
            case IDLE -> new IdleWorkload(pages, wss > 0 ? wss : Units.pagesOf(IdleWorkload.DEFAULT_HOT_BYTES),
                    orDefault(rate, IdleWorkload.DEFAULT_WRITE_BYTES_PER_SECOND), random);
        };
    }

    private Workload memcached(long pages, long wss, double writeRate, MemcachedLoad load, SplittableRandom random) {
        // An explicit rate is the write rate at the reference 3:7 mix; the touch rate follows.
        double touch = Double.isNaN(writeRate) ? MemcachedWorkload.DEFAULT_TOUCH_BYTES_PER_SECOND
                : writeRate / MemcachedWorkload.REFERENCE_WRITE_SHARE;
        return new MemcachedWorkload(kind.cliName(), pages, wss > 0 ? wss : MemcachedWorkload.defaultHotPages(pages),
                touch, load, random);
    }

    private static double orDefault(double value, double fallback) {
        return Double.isNaN(value) ? fallback : value;
    }
}
