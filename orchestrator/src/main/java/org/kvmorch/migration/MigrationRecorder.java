package org.kvmorch.migration;

import java.time.Clock;
import java.time.Instant;
import org.kvmorch.control.ControlLoop;
import org.kvmorch.control.Decision;
import org.kvmorch.control.PassRecord;
import org.kvmorch.db.HostRepository;
import org.kvmorch.db.MigrationEntity;
import org.kvmorch.db.MigrationEventEntity;
import org.kvmorch.db.MigrationEventRepository;
import org.kvmorch.db.MigrationIterationEntity;
import org.kvmorch.db.MigrationIterationRepository;
import org.kvmorch.db.MigrationRepository;
import org.kvmorch.db.MigrationState;
import org.kvmorch.db.VmRepository;
import org.kvmorch.errors.NotFoundException;
import org.kvmorch.hypervisor.JobStats;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every write a running migration makes, each in its own short transaction, so that a crash at any
 * point leaves the record as far as it had got: state changes with their reason, each pass as it
 * completes, each control decision, and the final metrics.
 */
@Component
@Transactional
class MigrationRecorder {

    private final MigrationRepository migrations;
    private final MigrationIterationRepository iterations;
    private final MigrationEventRepository events;
    private final VmRepository vms;
    private final HostRepository hosts;
    private final Clock clock;

    MigrationRecorder(MigrationRepository migrations, MigrationIterationRepository iterations,
                      MigrationEventRepository events, VmRepository vms, HostRepository hosts, Clock clock) {
        this.migrations = migrations;
        this.iterations = iterations;
        this.events = events;
        this.vms = vms;
        this.hosts = hosts;
        this.clock = clock;
    }

    MigrationEntity transition(long id, MigrationState next, String reason, Long elapsedMs) {
        MigrationEntity m = load(id);
        MigrationState from = m.getState();
        if (from == next) {
            return m;
        }
        Instant now = clock.instant();
        m.transitionTo(next, reason);
        if (next == MigrationState.RUNNING && m.getStartedAt() == null) {
            m.setStartedAt(now);
        }
        if (next == MigrationState.POSTCOPY && m.getPostcopyStartedAt() == null) {
            m.setPostcopyStartedAt(now);
        }
        if (next.isFinished()) {
            m.setFinishedAt(now);
        }
        events.save(new MigrationEventEntity(id, now, elapsedMs, "STATE", from, next, reason, null));
        return m;
    }

    void pass(long id, PassRecord pass, Double lambda, JobStats stats, long downtimeLimitMs) {
        iterations.save(new MigrationIterationEntity(id, pass.pass(), pass.endedAtMillis(), "PRECOPY", pass.pages(),
                pass.bytes(), stats.dataRemainingBytes(), pass.dirtyRatePagesPerSecond(), lambda,
                pass.throttlePercent(), (int) downtimeLimitMs, stats.memoryBytesPerSecond()));
    }

    void decision(long id, Decision decision, JobStats stats) {
        String actions = decision.actions().toString().replace("\"", "'");
        events.save(new MigrationEventEntity(id, clock.instant(), stats.timeElapsedMillis(), "DECISION", null, null,
                decision.reason(), "{\"actions\":\"" + actions + "\"}"));
    }

    /** Final metrics and state; on success the VM now belongs to the destination host. */
    void finish(long id, ControlLoop.Outcome outcome, long bytesAtPostcopySwitch) {
        MigrationEntity m = load(id);
        MigrationMetrics x = MigrationMetrics.of(outcome.finalStats(), bytesAtPostcopySwitch);
        m.setTotalTimeMs(x.totalTimeMs());
        m.setTotalBytes(x.totalBytes());
        m.setDowntimeMs(x.downtimeMs());
        m.setPhaseTimes(x.t1PreparationMs(), x.t2DowntimeMs(), x.t3ResumeMs());
        m.setPagesSent(x.pagesSent());
        m.setPrecopyRounds(outcome.passes().completedPasses());
        m.setPostcopyMs(x.postcopyMs());
        m.setPostcopyBytes(x.postcopyBytes());
        m.setPostcopyFaults(x.postcopyFaults());
        MigrationState end = switch (outcome.result()) {
            case COMPLETED -> MigrationState.COMPLETED;
            case CANCELLED -> MigrationState.CANCELLED;
            case FAILED, NOT_CONVERGED -> MigrationState.FAILED;
            case DETACHED -> throw new IllegalArgumentException("a detached migration has no outcome yet");
        };
        if (end == MigrationState.FAILED) {
            m.setFailureCause(outcome.reason().isEmpty() ? "job failed" : outcome.reason());
        }
        if (end == MigrationState.COMPLETED) {
            hosts.findByName(m.getDestinationHost())
                    .ifPresent(dst -> vms.recordMove(m.getVmId(), dst.getId(), clock.instant()));
        }
        transition(id, end, outcome.result() + (outcome.reason().isEmpty() ? "" : ": " + outcome.reason()),
                x.totalTimeMs());
    }

    /** A replica took over a migration whose replica stopped driving it. */
    void adopted(long id, String reason) {
        events.save(new MigrationEventEntity(id, clock.instant(), null, "ADOPTED", null, null, reason, null));
    }

    void fail(long id, String cause) {
        MigrationEntity m = load(id);
        m.setFailureCause(cause);
        transition(id, MigrationState.FAILED, cause, null);
    }

    private MigrationEntity load(long id) {
        return migrations.findById(id).orElseThrow(() -> new NotFoundException("migration", String.valueOf(id)));
    }
}
