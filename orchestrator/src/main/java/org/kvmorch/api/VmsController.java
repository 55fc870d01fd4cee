package org.kvmorch.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.kvmorch.db.MigrationRepository;
import org.kvmorch.db.VmEntity;
import org.kvmorch.db.VmRepository;
import org.kvmorch.errors.NotFoundException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** VMs, optionally those of one host; paged like hosts (X-Total-Count). */
@RestController
@RequestMapping("/api/v1/vms")
@Transactional(readOnly = true)
class VmsController {

    private final VmRepository vms;
    private final MigrationRepository migrations;

    VmsController(VmRepository vms, MigrationRepository migrations) {
        this.vms = vms;
        this.migrations = migrations;
    }

    @GetMapping
    ResponseEntity<List<VmView>> list(@RequestParam(required = false) String host,
                                      @RequestParam(defaultValue = "0") @Min(0) int page,
                                      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        PageRequest request = PageRequest.of(page, size, Sort.by("name"));
        Page<VmEntity> result = host == null ? vms.findAll(request) : vms.findByHostName(host, request);
        return ResponseEntity.ok().header("X-Total-Count", String.valueOf(result.getTotalElements()))
                .body(result.getContent().stream().map(v -> view(v, null)).toList());
    }

    @GetMapping("/{name}")
    VmView get(@PathVariable String name) {
        VmEntity vm = vms.findByName(name).orElseThrow(() -> new NotFoundException("vm", name));
        List<VmView.Move> history = migrations.search(java.util.EnumSet.allOf(org.kvmorch.db.MigrationState.class), name, null,
                PageRequest.of(0, 20, Sort.by(Sort.Direction.DESC, "id"))).stream()
                .map(m -> new VmView.Move(m.getId(), m.getState().name(), m.getSourceHost(), m.getDestinationHost(),
                        m.getPolicy(), m.getCreatedAt(), m.getFinishedAt(), m.getDowntimeMs()))
                .toList();
        return view(vm, history);
    }

    static VmView view(VmEntity v, List<VmView.Move> history) {
        return new VmView(v.getName(), v.getHost() == null ? null : v.getHost().getName(), v.getState(),
                v.getStateReason(), v.getVcpus(), v.getMemoryBytes(),
                new HostView.Utilization(v.getCpuUtil(), v.getMemUtil(), v.getDiskUtil(), v.getNetUtil()),
                v.getDirtyRateBytesPerSecond(), v.getWorkingSetBytes(), v.getResidentBytes(), v.getLastMigratedAt(),
                history);
    }
}
