-- A configured host that has never answered is still recorded (state DOWN), before anything is
-- known of it: its capacity is 0 = unknown until the first answer fills it in.
ALTER TABLE host DROP CONSTRAINT host_cpus_check;
ALTER TABLE host ADD CONSTRAINT host_cpus_check CHECK (cpus >= 0);
ALTER TABLE host DROP CONSTRAINT host_memory_bytes_check;
ALTER TABLE host ADD CONSTRAINT host_memory_bytes_check CHECK (memory_bytes >= 0);

-- Every poll rewrites every host and VM row: leave room in each page so the new row version can
-- stay on it (a HOT update: no index entries to add, less for vacuum).
ALTER TABLE host SET (fillfactor = 70);
ALTER TABLE vm SET (fillfactor = 70);
