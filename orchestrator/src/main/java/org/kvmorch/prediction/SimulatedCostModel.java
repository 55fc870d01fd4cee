package org.kvmorch.prediction;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.kvmorch.control.Policies;
import org.kvmorch.planning.MigrationCost;
import org.kvmorch.planning.MigrationCostModel;

/**
 * The planner's cost model backed by the simulator: the cost of moving a VM is what the simulator
 * predicts under the policy it will move with (its own, else the fleet's default). Runs are memoized
 * on inputs rounded to the simulator's sensitivity (memory to 64 MiB, dirty rate and bandwidth to 5 %,
 * working set and resident set to 64 MiB, an unmeasured one staying unmeasured), so a plan over a
 * fleet of similar VMs simulates each shape once.
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
    public MigrationCost predict(Guest guest, double bandwidthBytesPerSecond, String vmPolicy) {
        long memory = roundTo(guest.memoryBytes(), 64 * MIB);
        long dirty = roundRelative(guest.dirtyRateBytesPerSecond());
        long wss = roundKnown(guest.workingSetBytes(), 64 * MIB);
        long resident = roundKnown(guest.residentBytes(), 64 * MIB);
        long bandwidth = Math.max((long) MIB, roundRelative(bandwidthBytesPerSecond));
        String fleetDefault = policy.get();
        String name = vmPolicy != null && Policies.byName(vmPolicy).isPresent() ? vmPolicy : fleetDefault;
        boolean encrypted = tls.getAsBoolean();
        String key = name + "/" + encrypted + "/" + memory + "/" + dirty + "/" + wss + "/" + resident + "/" + bandwidth;
        return memo.computeIfAbsent(key, k -> {
            Predictor.Input in = new Predictor.Input(memory, dirty, wss, bandwidth, 300, 0, encrypted, resident);
            Prediction p;
            try {
                p = predictor.predict(in, name);
            } catch (IllegalArgumentException cannotRunHere) {
                // A stored policy this stand-in cannot run (pa-hybrid without a storage path): the fleet's.
                p = predictor.predict(in, fleetDefault);
            }
            return new MigrationCost(p.totalTimeMs() / 1000.0, p.totalBytes(), p.downtimeMs() / 1000.0,
                    p.result().equals("COMPLETED"));
        });
    }

    private static long roundTo(double value, double step) {
        return (long) (Math.max(1, Math.round(value / step)) * step);
    }

    /** The same, keeping 0 (not measured) as 0. */
    private static long roundKnown(double value, double step) {
        return value > 0 ? roundTo(value, step) : 0;
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
