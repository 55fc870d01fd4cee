package org.kvmorch.migration;

import java.time.Clock;
import java.util.Set;
import java.util.function.Supplier;
import org.kvmorch.control.MigrationPolicy;
import org.kvmorch.control.Policies;
import org.kvmorch.db.VmEntity;
import org.kvmorch.db.VmOverrides;
import org.kvmorch.db.VmRepository;
import org.kvmorch.errors.InvalidFieldException;
import org.kvmorch.errors.NotFoundException;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and replaces a VM's own migration settings. A replacement is checked as a migration would
 * check it: the policy in force for the VM (its own, else the fleet's default) must exist and must
 * be able to run within the modes the settings allow (a {@code postcopy} policy on a VM that
 * forbids post-copy would refuse every start, and a drain would keep planning it). Two policies
 * are not a VM's standing policy: {@code cold} (it shuts the guest down, in every rebalance and
 * drain) and {@code pa-hybrid} (it needs a storage path on both hosts of each move; {@code auto}
 * takes one wherever both hosts have it).
 */
public class VmSettingsService {

    static final Set<String> NOT_STANDING = Set.of("cold", "pa-hybrid");

    private final VmRepository vms;
    private final Supplier<String> fleetDefaultPolicy;
    private final Clock clock;

    public VmSettingsService(VmRepository vms, Supplier<String> fleetDefaultPolicy, Clock clock) {
        this.vms = vms;
        this.fleetDefaultPolicy = fleetDefaultPolicy;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public VmMigrationSettings read(String vmName) {
        return VmMigrationSettings.of(VmOverrides.of(find(vmName)));
    }

    @Transactional
    public VmMigrationSettings replace(String vmName, VmMigrationSettings settings) {
        VmEntity vm = find(vmName);
        VmOverrides overrides = settings.toOverrides();
        if (settings.policy() != null && NOT_STANDING.contains(settings.policy())) {
            throw new InvalidFieldException("policy", "'" + settings.policy() + "' cannot be a VM's own policy: "
                    + (settings.policy().equals("cold") ? "it shuts the guest down in every rebalance and drain;"
                            + " ask for it per migration" : "it needs a storage path on both hosts of each move;"
                            + " auto takes one wherever both hosts have it"));
        }
        String inForce = settings.policy() != null ? settings.policy() : fleetDefaultPolicy.get();
        MigrationPolicy policy = Policies.byName(inForce).orElseThrow(() -> new InvalidFieldException(
                "policy", "unknown policy '" + inForce + "'; allowed: " + String.join(", ", Policies.names())));
        try {
            policy.initialRequest(MigrationService.contextFor(vm.getMemoryBytes(), overrides,
                    MigrationCommand.of(vmName, null, null)));
        } catch (IllegalArgumentException refused) {
            throw new InvalidFieldException(settings.policy() != null ? "policy" : "allowedModes",
                    "'" + inForce + "'" + (settings.policy() != null ? "" : " (the fleet's default)")
                            + " cannot run with these settings: " + refused.getMessage());
        }
        vms.replaceOverrides(vm.getId(), overrides, clock.instant());
        return VmMigrationSettings.of(overrides);
    }

    private VmEntity find(String vmName) {
        return vms.findByName(vmName).orElseThrow(() -> new NotFoundException("vm", vmName));
    }
}
