package org.kvmorch.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.kvmorch.db.PlanEntity;
import org.kvmorch.db.PlanKind;
import org.kvmorch.plans.PlanService;
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

/** Plans: make one (a dry run), review it and its matrix, execute it; POSTs honour {@code Idempotency-Key}. */
@RestController
@RequestMapping("/api/v1/plans")
class PlansController {

    /** POST /plans body: kind rebalance | consolidate; scope = a cluster name (optional). */
    record PlanRequest(@NotNull @Pattern(regexp = "rebalance|consolidate") String kind, String scope) {
    }

    private final PlanService service;
    private final PlanQueries queries;
    private final IdempotentRequests idempotency;

    PlansController(PlanService service, PlanQueries queries, IdempotentRequests idempotency) {
        this.service = service;
        this.queries = queries;
        this.idempotency = idempotency;
    }

    @PostMapping
    ResponseEntity<PlanView> create(@Valid @RequestBody PlanRequest body,
                                    @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                    Principal who) {
        return idempotency.once(key, body, PlanView.class, () -> {
            PlanKind kind = body.kind().equals("consolidate") ? PlanKind.CONSOLIDATE : PlanKind.REBALANCE;
            PlanEntity plan = service.recommend(kind, body.scope(), who.getName());
            return ResponseEntity.created(URI.create("/api/v1/plans/" + plan.getId()))
                    .body(queries.byId(plan.getId()));
        });
    }

    @GetMapping
    ResponseEntity<List<PlanView>> list(@RequestParam(defaultValue = "0") @Min(0) int page,
                                        @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        Page<PlanView> result = queries.page(page, size);
        return ResponseEntity.ok().header("X-Total-Count", String.valueOf(result.getTotalElements()))
                .body(result.getContent());
    }

    @GetMapping("/{id}")
    PlanView get(@PathVariable long id) {
        return queries.byId(id);
    }

    @GetMapping("/{id}/matrix")
    PlanView.Matrix matrix(@PathVariable long id) {
        return queries.matrix(id);
    }

    /** Without a key, a second execute is 409 (the plan is no longer RECOMMENDED); with the same key, the first answer. */
    @PostMapping("/{id}/execute")
    ResponseEntity<PlanView> execute(@PathVariable long id,
                                     @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                     Principal who) {
        return idempotency.once(key, null, PlanView.class, () -> {
            service.execute(id, who.getName(), null);
            return ResponseEntity.accepted().body(queries.byId(id));
        });
    }
}
