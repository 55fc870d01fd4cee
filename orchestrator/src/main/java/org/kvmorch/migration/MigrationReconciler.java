package org.kvmorch.migration;

import java.util.Optional;
import org.kvmorch.control.Policies;
import org.kvmorch.db.MigrationEntity;
import org.kvmorch.db.MigrationRepository;
import org.kvmorch.db.MigrationState;
import org.kvmorch.db.VmEntity;
import org.kvmorch.db.VmRepository;
import org.kvmorch.hypervisor.DomainInfo;
import org.kvmorch.hypervisor.DomainState;
import org.kvmorch.hypervisor.Hypervisor;
import org.kvmorch.hypervisor.MigrationJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a restart, every migration the database still calls unfinished is matched against the
 * hypervisor's truth: a job still running gets its control loop back; a VM found running on the
 * destination is recorded COMPLETED; on the source, FAILED; nowhere, FAILED with that cause.
 * Nothing is started twice.
 */
class MigrationReconciler {

    private static final Logger log = LoggerFactory.getLogger(MigrationReconciler.class);

    private final MigrationRepository migrations;
    private final MigrationRecorder recorder;
    private final MigrationExecutor executor;
    private final Hypervisor hypervisor;
    private final VmRepository vms;

    MigrationReconciler(MigrationRepository migrations, MigrationRecorder recorder, MigrationExecutor executor,
                        Hypervisor hypervisor, VmRepository vms) {
        this.vms = vms;
        this.migrations = migrations;
        this.recorder = recorder;
        this.executor = executor;
        this.hypervisor = hypervisor;
    }

    int reconcile() {
        int n = 0;
        for (MigrationEntity m : migrations.findByStateIn(MigrationState.UNFINISHED)) {
            n++;
            try {
                reconcileOne(m);
            } catch (RuntimeException e) {
                recorder.fail(m.getId(), "could not reconcile after restart: " + e.getMessage());
            }
        }
        if (n > 0) {
            log.info("Reconciled {} unfinished migrations after start", n);
        }
        return n;
    }

    private void reconcileOne(MigrationEntity m) {
        Optional<MigrationJob> job = hypervisor.hostNames().contains(m.getSourceHost())
                ? hypervisor.host(m.getSourceHost()).activeJob(m.getVmName())
                : Optional.empty();
        if (job.isPresent()) {
            VmEntity vm = vms.findById(m.getVmId()).orElseThrow();
            MigrationCommand original = new MigrationCommand(m.getVmName(), Optional.of(m.getDestinationHost()),
                    Optional.of(m.getPolicy()), Optional.ofNullable(m.getMaxDowntimeMs()),
                    Optional.ofNullable(m.getBandwidthBytesPerSecond()), Optional.of(m.isTls()));
            log.info("Migration {} of {} still runs on {}: re-attaching its control loop", m.getId(),
                    m.getVmName(), m.getSourceHost());
            executor.reattach(new MigrationExecutor.Work(m.getId(), m.getVmName(), m.getSourceHost(),
                    m.getDestinationHost(), Policies.require(m.getPolicy()),
                    MigrationService.contextFor(vm, original), MigrationService.PRIORITY_OPERATOR,
                    Admission.needFor(0, vm.getDirtyRateBytesPerSecond()), m.isTls()), job.get());
            return;
        }
        if (runsOn(m.getDestinationHost(), m.getVmName())) {
            recorder.transition(m.getId(), MigrationState.COMPLETED,
                    "found running on the destination after restart; final statistics lost", null);
        } else if (runsOn(m.getSourceHost(), m.getVmName())) {
            recorder.fail(m.getId(), "no job after restart; the VM still runs on the source");
        } else {
            recorder.fail(m.getId(), "no job after restart and the VM runs on neither host");
        }
    }

    private boolean runsOn(String host, String vm) {
        if (!hypervisor.hostNames().contains(host)) {
            return false;
        }
        return hypervisor.host(host).domain(vm).map(DomainInfo::status)
                .map(s -> s.state() == DomainState.RUNNING).orElse(false);
    }
}
