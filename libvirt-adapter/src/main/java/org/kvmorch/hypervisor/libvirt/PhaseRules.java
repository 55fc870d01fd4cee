package org.kvmorch.hypervisor.libvirt;

import org.kvmorch.hypervisor.DomainState;
import org.kvmorch.hypervisor.DomainStatus;
import org.kvmorch.hypervisor.JobPhase;

/**
 * Where a running migration stands, from what libvirt shows on the source: the domain's state and
 * reason say post-copy / post-copy paused / stop-and-copy; the job's counters say setup vs pre-copy.
 */
final class PhaseRules {

    private PhaseRules() {
    }

    /** A non-terminal phase for a job whose migrate call has not returned yet. */
    static JobPhase running(DomainStatus source, TypedParams stats) {
        if (DomainStates.isPostcopyPaused(source)) {
            return JobPhase.POSTCOPY_PAUSED;
        }
        if (source.state() == DomainState.PAUSED && "postcopy".equals(source.reason())) {
            return JobPhase.POSTCOPY;
        }
        if (source.state() == DomainState.PAUSED && "migration".equals(source.reason())) {
            return JobPhase.STOP_AND_COPY;
        }
        return stats.getLong("memory_processed", 0) > 0 || stats.getLong("memory_iteration", 0) > 1
                ? JobPhase.PRECOPY : JobPhase.SETUP;
    }

    /**
     * The outcome of a migrate call that failed: a post-copy migration that lost its link pauses
     * (and waits for resume); an abort cancels; anything else failed.
     */
    static JobPhase afterFailure(DomainStatus sourceOrNull, int errorCode, boolean abortRequested) {
        if (sourceOrNull != null && DomainStates.isPostcopyPaused(sourceOrNull)) {
            return JobPhase.POSTCOPY_PAUSED;
        }
        if (errorCode == Virt.ERR_OPERATION_ABORTED || abortRequested) {
            return JobPhase.CANCELLED;
        }
        return JobPhase.FAILED;
    }
}
