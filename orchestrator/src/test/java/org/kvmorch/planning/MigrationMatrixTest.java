package org.kvmorch.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class MigrationMatrixTest {

    @Test
    void sparseRowsAndBitmapAgree() {
        FleetSnapshot s = new TestFleet().host("hot", "c", 10, 64).host("a", "c", 10, 64).host("b", "c", 10, 64)
                .vm("v0", "hot", 4, 1).vm("v1", "hot", 4, 1).vm("v2", "a", 1, 1).build();
        Plan plan = new Planner(TestFleet.config(4)).plan(s);
        MigrationMatrix m = plan.matrix();
        assertThat(m.vms()).isEqualTo(3);
        assertThat(m.hosts()).isEqualTo(3);
        assertThat(m.size()).isEqualTo(plan.migrations().size()).isEqualTo(1);
        PlannedMigration move = plan.migrations().get(0);
        int vm = s.vmIndex(move.vm());
        int dest = s.hostIndex(move.destination());
        BitSet row = m.row(vm);
        assertThat(row.cardinality()).isEqualTo(1);
        assertThat(row.get(dest)).isTrue();
        assertThat(m.row(s.vmIndex("v2")).isEmpty()).isTrue();
        assertThat(m.destinationOf(move.vm())).contains(move.destination());
        assertThat(m.render()).isEqualTo(move.vm() + "  " + "010".substring(0, 0) + bits(dest, 3) + "\n");
    }

    private static String bits(int set, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == set ? '1' : '0');
        }
        return b.toString();
    }
}
