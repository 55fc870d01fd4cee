package org.kvmorch.fleet;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.kvmorch.db.HostState;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL of {@link BatchFleetRecorder}: reads the few columns a poll needs from host and vm, and
 * writes each table with one statement over column arrays ({@link ColumnBatch}). Updates check the
 * row version and bump it, exactly as the JPA entities' {@code @Version} does.
 */
final class FleetTables {

    /** What a poll needs to know of a host row. */
    record HostRow(long id, HostState state, Instant overloadedSince, boolean described, long version) {
    }

    /** What a poll needs to know of a VM row. */
    record VmRow(long id, Long hostId, Instant lastMigratedAt, long version) {
    }

    static ColumnBatch newHosts() { // name, uri, state, cpus, cpu_mhz, memory, disk, net
        return new ColumnBatch("text", "text", "text", "int4", "int8", "int8", "int8", "int8");
    }

    private static final String INSERT_HOSTS = """
            insert into host (name, uri, state, cpus, cpu_mhz, memory_bytes, disk_bytes_per_s, net_bytes_per_s)
            select * from unnest(?::text[], ?::text[], ?::text[], ?::int4[], ?::int8[], ?::int8[], ?::int8[], ?::int8[])
            returning id, name
            """;

    static ColumnBatch newVms() { // name, uuid, host_id, vcpus, memory
        return new ColumnBatch("text", "text", "int8", "int4", "int8");
    }

    private static final String INSERT_VMS = """
            insert into vm (name, uuid, host_id, vcpus, memory_bytes)
            select * from unnest(?::text[], ?::text[], ?::int8[], ?::int4[], ?::int8[])
            returning id, name
            """;

    /** id, version, state, cpu, mem, disk, net, load index, overloaded since, at; capacity only when learnt now. */
    static ColumnBatch hostUpdates() {
        return new ColumnBatch("int8", "int8", "text", "float8", "float8", "float8", "float8", "float8", "text", "text",
                "int4", "int8", "int8", "int8", "int8");
    }

    private static final String UPDATE_HOSTS = """
            update host h set state = u.state, cpu_util = u.cpu, mem_util = u.mem, disk_util = u.disk,
                   net_util = u.net, load_index = u.load_index, overloaded_since = u.overloaded_since::timestamptz,
                   last_seen_at = u.at::timestamptz, updated_at = u.at::timestamptz,
                   cpus = coalesce(u.cpus, h.cpus), cpu_mhz = coalesce(u.cpu_mhz, h.cpu_mhz),
                   memory_bytes = coalesce(u.memory_bytes, h.memory_bytes),
                   disk_bytes_per_s = coalesce(u.disk_bps, h.disk_bytes_per_s),
                   net_bytes_per_s = coalesce(u.net_bps, h.net_bytes_per_s),
                   version = h.version + 1
            from unnest(?::int8[], ?::int8[], ?::text[], ?::float8[], ?::float8[], ?::float8[], ?::float8[],
                        ?::float8[], ?::text[], ?::text[], ?::int4[], ?::int8[], ?::int8[], ?::int8[], ?::int8[])
                 as u(id, version, state, cpu, mem, disk, net, load_index, overloaded_since, at,
                      cpus, cpu_mhz, memory_bytes, disk_bps, net_bps)
            where h.id = u.id and h.version = u.version
            """;

    /** id, version, at: hosts that stopped answering. */
    static ColumnBatch hostsDown() {
        return new ColumnBatch("int8", "int8", "text");
    }

    private static final String MARK_DOWN = """
            update host h set state = 'DOWN', updated_at = u.at::timestamptz, version = h.version + 1
            from unnest(?::int8[], ?::int8[], ?::text[]) as u(id, version, at)
            where h.id = u.id and h.version = u.version
            """;

    /** id, version, host, last migrated, state, reason, cpu, mem, disk, net, dirty rate, working set, resident, at. */
    static ColumnBatch vmUpdates() {
        return new ColumnBatch("int8", "int8", "int8", "text", "text", "text", "float8", "float8", "float8", "float8",
                "int8", "int8", "int8", "text");
    }

