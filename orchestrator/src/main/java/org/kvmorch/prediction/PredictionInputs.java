package org.kvmorch.prediction;

import org.kvmorch.db.HostEntity;
import org.kvmorch.db.VmEntity;

/** Builds the predictor's input from what the orchestrator has observed of a VM and two hosts. */
public final class PredictionInputs {

    /** Used when neither host reports its network capacity: a 1 GbE link. */
    static final long DEFAULT_LINK_BYTES_PER_SECOND = 125_000_000L;

    private PredictionInputs() {
    }

    public static Predictor.Input of(VmEntity vm, HostEntity source, HostEntity destination, long bandwidthCap,
                                     long maxDowntimeMs, boolean tls) {
        long link = Math.min(positiveOr(source.getNetBytesPerSecond()), positiveOr(destination.getNetBytesPerSecond()));
        if (link == Long.MAX_VALUE) {
            link = DEFAULT_LINK_BYTES_PER_SECOND;
        }
        // A cap at or above the link changes nothing; below it, pre-copy runs at the cap while the
        // final copy and the post-copy switch still get the whole link (see Predictor.Input).
        long cap = bandwidthCap > 0 && bandwidthCap < link ? bandwidthCap : 0;
        return new Predictor.Input(vm.getMemoryBytes(),
                vm.getDirtyRateBytesPerSecond() == null ? 0 : vm.getDirtyRateBytesPerSecond(),
                vm.getWorkingSetBytes() == null ? 0 : vm.getWorkingSetBytes(), link, maxDowntimeMs, cap, tls,
                vm.getResidentBytes() == null ? 0 : vm.getResidentBytes());
    }

    private static long positiveOr(long v) {
        return v > 0 ? v : Long.MAX_VALUE;
    }
}
