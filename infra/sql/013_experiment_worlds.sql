-- The world each experiment ran in (docs/worlds.md): its name, the SHA-256 checksum of its file and traces, and the
-- world itself ({"name", "checksum", "text", "traces": {path: csv}}), so that a result can be run again from the
-- database alone. Null when the experiment was given no world (the reference world of its topology, or the silos'
-- own). Idempotent (safe to run again).
ALTER TABLE experiments ADD COLUMN IF NOT EXISTS world_name text NULL;
ALTER TABLE experiments ADD COLUMN IF NOT EXISTS world_checksum text NULL;
ALTER TABLE experiments ADD COLUMN IF NOT EXISTS world jsonb NULL;
