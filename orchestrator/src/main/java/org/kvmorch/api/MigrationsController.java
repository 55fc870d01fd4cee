package org.kvmorch.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.kvmorch.db.MigrationEntity;
import org.kvmorch.migration.MigrationCommand;
import org.kvmorch.migration.MigrationService;
import org.springframework.data.domain.Page;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Migrations: start one (202 + Location), list them, follow one, steer it. Every POST honours
 * {@code Idempotency-Key} (see {@link IdempotentRequests}).
 */
@RestController
@RequestMapping("/api/v1/migrations")
class MigrationsController {

    private static final long MIB = 1L << 20;

    private final MigrationService service;
    private final MigrationQueries queries;
    private final IdempotentRequests idempotency;

    MigrationsController(MigrationService service, MigrationQueries queries, IdempotentRequests idempotency) {
        this.service = service;
        this.queries = queries;
        this.idempotency = idempotency;
    }

    @PostMapping
    ResponseEntity<MigrationView> start(@Valid @RequestBody MigrationRequestBody body,
                                        @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                        java.security.Principal who) {
        return idempotency.once(key, body, MigrationView.class, () -> {
            MigrationCommand cmd = new MigrationCommand(body.vm(), Optional.ofNullable(body.destination()),
                    Optional.ofNullable(body.policy()), Optional.ofNullable(body.maxDowntimeMs()),
                    Optional.ofNullable(body.bandwidthMibps()).map(m -> m * MIB), Optional.ofNullable(body.tls()));
            MigrationEntity m = service.start(cmd, who.getName());
            return ResponseEntity.accepted().location(URI.create("/api/v1/migrations/" + m.getId()))
                    .body(queries.byId(m.getId()));
        });
    }

    /** {@code state} may repeat or list several states, comma-separated: any of them matches. */
    @GetMapping
    ResponseEntity<List<MigrationView>> list(@RequestParam(required = false) List<String> state,
                                             @RequestParam(required = false) String vm,
                                             @RequestParam(required = false) String host,
                                             @RequestParam(defaultValue = "0") @Min(0) int page,
                                             @RequestParam(defaultValue = "50") @Min(1) @Max(1000) int size) {
        Page<MigrationView> result = queries.page(StateFilter.parse(state), vm, host, page, size);
        return ResponseEntity.ok().header("X-Total-Count", String.valueOf(result.getTotalElements()))
                .body(result.getContent());
    }

    @GetMapping("/{id}")
    MigrationView get(@PathVariable long id) {
        return queries.byId(id);
    }

    /** Cancels: a queued migration never starts; a pre-copy is aborted (VM stays on the source). 409 in post-copy. */
    @PostMapping("/{id}/cancel")
    ResponseEntity<MigrationView> cancel(@PathVariable long id,
                                         @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key) {
        return idempotency.once(key, null, MigrationView.class, () -> {
            service.cancel(id);
            return ResponseEntity.accepted().body(queries.byId(id));
        });
    }

    /** Forces the switch to post-copy now. */
    @PostMapping("/{id}/postcopy")
    ResponseEntity<MigrationView> postcopy(@PathVariable long id,
                                           @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key) {
        return idempotency.once(key, null, MigrationView.class, () -> {
            service.forcePostcopy(id);
            return ResponseEntity.accepted().body(queries.byId(id));
        });
    }

    /** Resumes a post-copy that lost its link. */
    @PostMapping("/{id}/resume")
    ResponseEntity<MigrationView> resume(@PathVariable long id,
                                         @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key) {
        return idempotency.once(key, null, MigrationView.class, () -> {
            service.resume(id);
            return ResponseEntity.accepted().body(queries.byId(id));
        });
    }
}
