-- Idempotency-Key of the POSTs that start work (migrations, plans, plan execution, maintenance,
-- migration actions): the first successful answer, replayed to a retry with the same key. Keys
-- belong to the caller (principal); a request that failed leaves no row, so its retry runs again.
CREATE TABLE idempotency_key (
    id                  BIGSERIAL PRIMARY KEY,
    principal           VARCHAR(128) NOT NULL,
    idempotency_key     VARCHAR(128) NOT NULL,
    -- SHA-256 (hex) of method, path and canonical request body; NULL for keys carried over from
    -- migration.idempotency_key, whose requests were never fingerprinted (they match any request).
    request_hash        VARCHAR(64),
    request             VARCHAR(512) NOT NULL,
    -- NULL only inside the transaction that claimed the key and is doing the work.
    status              INTEGER,
    location            VARCHAR(512),
    body                JSONB,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (principal, idempotency_key)
);
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);

-- POST /migrations kept its keys on the migration row (global, not per caller); carry them over.
-- The column stays for history but is no longer written.
INSERT INTO idempotency_key (principal, idempotency_key, request_hash, request, status, location, created_at)
SELECT requested_by, idempotency_key, NULL, 'POST /api/v1/migrations', 202, '/api/v1/migrations/' || id, created_at
FROM migration WHERE idempotency_key IS NOT NULL;
