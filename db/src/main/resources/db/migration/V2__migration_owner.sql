-- Several replicas may share one database. Each unfinished migration is steered by exactly one
-- replica (owner); a replica that stops heart-beating loses its migrations to the others, which
-- adopt the jobs the hypervisor still runs.
CREATE TABLE replica (
    id            VARCHAR(255) PRIMARY KEY,
    started_at    TIMESTAMPTZ NOT NULL,
    heartbeat_at  TIMESTAMPTZ NOT NULL
);

ALTER TABLE migration ADD COLUMN owner VARCHAR(255);
CREATE INDEX migration_unfinished_owner ON migration (owner)
    WHERE state IN ('PENDING', 'RUNNING', 'POSTCOPY', 'RECOVERING', 'ESCALATED');
