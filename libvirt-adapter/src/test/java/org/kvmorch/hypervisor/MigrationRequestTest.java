package org.kvmorch.hypervisor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MigrationRequestTest {

    @Test
    void withFlagAddsOneFlagAndKeepsTheRest() {
        MigrationRequest live = MigrationRequest.live();
        MigrationRequest tls = live.withFlag(MigrationFlag.TLS);
        assertThat(tls.flags()).containsAll(live.flags()).contains(MigrationFlag.TLS).hasSize(live.flags().size() + 1);
        assertThat(tls.maxDowntime()).isEqualTo(live.maxDowntime());
        assertThat(tls.withFlag(MigrationFlag.TLS)).isSameAs(tls);
        assertThat(live.has(MigrationFlag.TLS)).as("the original is unchanged").isFalse();
    }
}
