-- A configured host that has never answered is still recorded (state DOWN), before anything is
-- known of it: its capacity is 0 = unknown until the first answer fills it in.
ALTER TABLE host DROP CONSTRAINT host_cpus_check;
ALTER TABLE host ADD CONSTRAINT host_cpus_check CHECK (cpus >= 0);
ALTER TABLE host DROP CONSTRAINT host_memory_bytes_check;
ALTER TABLE host ADD CONSTRAINT host_memory_bytes_check CHECK (memory_bytes >= 0);
