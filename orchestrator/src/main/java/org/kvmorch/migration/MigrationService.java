package org.kvmorch.migration;

import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.kvmorch.control.MigrationContext;
import org.kvmorch.control.MigrationPolicy;
import org.kvmorch.control.Policies;
import org.kvmorch.db.HostEntity;
import org.kvmorch.db.HostRepository;
import org.kvmorch.db.HostState;
import org.kvmorch.db.MigrationEntity;
import org.kvmorch.db.MigrationRepository;
import org.kvmorch.db.MigrationState;
import org.kvmorch.db.VmEntity;
import org.kvmorch.db.VmOverrides;
import org.kvmorch.db.VmRepository;
import org.kvmorch.errors.ConflictException;
import org.kvmorch.errors.NotFoundException;
import org.kvmorch.prediction.Prediction;
import org.kvmorch.prediction.PredictionInputs;
import org.kvmorch.prediction.Predictor;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Starts migrations: checks the request against the fleet's state, records it PENDING, and hands
 * it to the executor once the record is committed (so a crash never runs an unrecorded job).
 */
public class MigrationService {

    /** Operator requests and drains start before rebalancing moves. */
    static final int PRIORITY_OPERATOR = 0;
    static final int PRIORITY_REBALANCE = 1;

    private final VmRepository vms;
    private final HostRepository hosts;
    private final MigrationRepository migrations;
    private final MigrationExecutor executor;
    private final Supplier<String> defaultPolicy;
    private final BooleanSupplier tlsByDefault;
    private final MigrationRecorder recorder;
    private final Predictor predictor;
    private final MigrationLeases leases;

    MigrationService(VmRepository vms, HostRepository hosts, MigrationRepository migrations,
                     MigrationExecutor executor, MigrationRecorder recorder, Supplier<String> defaultPolicy,
                     BooleanSupplier tlsByDefault, Predictor predictor, MigrationLeases leases) {
        this.tlsByDefault = tlsByDefault;
        this.leases = leases;
        this.predictor = predictor;
        this.recorder = recorder;
        this.vms = vms;
        this.hosts = hosts;
        this.migrations = migrations;
        this.executor = executor;
        this.defaultPolicy = defaultPolicy;
    }

    /**
     * @throws NotFoundException   unknown VM or destination
     * @throws ConflictException   same host, destination not active, VM already migrating
     * @throws IllegalArgumentException unknown policy, or a policy the VM does not allow
     */
    /** Who asked: an operator, a plan or a drain; decides the queue priority and the links stored. */
    public record Origin(int priority, Long planId, Long drainId) {
        public static final Origin OPERATOR = new Origin(PRIORITY_OPERATOR, null, null);

        public static Origin plan(long planId) {
            return new Origin(PRIORITY_REBALANCE, planId, null);
        }

        public static Origin drain(long planId, long drainId) {
            return new Origin(PRIORITY_OPERATOR, planId, drainId);
        }
    }

    @Transactional
    public MigrationEntity start(MigrationCommand cmd, String requestedBy) {
        return start(cmd, requestedBy, Origin.OPERATOR);
    }

    @Transactional
    public MigrationEntity start(MigrationCommand cmd, String requestedBy, Origin origin) {
        return startChecked(cmd, requestedBy, origin);
    }

    /** A migration started, or why it was not. */
    public record Attempt(MigrationEntity migration, String refusal) {
        public boolean started() {
            return migration != null;
        }
    }

    /**
     * Starts a migration for a caller that goes on whatever happens to this one (a plan's next
     * move): a refusal is returned, not thrown, so the caller's transaction is not marked for
     * rollback by an exception crossing this method. Refusals are found before anything is
     * written; only a concurrent start of the same VM, caught by the database, still throws.
     */
    @Transactional
    public Attempt attempt(MigrationCommand cmd, String requestedBy, Origin origin) {
        try {
            return new Attempt(startChecked(cmd, requestedBy, origin), null);
        } catch (ConflictException e) {
            if (e.getCause() instanceof DataIntegrityViolationException) {
                throw e; // PostgreSQL has aborted the transaction: nothing more can be done in it
            }
            return new Attempt(null, e.getMessage());
        } catch (NotFoundException | IllegalArgumentException e) {
            return new Attempt(null, e.getMessage());
        }
    }

