package org.kvmorch.plans;

import java.util.EnumSet;
import org.kvmorch.policy.FleetPolicy;
import org.kvmorch.db.PlanKind;
import org.kvmorch.planning.DetectorParams;
import org.kvmorch.planning.MigrationCostModel;
import org.kvmorch.planning.PlacementParams;
import org.kvmorch.planning.PlannerConfig;
import org.kvmorch.planning.SelectionParams;
import org.kvmorch.planning.UnderloadParams;

/**
 * The planner configuration the service uses: seed 003's load-index detector with the monitoring
 * threshold and duration T, the configured selection and placement, and consolidation only when
 * the plan asks for it.
 */
final class PlannerSettings {

    private PlannerSettings() {
    }

    static PlannerConfig forKind(PlanKind kind, FleetPolicy p, MigrationCostModel costs) {
        DetectorParams detector = new DetectorParams.LoadIndexParams(p.loadThreshold(), p.overloadDuration(),
                EnumSet.allOf(DetectorParams.Resource.class));
        UnderloadParams underload = kind == PlanKind.CONSOLIDATE
                ? UnderloadParams.defaults("below-load-index") : UnderloadParams.defaults("off");
        return PlannerConfig.defaults()
                .with(detector)
                .with(SelectionParams.defaults(p.selection()))
                .with(PlacementParams.defaults(p.placement()))
                .with(underload)
                .withHysteresis(p.cooldown(), p.undoWindow(), PlannerConfig.defaults().reliefFill())
                .withCostModel(costs);
    }
}
