-- A VM's own migration policy (auto, adaptive, hybrid-2, ...), set by an operator beside the other
-- per-VM overrides; NULL = the fleet policy's default.
ALTER TABLE vm ADD COLUMN migration_policy VARCHAR(64);