    private MigrationEntity startChecked(MigrationCommand cmd, String requestedBy, Origin origin) {
        VmEntity vm = vms.findByName(cmd.vm()).orElseThrow(() -> new NotFoundException("vm", cmd.vm()));
        HostEntity source = vm.getHost();
        if (source == null) {
            throw new ConflictException("vm", "vm '" + vm.getName() + "' is on no known host");
        }
        HostEntity destination = cmd.destination()
                .map(name -> hosts.findByName(name).orElseThrow(() -> new NotFoundException("host", name)))
                .orElseGet(() -> chooseDestination(vm, source));
        if (destination.getId().equals(source.getId())) {
            throw new ConflictException("destination", "vm '" + vm.getName() + "' already runs on '"
                    + destination.getName() + "'");
        }
        if (!destination.getState().acceptsNewVms()) {
            throw new ConflictException("destination", "host '" + destination.getName() + "' is "
                    + destination.getState() + " and takes no VMs");
        }
        // Checked here, not only by the database's unique index, whose violation aborts the whole transaction.
        if (migrations.existsByVmIdAndStateIn(vm.getId(), MigrationState.UNFINISHED)) {
            throw new ConflictException("vm", "vm '" + vm.getName() + "' is already migrating");
        }
        MigrationPolicy policy = Policies.require(policyFor(vm, cmd));
        MigrationContext context = contextFor(vm, cmd);
        policy.initialRequest(context); // rejects a policy the VM does not allow, before anything is stored
        boolean tls = cmd.tls().orElseGet(tlsByDefault::getAsBoolean);

        MigrationEntity m = new MigrationEntity(vm.getId(), vm.getName(), source.getName(), destination.getName(),
                policy.name(), requestedBy);
        Optional<Prediction> prediction = predict(vm, source, destination, policy.name(), context, tls);
        if (prediction.isPresent()) {
            m.setPrediction(prediction.get().totalTimeMs(), prediction.get().totalBytes(),
                    prediction.get().downtimeMs());
        }
        m.setPlanId(origin.planId());
        m.setDrainId(origin.drainId());
        cmd.maxDowntimeMs().ifPresent(m::setMaxDowntimeMs);
        cmd.bandwidthBytesPerSecond().ifPresent(m::setBandwidthBytesPerSecond);
        m.setTls(tls);
        try {
            m = migrations.saveAndFlush(m);
        } catch (DataIntegrityViolationException e) {
            throw new ConflictException("vm", "vm '" + vm.getName() + "' is already migrating", e);
        }
        MigrationExecutor.Work work = new MigrationExecutor.Work(m.getId(), vm.getName(), source.getName(),
                destination.getName(), policy, context, origin.priority(),
                Admission.needFor(context.bandwidthBytesPerSecond(), vm.getDirtyRateBytesPerSecond()), tls);
        // This replica drives it: taken before the row is visible, so no other replica adopts it.
        long id = m.getId();
        leases.tryAcquire(id);
        afterCommit(() -> executor.submit(work), () -> leases.release(id));
        return m;
    }

