package org.kvmorch.control;

import java.time.Duration;
import org.kvmorch.hypervisor.MigrationRequest;

/**
 * OpenStack Nova's libvirt driver: the downtime limit climbs in 10 linear steps from 50 to 500 ms,
 * step i after i × 75 s per GiB of RAM (at least 2 GiB counted); after 800 s per GiB the migration
 * is forced to complete by post-copy where permitted (live_migration_permit_post_copy, here: the
 * VM allows post-copy) and aborted otherwise (Nova's default timeout action).
 */
final class NovaPolicy implements MigrationPolicy {

    static final long BASE_DOWNTIME_MS = 50;
    static final long MAX_DOWNTIME_MS = 500;
    static final int STEPS = 10;
    static final long STEP_DELAY_MS_PER_GIB = 75_000;
    static final long COMPLETION_TIMEOUT_MS_PER_GIB = 800_000;

    @Override
    public String name() {
        return "nova";
    }

    @Override
    public MigrationRequest initialRequest(MigrationContext ctx) {
        return Requests.live(ctx, Duration.ofMillis(BASE_DOWNTIME_MS));
    }

    @Override
    public Controller newController(MigrationContext ctx) {
        double gib = Math.max(2.0, ctx.memoryGib());
        long stepDelay = (long) (STEP_DELAY_MS_PER_GIB * gib);
        long completionTimeout = (long) (COMPLETION_TIMEOUT_MS_PER_GIB * gib);
        return new Controller() {
            private int step;
            private boolean timedOut;

            @Override
            public Decision decide(Observation obs) {
                if (obs.inPostcopy() || timedOut) {
                    return Decision.none();
                }
                long elapsed = obs.elapsedMillis();
                if (elapsed > completionTimeout) {
                    timedOut = true;
                    Action action = ctx.postcopyAllowed() ? new Action.StartPostCopy() : new Action.Abort();
                    return Decision.of(action, "nova: completion timeout " + completionTimeout + " ms");
                }
                int due = (int) Math.min(STEPS, elapsed / Math.max(1, stepDelay));
                if (due > step) {
                    step = due;
                    long downtime = BASE_DOWNTIME_MS + (MAX_DOWNTIME_MS - BASE_DOWNTIME_MS) * step / STEPS;
                    return Decision.of(new Action.SetMaxDowntime(Duration.ofMillis(downtime)),
                            "nova: downtime step " + step + " at " + elapsed + " ms");
                }
                return Decision.none();
            }
        };
    }
}
