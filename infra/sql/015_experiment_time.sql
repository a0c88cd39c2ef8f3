-- Each transaction's moment on its experiment's clock: which clock (virtual in the simulated mode, wall in the lab
-- and the containers), its origin (the experiment's start), the experiment time in ms and the request's number.
-- Null for a request fired outside an experiment. Idempotent (safe to run again).
ALTER TABLE transactions ADD COLUMN IF NOT EXISTS experiment_time jsonb;
