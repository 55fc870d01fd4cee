-- kvmorch schema, version 1.
-- Flyway migrations are append-only: never edit a released file, add V2__... instead.

CREATE TABLE host (
    id                  BIGSERIAL PRIMARY KEY,
    name                VARCHAR(128) NOT NULL UNIQUE,
    uri                 VARCHAR(512) NOT NULL,
    cluster             VARCHAR(128) NOT NULL DEFAULT 'default',
    state               VARCHAR(16)  NOT NULL DEFAULT 'ACTIVE'
                        CHECK (state IN ('ACTIVE', 'MAINTENANCE', 'DRAINING', 'DOWN')),
    cpus                INTEGER      NOT NULL CHECK (cpus > 0),
    cpu_mhz             BIGINT       NOT NULL DEFAULT 0,
    memory_bytes        BIGINT       NOT NULL CHECK (memory_bytes > 0),
    disk_bytes_per_s    BIGINT       NOT NULL DEFAULT 0,
    net_bytes_per_s     BIGINT       NOT NULL DEFAULT 0,
    cpu_util            DOUBLE PRECISION NOT NULL DEFAULT 0,
    mem_util            DOUBLE PRECISION NOT NULL DEFAULT 0,
    disk_util           DOUBLE PRECISION NOT NULL DEFAULT 0,
    net_util            DOUBLE PRECISION NOT NULL DEFAULT 0,
    load_index          DOUBLE PRECISION NOT NULL DEFAULT 1,
    overloaded_since    TIMESTAMPTZ,
    last_seen_at        TIMESTAMPTZ,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    version             BIGINT       NOT NULL DEFAULT 0
);

