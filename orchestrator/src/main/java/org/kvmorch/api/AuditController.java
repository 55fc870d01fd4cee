package org.kvmorch.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.kvmorch.db.AuditEntryEntity;
import org.kvmorch.db.AuditEntryRepository;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail, newest first (ADMIN only, see SecurityConfiguration). */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    record AuditView(long id, String at, String principal, String action, String target, String outcome) {
    }

    private final AuditEntryRepository audit;

    AuditController(AuditEntryRepository audit) {
        this.audit = audit;
    }

    @GetMapping
    ResponseEntity<List<AuditView>> list(@RequestParam(defaultValue = "0") @Min(0) int page,
                                         @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        Page<AuditEntryEntity> result = audit.findAll(PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "id")));
        return ResponseEntity.ok().header("X-Total-Count", String.valueOf(result.getTotalElements()))
                .body(result.getContent().stream().map(a -> new AuditView(a.getId(), a.getAt().toString(),
                        a.getPrincipal(), a.getAction(), a.getTarget(), a.getOutcome())).toList());
    }
}
