package org.kvmorch.prediction;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.kvmorch.planning.MigrationCost;
import org.kvmorch.planning.MigrationCostModel;

/**
 * The planner's cost model backed by the simulator: the cost of moving a VM is what the simulator
 * predicts under the policy it will move with (its own, else the fleet's default). Runs are memoized on inputs rounded to the
 * simulator's sensitivity (memory to 64 MiB, dirty rate and bandwidth to 5 %, working set to
 * 64 MiB), so a plan over a fleet of similar VMs simulates each shape once.
 */
public final class SimulatedCostModel implements MigrationCostModel {

    private static final double MIB = 1 << 20;

    private final Predictor predictor;
    private final Supplier<String> policy;
    private final BooleanSupplier tls;
    private final Map<String, MigrationCost> memo = new ConcurrentHashMap<>();

    public SimulatedCostModel(Predictor predictor, Supplier<String> policy) {
        this(predictor, policy, () -> false);
    }

    /** {@code tls}: whether the policy in force encrypts migration streams (slower on fast links). */
    public SimulatedCostModel(Predictor predictor, Supplier<String> policy, BooleanSupplier tls) {
        this.predictor = predictor;
        this.policy = policy;
        this.tls = tls;
    }

    @Override
    public MigrationCost predict(double memoryBytes, double dirtyRateBytesPerSecond, double workingSetBytes,
                                 double bandwidthBytesPerSecond, String vmPolicy) {
        long memory = roundTo(memoryBytes, 64 * MIB);
        long dirty = roundRelative(dirtyRateBytesPerSecond);
        long wss = roundTo(workingSetBytes, 64 * MIB);
        long bandwidth = Math.max((long) MIB, roundRelative(bandwidthBytesPerSecond));
        String name = vmPolicy != null ? vmPolicy : policy.get();
        boolean encrypted = tls.getAsBoolean();
        String key = name + "/" + encrypted + "/" + memory + "/" + dirty + "/" + wss + "/" + bandwidth;
        return memo.computeIfAbsent(key, k -> {
            Prediction p = predictor.predict(new Predictor.Input(memory, dirty, wss, bandwidth, 300, encrypted), name);
            return new MigrationCost(p.totalTimeMs() / 1000.0, p.totalBytes(), p.downtimeMs() / 1000.0,
                    p.result().equals("COMPLETED"));
        });
    }

    private static long roundTo(double value, double step) {
        return (long) (Math.max(1, Math.round(value / step)) * step);
    }

    /** Rounds to about 5 % (a geometric grid), so nearby rates share a run. */
    private static long roundRelative(double value) {
        if (value <= 0) {
            return 0;
        }
        double step = Math.log(1.05);
        return Math.round(Math.exp(Math.round(Math.log(value) / step) * step));
    }
}
