package org.kvmorch.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hosts. Lists are JSON arrays; paging is by {@code page}/{@code size} with the total in the
 * {@code X-Total-Count} header, so a plain GET returns the first {@value #DEFAULT_SIZE} hosts.
 */
@RestController
@RequestMapping("/api/v1/hosts")
class HostsController {

    static final int DEFAULT_SIZE = 100;

    private final HostQueries queries;

    HostsController(HostQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    ResponseEntity<List<HostView>> list(@RequestParam(defaultValue = "0") @Min(0) int page,
                                        @RequestParam(defaultValue = "" + DEFAULT_SIZE) @Min(1) @Max(1000) int size) {
        Page<HostView> result = queries.page(page, size);
        return ResponseEntity.ok()
                .header("X-Total-Count", String.valueOf(result.getTotalElements()))
                .body(result.getContent());
    }

    @GetMapping("/{name}")
    HostView get(@PathVariable String name) {
        return queries.byName(name);
    }
}
