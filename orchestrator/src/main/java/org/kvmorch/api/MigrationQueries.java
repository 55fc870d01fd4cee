package org.kvmorch.api;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.kvmorch.db.MigrationEntity;
import org.kvmorch.db.MigrationIterationRepository;
import org.kvmorch.db.MigrationRepository;
import org.kvmorch.db.MigrationState;
import org.kvmorch.errors.NotFoundException;
import org.kvmorch.hypervisor.JobStats;
import org.kvmorch.migration.LiveProgress;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Read side of migrations: records joined with live progress. */
@Service
@Transactional(readOnly = true)
class MigrationQueries {

    private final MigrationRepository migrations;
    private final MigrationIterationRepository iterations;
    private final LiveProgress progress;

    MigrationQueries(MigrationRepository migrations, MigrationIterationRepository iterations, LiveProgress progress) {
        this.migrations = migrations;
        this.iterations = iterations;
        this.progress = progress;
    }

    MigrationView byId(long id) {
        MigrationEntity m = migrations.findById(id)
                .orElseThrow(() -> new NotFoundException("migration", String.valueOf(id)));
        List<MigrationView.Iteration> its = iterations.findByMigrationIdOrderByIteration(id).stream()
                .map(i -> new MigrationView.Iteration(i.getIteration(), i.getElapsedMs(), i.getPages(), i.getBytes(),
                        i.getLambda(), i.getThrottlePct(), i.getDowntimeLimitMs(), i.getDirtyRatePagesPerSecond()))
                .toList();
        return view(m, its);
    }

    /** One page, newest first; {@code states} empty = any state. */
    Page<MigrationView> page(Set<MigrationState> states, String vm, String host, int page, int size) {
        Set<MigrationState> any = states.isEmpty() ? EnumSet.allOf(MigrationState.class) : states;
        return migrations.search(any, vm, host, PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "id")))
                .map(m -> view(m, null));
    }

    private MigrationView view(MigrationEntity m, List<MigrationView.Iteration> its) {
        MigrationView.Live live = progress.of(m.getId())
                .map(s -> live(s, progress.eta(m.getId()).orElse(null))).orElse(null);
        MigrationView.Metrics metrics = new MigrationView.Metrics(m.getTotalTimeMs(), m.getTotalBytes(),
                m.getDowntimeMs(), m.getT1PreparationMs(), m.getT2DowntimeMs(), m.getT3ResumeMs(), m.getPagesSent(),
                m.getPrecopyRounds(), m.getPostcopyMs(), m.getPostcopyBytes(), m.getPostcopyFaults());
        return new MigrationView(m.getId(), m.getVmName(), m.getSourceHost(), m.getDestinationHost(), m.getPolicy(),
                m.isTls(), m.getState().name(), m.getStateReason(), m.getRequestedBy(), m.getCreatedAt(), m.getStartedAt(),
                m.getFinishedAt(), live, new MigrationView.Predicted(m.getPredictedTotalMs(), m.getPredictedBytes(),
                        m.getPredictedDowntimeMs()), metrics, m.getFailureCause(), its);
    }

    private static MigrationView.Live live(JobStats s, LiveProgress.Eta eta) {
        return new MigrationView.Live(s.phase().name(), s.memoryIteration(), LiveProgress.percent(s),
                eta == null ? null : eta.seconds(), eta == null ? null : eta.at(), s.timeElapsedMillis(), s.dataProcessedBytes(),
                s.dataRemainingBytes(), s.autoConvergeThrottlePercent());
    }
}
