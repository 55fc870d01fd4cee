package org.kvmorch.migration;

import java.time.Clock;
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
 * check it: the policy must exist and must be able to run within the modes the settings allow
 * (a {@code postcopy} policy on a VM that forbids post-copy would refuse every start).
 */
public class VmSettingsService {

    private final VmRepository vms;
    private final Clock clock;

    public VmSettingsService(VmRepository vms, Clock clock) {
        this.vms = vms;
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
        if (settings.policy() != null) {
            MigrationPolicy policy = Policies.byName(settings.policy()).orElseThrow(() -> new InvalidFieldException(
                    "policy", "unknown policy '" + settings.policy() + "'; allowed: "
                            + String.join(", ", Policies.names())));
            try {
                // As if both hosts had a storage path: whether they do is known per migration, not per VM.
                policy.initialRequest(MigrationService.contextFor(vm.getMemoryBytes(), overrides,
                        MigrationCommand.of(vmName, null, null)).withStoragePathShared(true));
            } catch (IllegalArgumentException refused) {
                throw new InvalidFieldException("policy", "'" + settings.policy() + "' cannot run with these"
                        + " settings: " + refused.getMessage());
            }
        }
        vms.replaceOverrides(vm.getId(), overrides, clock.instant());
        return VmMigrationSettings.of(overrides);
    }

    private VmEntity find(String vmName) {
        return vms.findByName(vmName).orElseThrow(() -> new NotFoundException("vm", vmName));
    }
}
