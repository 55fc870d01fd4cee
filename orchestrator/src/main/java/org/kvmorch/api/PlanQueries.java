package org.kvmorch.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kvmorch.db.HostRepository;
import org.kvmorch.db.MigrationRepository;
import org.kvmorch.db.PlanEntity;
import org.kvmorch.db.PlanMigrationEntity;
import org.kvmorch.db.PlanMigrationRepository;
import org.kvmorch.db.PlanRepository;
import org.kvmorch.db.VmRepository;
import org.kvmorch.errors.NotFoundException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Read side of plans: rows turned into views with names, migration states and the matrix. */
@Service
@Transactional(readOnly = true)
class PlanQueries {

    private final PlanRepository plans;
    private final PlanMigrationRepository cells;
    private final HostRepository hosts;
    private final VmRepository vms;
    private final MigrationRepository migrations;
    private final JsonMapper json;

    PlanQueries(PlanRepository plans, PlanMigrationRepository cells, HostRepository hosts, VmRepository vms,
                MigrationRepository migrations, JsonMapper json) {
        this.plans = plans;
        this.cells = cells;
        this.hosts = hosts;
        this.vms = vms;
        this.migrations = migrations;
        this.json = json;
    }

    PlanView byId(long id) {
        PlanEntity p = load(id);
        Map<Long, String> hostNames = hostNames();
        Map<Long, String> vmNames = new HashMap<>();
        vms.findAll().forEach(v -> vmNames.put(v.getId(), v.getName()));
        Map<Long, String> states = new HashMap<>();
        migrations.findByPlanId(id).forEach(m -> states.put(m.getId(), m.getState().name()));
        List<PlanView.Move> moves = new ArrayList<>();
        for (PlanMigrationEntity c : cells.findByPlanIdOrderBySeq(id)) {
            moves.add(new PlanView.Move(c.getSeq(), vmNames.get(c.getVmId()), hostNames.get(c.getSourceHostId()),
                    hostNames.get(c.getDestinationHostId()), c.getPolicy(), c.getReason(), c.getPredictedTotalMs(),
                    c.getPredictedBytes(), c.getPredictedDowntimeMs(), c.getMigrationId(),
                    c.getMigrationId() == null ? null : states.get(c.getMigrationId())));
        }
        return new PlanView(p.getId(), p.getKind().name(), p.getState().name(), p.getStateReason(), p.getScope(),
                p.getStrategy(), p.getRequestedBy(), p.getCreatedAt(), p.getExecutedAt(), p.getFinishedAt(), moves,
                json.readTree(p.getHostLoads()), json.readTree(p.getUnresolved()));
    }

    Page<PlanView> page(int page, int size) {
        return plans.findAll(PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "id"))).map(p -> byId(p.getId()));
    }

    PlanView.Matrix matrix(long id) {
        PlanView plan = byId(id);
        List<String> hostOrder = hosts.findAll(Sort.by("name")).stream().map(h -> h.getName()).toList();
        List<PlanView.Matrix.Cell> sparse = plan.migrations().stream()
                .map(m -> new PlanView.Matrix.Cell(m.vm(), m.destination())).toList();
        List<String> bitmap = new ArrayList<>();
        for (PlanView.Matrix.Cell cell : sparse) {
            StringBuilder row = new StringBuilder();
            for (String host : hostOrder) {
                row.append(host.equals(cell.destination()) ? '1' : '0');
            }
            bitmap.add(row.toString());
        }
        return new PlanView.Matrix(id, hostOrder, sparse.stream().map(PlanView.Matrix.Cell::vm).toList(), sparse,
                bitmap);
    }

    private Map<Long, String> hostNames() {
        Map<Long, String> names = new HashMap<>();
        hosts.findAll().forEach(h -> names.put(h.getId(), h.getName()));
        return names;
    }

    private PlanEntity load(long id) {
        return plans.findById(id).orElseThrow(() -> new NotFoundException("plan", String.valueOf(id)));
    }
}
