package org.kvmorch.policy;

import java.util.concurrent.atomic.AtomicReference;
import org.kvmorch.config.OrchestratorProperties;
import org.kvmorch.db.PolicyVersionEntity;
import org.kvmorch.db.PolicyVersionRepository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The policy in force, read by every decision-maker through {@link #current()}; {@link #update}
 * stores a new version and makes it current. Starts from the newest stored version, or from the
 * configuration (stored as version 1) on a fresh database.
 */
public class PolicyStore {

    /** A version of the policy, with who set it. */
    public record Versioned(int version, FleetPolicy policy, String createdBy, java.time.Instant createdAt) {
    }

    private final PolicyVersionRepository versions;
    private final JsonMapper json;
    private final AtomicReference<Versioned> current = new AtomicReference<>();

    PolicyStore(PolicyVersionRepository versions, JsonMapper json, OrchestratorProperties properties) {
        this.versions = versions;
        this.json = json;
        PolicyVersionEntity newest = versions.findTopByOrderByVersionDesc().orElseGet(() -> {
            try {
                return versions.save(new PolicyVersionEntity(1,
                        json.writeValueAsString(FleetPolicy.fromProperties(properties)), "configuration"));
            } catch (org.springframework.dao.DataIntegrityViolationException anotherReplicaFirst) {
                // Replicas starting together on a fresh database: one stores version 1, the others read it.
                return versions.findTopByOrderByVersionDesc().orElseThrow(() -> anotherReplicaFirst);
            }
        });
        current.set(versioned(newest));
    }

    public FleetPolicy current() {
        return current.get().policy();
    }

    public Versioned currentVersion() {
        return current.get();
    }

    @Transactional
    public Versioned update(FleetPolicy policy, String by) {
        int next = versions.findTopByOrderByVersionDesc().map(PolicyVersionEntity::getVersion).orElse(0) + 1;
        Versioned stored = versioned(versions.save(new PolicyVersionEntity(next, json.writeValueAsString(policy), by)));
        current.set(stored);
        return stored;
    }

    /**
     * Takes a newer version another replica stored (replicas share the database, not memory);
     * true if the policy in force changed. Never goes back to an older version.
     */
    public boolean refresh() {
        int before = current.get().version();
        versions.findTopByOrderByVersionDesc().filter(e -> e.getVersion() > before).ifPresent(e -> {
            Versioned newer = versioned(e);
            current.updateAndGet(c -> newer.version() > c.version() ? newer : c);
        });
        return current.get().version() != before;
    }

    private Versioned versioned(PolicyVersionEntity e) {
        return new Versioned(e.getVersion(), json.readValue(e.getDocument(), FleetPolicy.class), e.getCreatedBy(),
                e.getCreatedAt());
    }
}
