package org.kvmorch.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The closed vocabulary of migration policies, by name. */
public final class Policies {

    public static final String DEFAULT = "auto";
    public static final int MAX_HYBRID_PASSES = 10;

    private static final Map<String, MigrationPolicy> BY_NAME = new LinkedHashMap<>();

    static {
        register(new AutoPolicy());
        register(new AdaptivePolicy());
        register(new PrecopyPolicy());
        register(new PostcopyPolicy());
        register(new AutoConvergePolicy());
        register(new ColdPolicy());
        for (int k = 1; k <= MAX_HYBRID_PASSES; k++) {
            register(new HybridPolicy(k));
        }
        register(IterationSchedulePolicy.ovirtMinimalDowntime());
        register(IterationSchedulePolicy.ovirtPostcopy());
        register(new NovaPolicy());
        register(new KubevirtPolicy());
        register(new PaHybridPolicy());
    }

    private Policies() {
    }

    private static void register(MigrationPolicy policy) {
        BY_NAME.put(policy.name(), policy);
    }

    public static Optional<MigrationPolicy> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** @throws IllegalArgumentException naming the allowed values */
    public static MigrationPolicy require(String name) {
        return byName(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown policy '" + name + "'; allowed: " + String.join(", ", names())));
    }

    public static List<String> names() {
        return new ArrayList<>(BY_NAME.keySet());
    }
}