CREATE TABLE vm (
    id                      BIGSERIAL PRIMARY KEY,
    name                    VARCHAR(128) NOT NULL UNIQUE,
    uuid                    VARCHAR(64),
    host_id                 BIGINT REFERENCES host (id),
    vcpus                   INTEGER NOT NULL CHECK (vcpus > 0),
    memory_bytes            BIGINT  NOT NULL CHECK (memory_bytes > 0),
    state                   VARCHAR(32) NOT NULL DEFAULT 'RUNNING',
    state_reason            VARCHAR(64),
    cpu_util                DOUBLE PRECISION NOT NULL DEFAULT 0,
    mem_util                DOUBLE PRECISION NOT NULL DEFAULT 0,
    disk_util               DOUBLE PRECISION NOT NULL DEFAULT 0,
    net_util                DOUBLE PRECISION NOT NULL DEFAULT 0,
    dirty_rate_bytes_per_s  BIGINT,
    working_set_bytes       BIGINT,
    -- Per-VM overrides of the migration policy; NULL = the fleet default.
    allowed_modes           VARCHAR(256),
    max_downtime_ms         INTEGER CHECK (max_downtime_ms > 0),
    bandwidth_bytes_per_s   BIGINT CHECK (bandwidth_bytes_per_s >= 0),
    deadline_s              INTEGER CHECK (deadline_s > 0),
    allow_cold              BOOLEAN NOT NULL DEFAULT FALSE,
    affinity_group          VARCHAR(128),
    anti_affinity_group     VARCHAR(128),
    last_migrated_at        TIMESTAMPTZ,
    created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    version                 BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX vm_host_idx ON vm (host_id);

-- Utilization history. vm_id NULL = a host sample. resolution: seconds each row covers,
-- so downsampled rows (e.g. 300, 3600) live beside raw ones.
CREATE TABLE utilization_sample (
    id              BIGSERIAL PRIMARY KEY,
    sampled_at      TIMESTAMPTZ NOT NULL,
    host_id         BIGINT NOT NULL REFERENCES host (id) ON DELETE CASCADE,
    vm_id           BIGINT REFERENCES vm (id) ON DELETE CASCADE,
    resolution_s    INTEGER NOT NULL DEFAULT 0,
    cpu             DOUBLE PRECISION NOT NULL,
    mem             DOUBLE PRECISION NOT NULL,
    disk            DOUBLE PRECISION NOT NULL,
    net             DOUBLE PRECISION NOT NULL,
    load_index      DOUBLE PRECISION,
    dirty_rate_bytes_per_s BIGINT
);
CREATE INDEX utilization_sample_host_time_idx ON utilization_sample (host_id, sampled_at);
CREATE INDEX utilization_sample_vm_time_idx ON utilization_sample (vm_id, sampled_at) WHERE vm_id IS NOT NULL;

-- Maintenance drains: a host emptied for maintenance.
CREATE TABLE maintenance_drain (
    id              BIGSERIAL PRIMARY KEY,
    host_id         BIGINT NOT NULL REFERENCES host (id),
    state           VARCHAR(16) NOT NULL
                    CHECK (state IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    requested_by    VARCHAR(128) NOT NULL,
    allow_cold      BOOLEAN NOT NULL DEFAULT FALSE,
    total_vms       INTEGER NOT NULL DEFAULT 0,
    migrated_vms    INTEGER NOT NULL DEFAULT 0,
    failed_vms      INTEGER NOT NULL DEFAULT 0,
    message         TEXT,
    started_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at     TIMESTAMPTZ,
    version         BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX maintenance_drain_host_idx ON maintenance_drain (host_id);

-- Plans: the reviewable result of an audit (rebalance, consolidate, drain).
CREATE TABLE plan (
    id              BIGSERIAL PRIMARY KEY,
    kind            VARCHAR(16) NOT NULL CHECK (kind IN ('REBALANCE', 'CONSOLIDATE', 'DRAIN', 'MANUAL')),
    state           VARCHAR(16) NOT NULL
                    CHECK (state IN ('RECOMMENDED', 'PENDING', 'ONGOING', 'SUCCEEDED', 'FAILED',
                                     'CANCELLED', 'SUPERSEDED')),
    state_reason    TEXT,
    scope           VARCHAR(256),
    requested_by    VARCHAR(128) NOT NULL,
    strategy        VARCHAR(128) NOT NULL,
    -- Before/after load of every host: [{host, before, after}], kept as the plan saw it.
    host_loads      JSONB NOT NULL DEFAULT '[]'::jsonb,
    -- What the plan could not solve: [{host, vm, reason}].
    unresolved      JSONB NOT NULL DEFAULT '[]'::jsonb,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    executed_at     TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ,
    version         BIGINT NOT NULL DEFAULT 0
);

-- Migrations: one row per attempt, a persisted state machine.
CREATE TABLE migration (
    id                      BIGSERIAL PRIMARY KEY,
    vm_id                   BIGINT NOT NULL REFERENCES vm (id),
    vm_name                 VARCHAR(128) NOT NULL,
    source_host             VARCHAR(128) NOT NULL,
    destination_host        VARCHAR(128) NOT NULL,
    policy                  VARCHAR(64)  NOT NULL,
    state                   VARCHAR(16)  NOT NULL
                            CHECK (state IN ('PENDING', 'RUNNING', 'POSTCOPY', 'RECOVERING', 'COMPLETED',
                                             'FAILED', 'CANCELLED', 'ESCALATED')),
    state_reason            TEXT,
    plan_id                 BIGINT REFERENCES plan (id),
    drain_id                BIGINT REFERENCES maintenance_drain (id),
    requested_by            VARCHAR(128) NOT NULL,
    idempotency_key         VARCHAR(128) UNIQUE,
    max_downtime_ms         INTEGER,
    bandwidth_bytes_per_s   BIGINT,
    created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at              TIMESTAMPTZ,
    postcopy_started_at     TIMESTAMPTZ,
    finished_at             TIMESTAMPTZ,
    -- Prediction made before the start, kept beside the outcome.
    predicted_total_ms      BIGINT,
    predicted_bytes         BIGINT,
    predicted_downtime_ms   BIGINT,
    -- Outcome metrics. Seed 000: t1 preparation, t2 downtime, t3 resume, Npage.
    -- Seed 002: total time, total data, downtime, post-copy duration and data.
    t1_preparation_ms       BIGINT,
    t2_downtime_ms          BIGINT,
    t3_resume_ms            BIGINT,
    pages_sent              BIGINT,
    total_time_ms           BIGINT,
    total_bytes             BIGINT,
    downtime_ms             BIGINT,
    precopy_rounds          INTEGER,
    postcopy_ms             BIGINT,
    postcopy_bytes          BIGINT,
    postcopy_faults         BIGINT,
    failure_cause           TEXT,
    version                 BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX migration_vm_idx ON migration (vm_id);
CREATE INDEX migration_state_idx ON migration (state);
CREATE INDEX migration_plan_idx ON migration (plan_id);
-- At most one unfinished migration per VM, enforced by the database.
CREATE UNIQUE INDEX migration_one_active_per_vm
    ON migration (vm_id) WHERE state IN ('PENDING', 'RUNNING', 'POSTCOPY', 'RECOVERING', 'ESCALATED');

-- The migration matrix, stored sparse: each row says "this VM goes to that host" in a plan.
CREATE TABLE plan_migration (
    id                      BIGSERIAL PRIMARY KEY,
    plan_id                 BIGINT NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    seq                     INTEGER NOT NULL,
    vm_id                   BIGINT NOT NULL REFERENCES vm (id),
    source_host_id          BIGINT NOT NULL REFERENCES host (id),
    destination_host_id     BIGINT NOT NULL REFERENCES host (id),
    policy                  VARCHAR(64) NOT NULL,
    reason                  TEXT,
    predicted_total_ms      BIGINT,
    predicted_bytes         BIGINT,
    predicted_downtime_ms   BIGINT,
    migration_id            BIGINT REFERENCES migration (id),
    UNIQUE (plan_id, seq),
    UNIQUE (plan_id, vm_id)
);

-- One row per pre-copy pass (bitmap sync) or post-copy sample, stored as it happens.
CREATE TABLE migration_iteration (
    id                      BIGSERIAL PRIMARY KEY,
    migration_id            BIGINT NOT NULL REFERENCES migration (id) ON DELETE CASCADE,
    iteration               INTEGER NOT NULL,
    elapsed_ms              BIGINT NOT NULL,
    phase                   VARCHAR(16) NOT NULL,
    pages                   BIGINT NOT NULL,
    bytes                   BIGINT NOT NULL,
    remaining_bytes         BIGINT NOT NULL,
    dirty_rate_pages_per_s  BIGINT NOT NULL,
    -- Seed 002's convergence factor pages(i+1)/pages(i); NULL for the first pass.
    lambda                  DOUBLE PRECISION,
    throttle_pct            INTEGER NOT NULL DEFAULT 0,
    downtime_limit_ms       INTEGER NOT NULL,
    bandwidth_bytes_per_s   BIGINT NOT NULL,
    UNIQUE (migration_id, iteration)
);

-- Every state change and every control decision, with its reason.
CREATE TABLE migration_event (
    id              BIGSERIAL PRIMARY KEY,
    migration_id    BIGINT NOT NULL REFERENCES migration (id) ON DELETE CASCADE,
    at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    elapsed_ms      BIGINT,
    type            VARCHAR(32) NOT NULL,
    from_state      VARCHAR(16),
    to_state        VARCHAR(16),
    reason          TEXT,
    details         JSONB
);
CREATE INDEX migration_event_migration_idx ON migration_event (migration_id, id);

-- Versioned operator policy (thresholds, detectors, limits, schedules).
CREATE TABLE policy_version (
    id              BIGSERIAL PRIMARY KEY,
    version         INTEGER NOT NULL UNIQUE,
    document        JSONB NOT NULL,
    created_by      VARCHAR(128) NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Who did what, when, with which outcome.
CREATE TABLE audit_entry (
    id              BIGSERIAL PRIMARY KEY,
    at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    principal       VARCHAR(128) NOT NULL,
    action          VARCHAR(64) NOT NULL,
    target          VARCHAR(256),
    outcome         VARCHAR(16) NOT NULL,
    details         JSONB
);
CREATE INDEX audit_entry_at_idx ON audit_entry (at);

-- ShedLock's table: one replica at a time plans and executes.
CREATE TABLE shedlock (
    name        VARCHAR(64)  NOT NULL PRIMARY KEY,
    lock_until  TIMESTAMPTZ  NOT NULL,
    locked_at   TIMESTAMPTZ  NOT NULL,
    locked_by   VARCHAR(255) NOT NULL
);
