-- Guest memory the host holds pages for (QEMU's resident set; the simulator's data pages), as last
-- polled; NULL = not reported. Auto's bulk-pass guard takes it as the data a migration must carry.
ALTER TABLE vm ADD COLUMN resident_bytes BIGINT;
