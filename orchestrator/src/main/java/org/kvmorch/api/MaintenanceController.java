package org.kvmorch.api;

import java.security.Principal;
import java.time.Instant;
import org.kvmorch.db.MaintenanceDrainEntity;
import org.kvmorch.plans.MaintenanceService;
import org.springframework.http.ResponseEntity;
import org.kvmorch.errors.NotFoundException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Maintenance: enter (the host is drained live) and exit. */
@RestController
@RequestMapping("/api/v1/hosts/{name}/maintenance")
class MaintenanceController {

    record DrainView(long id, String host, String state, int totalVms, int migratedVms, int failedVms, String message,
                     String requestedBy, boolean allowCold, Instant startedAt, Instant finishedAt) {
        static DrainView of(MaintenanceDrainEntity d, String host) {
            return new DrainView(d.getId(), host, d.getState().name(), d.getTotalVms(), d.getMigratedVms(),
                    d.getFailedVms(), d.getMessage(), d.getRequestedBy(), d.isAllowCold(), d.getStartedAt(),
                    d.getFinishedAt());
        }
    }

    private final MaintenanceService maintenance;
    private final IdempotentRequests idempotency;

    MaintenanceController(MaintenanceService maintenance, IdempotentRequests idempotency) {
        this.maintenance = maintenance;
        this.idempotency = idempotency;
    }

    /** Entering again while the host drains answers its drain; with the same key, the first answer. */
    @PostMapping
    ResponseEntity<DrainView> enter(@PathVariable String name,
                                    @RequestParam(defaultValue = "false") boolean allowCold,
                                    @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                    Principal who) {
        return idempotency.once(key, null, DrainView.class, () -> {
            MaintenanceDrainEntity drain = maintenance.enter(name, who.getName(), allowCold);
            return ResponseEntity.accepted().body(DrainView.of(drain, name));
        });
    }

    /** The host's latest drain, to follow its progress. */
    @GetMapping
    DrainView latest(@PathVariable String name) {
        return DrainView.of(maintenance.latestDrain(name)
                .orElseThrow(() -> new NotFoundException("drain", name)), name);
    }

    @DeleteMapping
    ResponseEntity<Void> exit(@PathVariable String name) {
        maintenance.exit(name);
        return ResponseEntity.noContent().build();
    }
}
