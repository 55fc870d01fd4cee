package org.kvmorch.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private static final long GB = 1_000_000_000L;
    private final Admission admission = new Admission(() -> 2, () -> 2, Map.of("a", GB, "b", GB, "c", GB, "d", GB)::get);

    @Test
    void perHostOutgoingLimit() {
        admission.reserve(new Admission.Need("a", "b", 1));
        admission.reserve(new Admission.Need("a", "c", 1));
        assertThat(admission.refusal(new Admission.Need("a", "d", 1))).contains("a already sends 2");
        assertThat(admission.refusal(new Admission.Need("b", "d", 1))).isNull();
    }

    @Test
    void perHostIncomingLimit() {
        admission.reserve(new Admission.Need("a", "d", 1));
        admission.reserve(new Admission.Need("b", "d", 1));
        assertThat(admission.refusal(new Admission.Need("c", "d", 1))).contains("d already receives 2");
    }

    @Test
    void bandwidthBudgetRefusesWhatTheLinkCannotGive() {
        admission.reserve(new Admission.Need("a", "b", 700_000_000));
        // a has 300 MB/s left; a migration needing 400 MB/s must wait, one needing 300 fits.
        assertThat(admission.refusal(new Admission.Need("a", "c", 400_000_000))).contains("a's link");
        assertThat(admission.refusal(new Admission.Need("a", "c", 300_000_000))).isNull();
        assertThat(admission.refusal(new Admission.Need("c", "b", 400_000_000))).contains("b's link");
    }

    @Test
    void aLoneMigrationIsAdmittedHoweverMuchItNeeds() {
        assertThat(admission.refusal(new Admission.Need("a", "b", 5 * GB))).isNull();
    }

    @Test
    void releaseGivesCapacityBack() {
        Admission.Need big = new Admission.Need("a", "b", 900_000_000);
        admission.reserve(big);
        assertThat(admission.refusal(new Admission.Need("a", "c", 500_000_000))).isNotNull();
        admission.release(big);
        assertThat(admission.refusal(new Admission.Need("a", "c", 500_000_000))).isNull();
    }

    @Test
    void needKeepsTheConvergenceFactorAtOrBelowPointEight() {
        assertThat(Admission.needFor(0, 80L << 20)).isEqualTo(100L << 20);
        assertThat(Admission.needFor(50L << 20, 80L << 20)).isEqualTo(50L << 20);
        assertThat(Admission.needFor(0, null)).isEqualTo(1L << 20);
    }
}
