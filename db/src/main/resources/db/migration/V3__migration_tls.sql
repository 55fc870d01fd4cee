-- Whether a migration's streams were encrypted (libvirt's VIR_MIGRATE_TLS), as requested or as the
-- policy in force said when it was recorded. Rows from before this column ran without TLS.
ALTER TABLE migration ADD COLUMN tls BOOLEAN NOT NULL DEFAULT FALSE;
