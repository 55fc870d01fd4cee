package org.kvmorch.api;

import jakarta.validation.Valid;
import org.kvmorch.migration.VmMigrationSettings;
import org.kvmorch.migration.VmSettingsService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A VM's own migration settings: read by VIEWERs, replaced as a whole by ADMINs (an absent field
 * goes back to the fleet default); the audit trail records who changed them.
 */
@RestController
@RequestMapping("/api/v1/vms/{name}/settings")
class VmSettingsController {

    private final VmSettingsService settings;

    VmSettingsController(VmSettingsService settings) {
        this.settings = settings;
    }

    @GetMapping
    VmMigrationSettings get(@PathVariable String name) {
        return settings.read(name);
    }

    @PutMapping
    VmMigrationSettings put(@PathVariable String name, @Valid @RequestBody VmMigrationSettings body) {
        return settings.replace(name, body);
    }
}
