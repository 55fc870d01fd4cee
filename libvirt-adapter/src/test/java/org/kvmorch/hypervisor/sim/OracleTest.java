package org.kvmorch.hypervisor.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The analytical pre-copy oracle of reference.md (Clark 2005): with a constant sequential writer
 * over all of memory, every page holding data, no device state and the round-end stop rule, the
 * simulator must stop in the same round, send the same total within 1 % and have the same downtime
 * within 5 ms. V_0 = M, V_i = M·λ^i, stop at the first n with V_n/B ≤ 0.3 s, total = Σ V_0..V_n,
 * downtime = V_n/B. Hand derivations (MB = MiB, as in the table):
 * <pre>
 *  1 GiB, B 125, D 0:    λ 0;   V_1 = 0 ≤ 37.5               → n 1,  total 1024,   8.19 s, 0 ms
 *  1 GiB, B 125, D 25:   λ 0.2; V_2 = 40.96 > 37.5, V_3 = 8.19 → n 3,  1024+204.8+40.96+8.19 = 1278, 10.2 s, 66 ms
 *  1 GiB, B 125, D 62.5: λ 0.5; V_4 = 64 > 37.5, V_5 = 32       → n 5,  2016, 16.1 s, 256 ms
 *  1 GiB, B 125, D 100:  λ 0.8; 0.8^n ≤ 0.0366 → n 15 (V_15 = 36.0), total 5120(1−0.8^16) = 4976, 288 ms
 *  4 GiB, B 128, D 64:   λ 0.5; 4096/2^n ≤ 38.4 → n 7 (V_7 = 32), total 8160, 63.8 s, 250 ms
 *  8 GiB, B 1250, D 500: λ 0.4; 0.4^n ≤ 0.0458 → n 4 (V_4 = 209.7), total 13514, 10.8 s, 168 ms
 * 32 GiB, B 50, D 10:    λ 0.2; 0.2^n ≤ 4.58e-4 → n 5 (V_5 = 10.5), total 40957, 819.1 s, 210 ms
 * 32 GiB, B 50, D 45:    λ 0.9; 0.9^n ≤ 4.58e-4 → n 73 (V_73 = 14.97), total 327680(1−0.9^74) = 327545, 299 ms
 * </pre>
 */
class OracleTest {

    @ParameterizedTest(name = "{0} MiB at {1} MiB/s, D = {2} MiB/s")
    @CsvSource({
        "1024,  125,  0,    1,  1024,   8.2,    0",
        "1024,  125,  25,   3,  1278,   10.2,   66",
        "1024,  125,  62.5, 5,  2016,   16.1,   256",
        "1024,  125,  100,  15, 4976,   39.8,   288",
        "4096,  128,  64,   7,  8160,   63.8,   250",
        "8192,  1250, 500,  4,  13514,  10.8,   168",
        "32768, 50,   10,   5,  40957,  819.1,  210",
        "32768, 50,   45,   73, 327545, 6550.9, 299"})
    void reproducesTheGeometricModel(long memoryMib, double bandwidth, double dirty, int stopRound,
            double totalMb, double totalSeconds, long downtimeMs) {
        SimRunResult r = SimulatedMigrationRun.run(oracleRun(memoryMib, bandwidth, dirty), MigrationController.none());

        assertThat(r.result()).isEqualTo(SimRunResult.Result.COMPLETED);
        assertThat(r.precopyRounds()).as("stop round n").isEqualTo(stopRound);
        assertThat(r.totalMib()).as("total MB").isCloseTo(totalMb, within(totalMb * 0.01));
        assertThat(r.totalTimeMs() / 1000.0).as("total s").isCloseTo(totalSeconds, within(totalSeconds * 0.01));
        assertThat(r.downtimeMs()).as("downtime ms").isCloseTo(downtimeMs, within(5L));
        // The bulk pass plus the live passes plus setup and completion syncs: live passes + 2.
        assertThat(r.memoryIteration()).isEqualTo(stopRound + 2L);
    }

    static SimRunParameters oracleRun(long memoryMib, double bandwidth, double dirty) {
        long wss = memoryMib * Units.MIB;
        return SimRunParameters.of(memoryMib, bandwidth,
                        WorkloadSpec.constant(Math.round(dirty * Units.MIB), wss))
                .withStopRule(StopRule.ROUND_END)
                .withDeviceStateKib(0);
    }
}
