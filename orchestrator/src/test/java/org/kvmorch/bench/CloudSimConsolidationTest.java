package org.kvmorch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kvmorch.planning.PowerModel;

/** The CloudSim rules the planner-quality baseline reproduces, on fleets small enough to work out by hand. */
class CloudSimConsolidationTest {

    private static final double G4_MIPS = 3720;
    private static final double G4_PE = 1860;

    private static PowerModel[] g4(int hosts) {
        PowerModel[] p = new PowerModel[hosts];
        Arrays.fill(p, PowerModel.SpecPower.hpProLiantMl110G4());
        return p;
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }

    /**
     * Host 0 (99 % of 3,720 MIPS) is over THR 0.8; MMT takes v0 then v1 (613 MB each, list order)
     * until 67 %. v0 goes to host 1 (tie, first host). v1 then goes to host 2, not host 1: CloudSim
     * charges host 1 from its power at the start of the round (P(46 %) - P(13 %) = 10.4 W), not
     * from after v0 (5.1 W, which would win against host 2's 5.4 W). Consolidation then tries
     * host 1, which relief did not exclude, and empties it onto host 2, v0 included: v0 moves twice.
     */
    @Test
    void pabfdChargesFromTheRoundsStartAndReliefDestinationsCanBeEmptied() {
        double[] ram = {613, 613, 1740, 1740, 1740, 1740};
        double[] demand = {600, 600, 1800, 700, 500, 500};
        int[] host = {0, 0, 0, 0, 1, 2};
        CloudSimConsolidation c = CloudSimConsolidation.threshold(0.8, filled(6, 2000), ram, filled(3, G4_MIPS),
                filled(3, G4_PE), g4(3), 62.5, 300);

        List<int[]> moves = c.plan(1, host, demand);

        assertThat(moves).containsExactly(new int[] {0, 1}, new int[] {1, 2}, new int[] {0, 2}, new int[] {4, 2});
    }

    /**
     * LR needs 10 samples on the host; before that THR 0.7 decides (75 % is over). With 10 flat
     * samples at 75 % the prediction is 1.2 x 75 % = 90 % &lt; 100 %: not overloaded, and the host
     * cannot be emptied either, because the only other host is idle and idle hosts take no
     * consolidated VMs.
     */
    @Test
    void localRegressionFallsBackToThr07UntilTenSamples() {
        double[] mips = {G4_MIPS};
        double[] demand = {0.75 * G4_MIPS};
        CloudSimConsolidation c = CloudSimConsolidation.localRegression(mips, new double[] {870},
                filled(2, G4_MIPS), filled(2, G4_MIPS), g4(2), 62.5, 300);
        for (int k = 1; k <= 9; k++) {
            c.observe(k, new double[] {0.75});
        }
        assertThat(c.plan(9, new int[] {0}, demand)).containsExactly(new int[] {0, 1});

        CloudSimConsolidation lr = CloudSimConsolidation.localRegression(mips, new double[] {870},
                filled(2, G4_MIPS), filled(2, G4_MIPS), g4(2), 62.5, 300);
        for (int k = 1; k <= 10; k++) {
            lr.observe(k, new double[] {0.75});
        }
        assertThat(lr.plan(10, new int[] {0}, demand)).isEmpty();
    }

    @Test
    void predictionIsOrdinaryLeastSquaresExtrapolated() {
        double[] rising = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
        assertThat(CloudSimConsolidation.predict(rising, 1)).isCloseTo(1.1, within(1e-12));
        double[] flat = filled(10, 0.4);
        assertThat(CloudSimConsolidation.predict(flat, 3)).isCloseTo(0.4, within(1e-12));
    }
}
