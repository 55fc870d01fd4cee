package org.kvmorch.control;

import java.time.Duration;

/** What a controller can ask of a running migration job. */
public sealed interface Action {

    record SetMaxDowntime(Duration maxDowntime) implements Action {
    }

    /** 0 = unlimited. */
    record SetMaxBandwidth(long bytesPerSecond) implements Action {
    }

    record StartPostCopy() implements Action {
    }

    /** Abort a pre-copy job; the VM stays on the source. Never sent in post-copy. */
    record Abort() implements Action {
    }
}
