package org.kvmorch.planning;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a planning round is told, validated.
 *
 * @param cooldown a VM whose last migration ended less than this ago is not selected again (drains
 *        excepted)
 * @param undoWindow for this long after a migration the VM may not go back to the host it left
 * @param reliefFill an overloaded host is relieved once its metric is at or under this share of
 *        the limit (1 = just under; lower keeps it from tripping again next round)
 * @param maxConsolidatedHosts hosts consolidation may empty in one plan; 0 = no limit
 * @param migrationBandwidthShare share of the slower end's network a migration gets, for costs
 * @param defaultBandwidthBytesPerSecond used when hosts do not report network capacity
 * @param explainVms VMs whose suitability records the plan keeps (for "why not there?")
 * @param maxUnplacedExplanations suitability lists kept for VMs that found no host
 */
public record PlannerConfig(
        DetectorParams detector,
        SelectionParams selection,
        PlacementParams placement,
        UnderloadParams underload,
        Duration cooldown,
        Duration undoWindow,
        double reliefFill,
        int maxConsolidatedHosts,
        double migrationBandwidthShare,
        double defaultBandwidthBytesPerSecond,
        MigrationCostModel costModel,
        Set<String> explainVms,
        int maxUnplacedExplanations) {

    public PlannerConfig {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(underload, "underload");
        Objects.requireNonNull(cooldown, "cooldown");
        Objects.requireNonNull(undoWindow, "undoWindow");
        Objects.requireNonNull(costModel, "costModel");
        if (cooldown.isNegative() || undoWindow.isNegative()) {
            throw new IllegalArgumentException("cooldown and undoWindow must be >= 0");
        }
        if (!(reliefFill > 0 && reliefFill <= 1)) {
            throw new IllegalArgumentException("reliefFill must be in (0,1], got " + reliefFill);
        }
        if (maxConsolidatedHosts < 0 || maxUnplacedExplanations < 0) {
            throw new IllegalArgumentException("limits must be >= 0");
        }
        if (!(migrationBandwidthShare > 0 && migrationBandwidthShare <= 1)) {
            throw new IllegalArgumentException("migrationBandwidthShare must be in (0,1]");
        }
        if (!(defaultBandwidthBytesPerSecond > 0)) {
            throw new IllegalArgumentException("defaultBandwidthBytesPerSecond must be > 0");
        }
        explainVms = explainVms == null ? Set.of() : Set.copyOf(explainVms);
    }

    /**
     * Seed 003's defaults: load index 16 for 5 minutes, highest CPU first, best fit, consolidation
     * below load index 1.25, one hour cool-down, six hours before a VM may return where it came from.
     */
    public static PlannerConfig defaults() {
        return new PlannerConfig(DetectorParams.defaults("load-index"), SelectionParams.defaults("highest-cpu"),
                PlacementParams.defaults("bfd"), UnderloadParams.defaults("below-load-index"), Duration.ofHours(1),
                Duration.ofHours(6), 1.0, 0, 0.5, 125_000_000, PrecopyCostModel.defaults(), Set.of(), 20);
    }

    public PlannerConfig with(DetectorParams d) {
        return new PlannerConfig(d, selection, placement, underload, cooldown, undoWindow, reliefFill,
                maxConsolidatedHosts, migrationBandwidthShare, defaultBandwidthBytesPerSecond, costModel, explainVms,
                maxUnplacedExplanations);
    }

    public PlannerConfig with(SelectionParams s) {
        return new PlannerConfig(detector, s, placement, underload, cooldown, undoWindow, reliefFill,
                maxConsolidatedHosts, migrationBandwidthShare, defaultBandwidthBytesPerSecond, costModel, explainVms,
                maxUnplacedExplanations);
    }

    public PlannerConfig with(PlacementParams p) {
        return new PlannerConfig(detector, selection, p, underload, cooldown, undoWindow, reliefFill,
                maxConsolidatedHosts, migrationBandwidthShare, defaultBandwidthBytesPerSecond, costModel, explainVms,
                maxUnplacedExplanations);
    }

    public PlannerConfig with(UnderloadParams u) {
        return new PlannerConfig(detector, selection, placement, u, cooldown, undoWindow, reliefFill,
                maxConsolidatedHosts, migrationBandwidthShare, defaultBandwidthBytesPerSecond, costModel, explainVms,
                maxUnplacedExplanations);
    }

    public PlannerConfig withHysteresis(Duration cool, Duration undo, double relief) {
        return new PlannerConfig(detector, selection, placement, underload, cool, undo, relief, maxConsolidatedHosts,
                migrationBandwidthShare, defaultBandwidthBytesPerSecond, costModel, explainVms,
                maxUnplacedExplanations);
    }

    public PlannerConfig withConsolidationLimit(int maxHosts) {
        return new PlannerConfig(detector, selection, placement, underload, cooldown, undoWindow, reliefFill, maxHosts,
                migrationBandwidthShare, defaultBandwidthBytesPerSecond, costModel, explainVms,
                maxUnplacedExplanations);
    }

    public PlannerConfig withCostModel(MigrationCostModel model) {
        return new PlannerConfig(detector, selection, placement, underload, cooldown, undoWindow, reliefFill,
                maxConsolidatedHosts, migrationBandwidthShare, defaultBandwidthBytesPerSecond, model, explainVms,
                maxUnplacedExplanations);
    }

    public PlannerConfig explaining(Set<String> vms) {
        return new PlannerConfig(detector, selection, placement, underload, cooldown, undoWindow, reliefFill,
                maxConsolidatedHosts, migrationBandwidthShare, defaultBandwidthBytesPerSecond, costModel, vms,
                maxUnplacedExplanations);
    }
}