    private static final String UPDATE_VMS = """
            update vm v set host_id = u.host_id, last_migrated_at = u.last_migrated_at::timestamptz,
                   state = u.state, state_reason = u.state_reason, cpu_util = u.cpu, mem_util = u.mem,
                   disk_util = u.disk, net_util = u.net, dirty_rate_bytes_per_s = u.dirty,
                   working_set_bytes = u.wss, resident_bytes = u.resident, updated_at = u.at::timestamptz,
                   version = v.version + 1
            from unnest(?::int8[], ?::int8[], ?::int8[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::float8[],
                        ?::float8[], ?::float8[], ?::int8[], ?::int8[], ?::int8[], ?::text[])
                 as u(id, version, host_id, last_migrated_at, state, state_reason, cpu, mem, disk, net, dirty, wss,
                      resident, at)
            where v.id = u.id and v.version = u.version
            """;

    /** sampled at, host, vm (null for a host sample), cpu, mem, disk, net, load index, dirty rate. */
    static ColumnBatch samples() {
        return new ColumnBatch("text", "int8", "int8", "float8", "float8", "float8", "float8", "float8", "int8");
    }

    private static final String INSERT_SAMPLES = """
            insert into utilization_sample
                (sampled_at, host_id, vm_id, resolution_s, cpu, mem, disk, net, load_index, dirty_rate_bytes_per_s)
            select u.at::timestamptz, u.host_id, u.vm_id, 0, u.cpu, u.mem, u.disk, u.net, u.load_index, u.dirty
            from unnest(?::text[], ?::int8[], ?::int8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[],
                        ?::float8[], ?::int8[]) as u(at, host_id, vm_id, cpu, mem, disk, net, load_index, dirty)
            """;

    private final JdbcTemplate jdbc;

    FleetTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, HostRow> hosts() {
        Map<String, HostRow> rows = new HashMap<>();
        jdbc.query("select id, name, state, overloaded_since, cpus, version from host", rs -> {
            Timestamp since = rs.getTimestamp(4);
            rows.put(rs.getString(2), new HostRow(rs.getLong(1), HostState.valueOf(rs.getString(3)),
                    since == null ? null : since.toInstant(), rs.getInt(5) > 0, rs.getLong(6)));
        });
        return rows;
    }

    Map<String, VmRow> vms() {
        Map<String, VmRow> rows = new HashMap<>();
        jdbc.query("select id, name, host_id, last_migrated_at, version from vm", rs -> {
            long host = rs.getLong(3);
            Long hostId = rs.wasNull() ? null : host;
            Timestamp moved = rs.getTimestamp(4);
            rows.put(rs.getString(2), new VmRow(rs.getLong(1), hostId, moved == null ? null : moved.toInstant(),
                    rs.getLong(5)));
        });
        return rows;
    }

    /** Inserts the hosts; returns their ids by name. */
    Map<String, Long> insertHosts(ColumnBatch hosts) {
        return insertReturningIds(INSERT_HOSTS, hosts);
    }

    /** Inserts the VMs; returns their ids by name. */
    Map<String, Long> insertVms(ColumnBatch vms) {
        return insertReturningIds(INSERT_VMS, vms);
    }

    void updateHosts(ColumnBatch updates) {
        write("host", UPDATE_HOSTS, updates);
    }

    void markDown(ColumnBatch hosts) {
        write("host", MARK_DOWN, hosts);
    }

    void updateVms(ColumnBatch updates) {
        write("vm", UPDATE_VMS, updates);
    }

    void insertSamples(ColumnBatch samples) {
        if (samples.size() > 0) {
            jdbc.update(INSERT_SAMPLES, samples::bind);
        }
    }

    private Map<String, Long> insertReturningIds(String sql, ColumnBatch rows) {
        Map<String, Long> ids = new HashMap<>();
        if (rows.size() > 0) {
            jdbc.query(sql, rows::bind, rs -> {
                ids.put(rs.getString(2), rs.getLong(1));
            });
        }
        return ids;
    }

    /** Runs a versioned update; any row changed since it was read fails the whole write, as JPA would. */
    private void write(String table, String sql, ColumnBatch rows) {
        if (rows.size() == 0) {
            return;
        }
        int updated = jdbc.update(sql, rows::bind);
        if (updated != rows.size()) {
            throw new OptimisticLockingFailureException((rows.size() - updated) + " " + table
                    + " rows changed since the poll read them");
        }
    }
}