    /** The simulator's prediction, stored beside the outcome; a failed prediction never blocks a migration. */
    private Optional<Prediction> predict(VmEntity vm, HostEntity source, HostEntity destination, String policy,
                                         MigrationContext context, boolean tls) {
        try {
            return Optional.of(predictor.predict(PredictionInputs.of(vm, source, destination,
                    context.bandwidthBytesPerSecond(), context.maxDowntime().toMillis(), tls), policy));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static MigrationContext contextFor(VmEntity vm, MigrationCommand cmd) {
        MigrationContext.GuestWrites writes = new MigrationContext.GuestWrites(
                positiveOrZero(vm.getDirtyRateBytesPerSecond()), positiveOrZero(vm.getWorkingSetBytes()),
                positiveOrZero(vm.getResidentBytes()));
        return contextFor(vm.getMemoryBytes(), VmOverrides.of(vm), cmd).withGuestWrites(writes);
    }

    /** The request's own limits first, then the VM's overrides, then the defaults. */
    static MigrationContext contextFor(long memoryBytes, VmOverrides vm, MigrationCommand cmd) {
        String modes = vm.allowedModes() == null ? "" : vm.allowedModes().toLowerCase();
        boolean postcopy = modes.isEmpty() || modes.contains("postcopy");
        boolean autoConverge = modes.isEmpty() || modes.contains("autoconverge");
        int downtime = cmd.maxDowntimeMs().orElse(vm.maxDowntimeMs() == null ? 300 : vm.maxDowntimeMs());
        long bandwidth = cmd.bandwidthBytesPerSecond()
                .orElse(vm.bandwidthBytesPerSecond() == null ? 0L : vm.bandwidthBytesPerSecond());
        Optional<Duration> deadline = Optional.ofNullable(vm.deadlineSeconds()).map(Duration::ofSeconds);
        return new MigrationContext(memoryBytes, postcopy, autoConverge, Duration.ofMillis(downtime), bandwidth,
                deadline);
    }

    /** The request's policy, else the VM's own, else the fleet's default. */
    public String policyFor(VmEntity vm, MigrationCommand cmd) {
        return cmd.policy().or(() -> Optional.ofNullable(vm.getMigrationPolicy())).orElseGet(defaultPolicy);
    }

    private static long positiveOrZero(Long polled) {
        return polled == null || polled < 0 ? 0 : polled;
    }

    /** The least-loaded active host of the VM's cluster with room for its memory. */
    private HostEntity chooseDestination(VmEntity vm, HostEntity source) {
        return hosts.findAll().stream()
                .filter(h -> !h.getId().equals(source.getId()))
                .filter(h -> h.getState() == HostState.ACTIVE && h.getCluster().equals(source.getCluster()))
                .filter(h -> (1 - h.getMemUtil()) * h.getMemoryBytes() >= vm.getMemoryBytes())
                .min(Comparator.comparingDouble(HostEntity::getLoadIndex))
                .orElseThrow(() -> new ConflictException("destination",
                        "no active host in cluster '" + source.getCluster() + "' has room for vm '" + vm.getName() + "'"));
    }

    private static void afterCommit(Runnable action, Runnable onRollback) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }

                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        onRollback.run();
                    }
                }
            });
        } else {
            action.run();
        }
    }

    /**
     * Cancels a migration: a queued one never starts; a pre-copy job is aborted and the VM stays
     * on the source. Refused in post-copy, where the VM already runs on the destination.
     */
    public void cancel(long id) {
        MigrationEntity m = load(id);
        switch (m.getState()) {
            case PENDING -> {
                if (executor.withdraw(id)) {
                    recorder.transition(id, MigrationState.CANCELLED, "cancelled by operator before it started", null);
                    leases.release(id);
                } else {
                    jobOf(m).abort();
                }
            }
            case RUNNING -> jobOf(m).abort();
            case POSTCOPY, RECOVERING, ESCALATED -> throw new ConflictException("state", "migration " + id
                    + " is in " + m.getState() + ": the VM already runs on the destination and cannot go back");
            default -> throw new ConflictException("state", "migration " + id + " has ended (" + m.getState() + ")");
        }
    }

    /** Switches a running pre-copy migration to post-copy now (the VM must allow post-copy). */
    public void forcePostcopy(long id) {
        MigrationEntity m = load(id);
        if (m.getState() != MigrationState.RUNNING) {
            throw new ConflictException("state", "migration " + id + " is " + m.getState()
                    + "; only a RUNNING pre-copy can switch to post-copy");
        }
        VmEntity vm = vms.findById(m.getVmId()).orElseThrow();
        if (!contextFor(vm, MigrationCommand.of(vm.getName(), null, null)).postcopyAllowed()) {
            throw new ConflictException("state", "vm '" + vm.getName() + "' does not allow post-copy");
        }
        jobOf(m).startPostCopy();
    }

    /** Resumes a post-copy migration that lost its link (RECOVERING or ESCALATED). */
    public void resume(long id) {
        MigrationEntity m = load(id);
        if (m.getState() != MigrationState.RECOVERING && m.getState() != MigrationState.ESCALATED) {
            throw new ConflictException("state", "migration " + id + " is " + m.getState()
                    + "; only a paused post-copy can be resumed");
        }
        jobOf(m).resumePostCopy();
    }

    private MigrationEntity load(long id) {
        return migrations.findById(id).orElseThrow(() -> new NotFoundException("migration", String.valueOf(id)));
    }

    private org.kvmorch.hypervisor.MigrationJob jobOf(MigrationEntity m) {
        return executor.job(m.getId()).orElseThrow(() -> new ConflictException("state",
                "migration " + m.getId() + " has no running job on this orchestrator"));
    }
}
