package org.kvmorch.migration;

import java.util.Optional;
import org.kvmorch.control.MigrationContext;
import org.kvmorch.control.MigrationPolicy;
import org.kvmorch.control.Policies;
import org.kvmorch.db.MigrationEntity;
import org.kvmorch.db.MigrationRepository;
import org.kvmorch.db.MigrationState;
import org.kvmorch.db.VmEntity;
import org.kvmorch.db.VmRepository;
import org.kvmorch.hypervisor.DomainInfo;
import org.kvmorch.hypervisor.DomainState;
import org.kvmorch.hypervisor.Host;
import org.kvmorch.hypervisor.Hypervisor;
import org.kvmorch.hypervisor.MigrationJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adopts every migration the database calls unfinished that no live replica drives (its lease in
 * {@link MigrationLeases} is free: this replica restarted, or the replica that ran it stopped),
 * and matches it against the hypervisor's truth: one still queued (PENDING, never handed to the
 * hypervisor) is queued again; a job the hypervisor still runs is adopted ({@code Host.adoptJob}:
 * libvirt's peer-to-peer migrations outlive the process that started them) and gets its control
 * loop back; a VM found running on the destination is recorded COMPLETED; on the source, FAILED;
 * nowhere, FAILED with that cause. Runs at start and then every poll interval, so a replica that
 * dies hands its migrations over. A migration a live replica drives is left alone; nothing is
 * started twice.
 */
class MigrationReconciler {

    private static final Logger log = LoggerFactory.getLogger(MigrationReconciler.class);

    private final MigrationRepository migrations;
    private final MigrationRecorder recorder;
    private final MigrationExecutor executor;
    private final Hypervisor hypervisor;
    private final VmRepository vms;
    private final MigrationLeases leases;

    MigrationReconciler(MigrationRepository migrations, MigrationRecorder recorder, MigrationExecutor executor,
                        Hypervisor hypervisor, VmRepository vms, MigrationLeases leases) {
        this.vms = vms;
        this.migrations = migrations;
        this.recorder = recorder;
        this.executor = executor;
        this.hypervisor = hypervisor;
        this.leases = leases;
    }

    /** Adopts what nobody drives; returns how many migrations were adopted. */
    int reconcile() {
        int n = 0;
        for (MigrationEntity m : migrations.findByStateIn(MigrationState.UNFINISHED)) {
            if (!leases.tryAcquire(m.getId())) {
                continue; // driven here or by another live replica
            }
            boolean reattached = false;
            try {
                if (migrations.findById(m.getId()).map(x -> x.getState().isFinished()).orElse(true)) {
                    continue; // it ended between the query and the lease
                }
                n++;
                recorder.adopted(m.getId(), "no replica was driving it (this one restarted or its replica stopped)");
                reattached = reconcileOne(m);
            } catch (RuntimeException e) {
                recorder.fail(m.getId(), "could not reconcile after restart: " + e.getMessage());
            } finally {
                if (!reattached) {
                    leases.release(m.getId());
                }
            }
        }
        if (n > 0) {
            log.info("Adopted {} unfinished migrations no replica was driving", n);
        }
        return n;
    }

    /** True when this replica keeps driving it (re-attached or queued again; the lease goes back when it ends). */
    private boolean reconcileOne(MigrationEntity m) {
        VmEntity vm = vms.findById(m.getVmId()).orElseThrow();
        MigrationCommand original = new MigrationCommand(m.getVmName(), Optional.of(m.getDestinationHost()),
                Optional.of(m.getPolicy()), Optional.ofNullable(m.getMaxDowntimeMs()),
                Optional.ofNullable(m.getBandwidthBytesPerSecond()), Optional.of(m.isTls()));
        MigrationPolicy policy = Policies.require(m.getPolicy());
        MigrationContext context = MigrationService.contextFor(vm, original);
        int priority = m.getPlanId() != null && m.getDrainId() == null
                ? MigrationService.PRIORITY_REBALANCE : MigrationService.PRIORITY_OPERATOR;
        if (m.getState() == MigrationState.PENDING) {
            // Never handed to the hypervisor (RUNNING is recorded before the start call): queue it again.
            log.info("Migration {} of {} was still queued: queuing it again", m.getId(), m.getVmName());
            executor.submit(new MigrationExecutor.Work(m.getId(), m.getVmName(), m.getSourceHost(),
                    m.getDestinationHost(), policy, context, priority,
                    Admission.needFor(context.bandwidthBytesPerSecond(), vm.getDirtyRateBytesPerSecond()), m.isTls()));
            return true;
        }
        Optional<MigrationJob> job = Optional.empty();
        MigrationContext between = context;
        if (hypervisor.hostNames().contains(m.getSourceHost()) && hypervisor.hostNames().contains(m.getDestinationHost())) {
            Host source = hypervisor.host(m.getSourceHost());
            Host destination = hypervisor.host(m.getDestinationHost());
            between = context.between(source, destination);
            // The request it was started with: a resume after a link failure repeats it.
            job = source.adoptJob(m.getVmName(), destination,
                    MigrationExecutor.withTransport(policy.initialRequest(between), m.isTls()));
        }
        if (job.isPresent()) {
            log.info("Migration {} of {} still runs on {}: re-attaching its control loop", m.getId(),
                    m.getVmName(), m.getSourceHost());
            executor.reattach(new MigrationExecutor.Work(m.getId(), m.getVmName(), m.getSourceHost(),
                    m.getDestinationHost(), policy, between, priority,
                    Admission.needFor(0, vm.getDirtyRateBytesPerSecond()), m.isTls()), job.get());
            return true;
        }
        if (runsOn(m.getDestinationHost(), m.getVmName())) {
            recorder.transition(m.getId(), MigrationState.COMPLETED,
                    "found running on the destination when adopted; final statistics lost", null);
        } else if (runsOn(m.getSourceHost(), m.getVmName())) {
            recorder.fail(m.getId(), "no job when adopted; the VM still runs on the source");
        } else {
            recorder.fail(m.getId(), "no job when adopted and the VM runs on neither host");
        }
        return false;
    }

    private boolean runsOn(String host, String vm) {
        if (!hypervisor.hostNames().contains(host)) {
            return false;
        }
        return hypervisor.host(host).domain(vm).map(DomainInfo::status)
                .map(s -> s.state() == DomainState.RUNNING).orElse(false);
    }
}
