package org.kvmorch.control;

import java.time.Duration;
import java.util.List;
import org.kvmorch.hypervisor.MigrationRequest;

/**
 * oVirt's convergence schedules as data: an initial downtime and a ladder of steps keyed to
 * libvirt's memory_iteration; a step fires once the iteration count exceeds its limit (as VDSM's
 * monitor does). The last rung is post-copy or abort.
 */
final class IterationSchedulePolicy implements MigrationPolicy {

    /** One rung: when memory_iteration exceeds {@code afterIteration}, take {@code action}. */
    record Step(long afterIteration, Action action) {
    }

    static IterationSchedulePolicy ovirtMinimalDowntime() {
        return new IterationSchedulePolicy("ovirt-minimal-downtime", Duration.ofMillis(100), List.of(
                new Step(1, downtime(150)), new Step(2, downtime(200)), new Step(3, downtime(300)),
                new Step(4, downtime(400)), new Step(6, downtime(500)), new Step(7, new Action.Abort())));
    }

    static IterationSchedulePolicy ovirtPostcopy() {
        return new IterationSchedulePolicy("ovirt-postcopy", Duration.ofMillis(100), List.of(
                new Step(1, downtime(150)), new Step(2, downtime(200)), new Step(3, new Action.StartPostCopy())));
    }

    private final String name;
    private final Duration initialDowntime;
    private final List<Step> steps;

    IterationSchedulePolicy(String name, Duration initialDowntime, List<Step> steps) {
        this.name = name;
        this.initialDowntime = initialDowntime;
        this.steps = List.copyOf(steps);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public MigrationRequest initialRequest(MigrationContext ctx) {
        if (!ctx.postcopyAllowed() && steps.stream().anyMatch(s -> s.action() instanceof Action.StartPostCopy)) {
            PostcopyPolicy.requirePostcopy(ctx, name);
        }
        return Requests.live(ctx, initialDowntime);
    }

    @Override
    public Controller newController(MigrationContext ctx) {
        return new Controller() {
            private int next;

            @Override
            public Decision decide(Observation obs) {
                if (obs.inPostcopy()) {
                    return Decision.none();
                }
                Decision deadline = DeadlineGuard.check(ctx, obs);
                if (!deadline.isNone()) {
                    return deadline;
                }
                long iteration = obs.stats().memoryIteration();
                if (next < steps.size() && iteration > steps.get(next).afterIteration()) {
                    Step step = steps.get(next++);
                    return Decision.of(step.action(), name + ": memory_iteration " + iteration + " > "
                            + step.afterIteration());
                }
                return Decision.none();
            }
        };
    }

    private static Action downtime(long millis) {
        return new Action.SetMaxDowntime(Duration.ofMillis(millis));
    }
}
