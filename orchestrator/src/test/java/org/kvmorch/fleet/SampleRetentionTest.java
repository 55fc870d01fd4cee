package org.kvmorch.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kvmorch.db.testsupport.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Downsampling on real PostgreSQL: averages are right, nothing is lost or doubled, old rows go. */
// One poll at start-up only (interval 1 h), so no sample arrives while a test counts rows.
@SpringBootTest(properties = {"orchestrator.hypervisor.simulated.hosts=2", "orchestrator.hypervisor.simulated.vms=0",
        "orchestrator.monitoring.interval=1h"})
class SampleRetentionTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.registerFresh(registry, "sample_retention");
    }

    @Autowired
    JdbcTemplate jdbc;

    private final Instant now = Instant.parse("2026-06-10T12:00:00Z");
    private long host;

    @BeforeEach
    void oneHostWithHistory() {
        jdbc.update("delete from utilization_sample");
        host = jdbc.queryForObject("select min(id) from host", Long.class);
    }

    @Test
    void rawSamplesOlderThanTwoHoursBecomeFiveMinuteAverages() {
        Instant bucket = Instant.parse("2026-06-08T10:00:00Z"); // two days old, on a 5-minute boundary
        for (int i = 0; i < 30; i++) { // every 10 s for 5 minutes, cpu 0.00 .. 0.29
            insert(bucket.plusSeconds(10L * i), 0, i / 100.0);
        }
        insert(now.minusSeconds(60), 0, 0.5); // recent: stays raw

        new SampleRetention(jdbc, SampleRetention.Windows.defaults()).compact(now);

        assertThat(count(0)).isEqualTo(1);
        assertThat(count(300)).isEqualTo(1);
        double avg = jdbc.queryForObject("select cpu from utilization_sample where resolution_s = 300", Double.class);
        assertThat(avg).isCloseTo(0.145, within(1e-9)); // mean of 0.00 .. 0.29
        Timestamp at = jdbc.queryForObject("select sampled_at from utilization_sample where resolution_s = 300",
                Timestamp.class);
        assertThat(at.toInstant()).isEqualTo(bucket);
    }

    @Test
    void fiveMinuteRowsOlderThanAWeekBecomeHourlyAndHourlyHostRowsExpireAfterAYear() {
        Instant hour = Instant.parse("2026-05-01T08:00:00Z");
        for (int i = 0; i < 12; i++) {
            insert(hour.plus(Duration.ofMinutes(5L * i)), 300, 0.4);
        }
        insert(now.minus(Duration.ofDays(400)), 3600, 0.9); // older than a year

        new SampleRetention(jdbc, SampleRetention.Windows.defaults()).compact(now);

        assertThat(count(300)).isZero();
        assertThat(count(3600)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select cpu from utilization_sample where resolution_s = 3600", Double.class))
                .isCloseTo(0.4, within(1e-9));
    }

    @Test
    void compactingTwiceChangesNothingMore() {
        Instant bucket = Instant.parse("2026-06-08T10:00:00Z");
        for (int i = 0; i < 6; i++) {
            insert(bucket.plusSeconds(10L * i), 0, 0.2);
        }
        SampleRetention retention = new SampleRetention(jdbc, SampleRetention.Windows.defaults());
        retention.compact(now);
        long rows = jdbc.queryForObject("select count(*) from utilization_sample", Long.class);
        assertThat(retention.compact(now)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from utilization_sample", Long.class)).isEqualTo(rows);
    }

    private void insert(Instant at, int resolution, double cpu) {
        jdbc.update("insert into utilization_sample (sampled_at, host_id, vm_id, resolution_s, cpu, mem, disk, net)"
                + " values (?, ?, null, ?, ?, 0.1, 0, 0)", Timestamp.from(at), host, resolution, cpu);
    }

    private long count(int resolution) {
        return jdbc.queryForObject("select count(*) from utilization_sample where resolution_s = ?", Long.class,
                resolution);
    }
}
