-- The world each experiment ran in (docs/worlds.md): its name, the SHA-256 checksum of its file and traces, and the
-- world itself ({"name", "checksum", "text", "traces": {path: csv}}), so that a result can be run again from the
-- database alone. Null when the experiment was given no world (the reference world of its topology, or the silos'
-- own). Idempotent (safe to run again).
ALTER TABLE experiments ADD COLUMN IF NOT EXISTS world_name text NULL;
ALTER TABLE experiments ADD COLUMN IF NOT EXISTS world_checksum text NULL;
ALTER TABLE experiments ADD COLUMN IF NOT EXISTS world jsonb NULL;

-- experiment_summary_readable (007_readable_views.sql) with the world's name as its last column.
CREATE OR REPLACE VIEW experiment_summary_readable AS
SELECT
    s.experiment_id,
    s.experiment_name,
    s.strategy,
    s.aggregator,
    s.simulated,
    s.transactions,
    s.completed,
    s.failed,
    round(s.mean_decision_ms::numeric, 1)                       AS mean_decision_ms,
    round(s.p50_decision_ms::numeric, 1)                        AS p50_decision_ms,
    round(s.p95_decision_ms::numeric, 1)                        AS p95_decision_ms,
    round(s.mean_rating::numeric, 3)                            AS mean_rating,
    round((100 * s.faulty_win_share)::numeric, 1)               AS faulty_win_percent,
    round(s.mean_price_paid::numeric, 3)                        AS mean_price_paid_per_mb,
    round(s.mean_requested_uplink::numeric, 2)                  AS mean_requested_uplink_mb_per_s,
    round(s.mean_measured_uplink::numeric, 2)                   AS mean_measured_uplink_mb_per_s,
    round(s.mean_requested_downlink::numeric, 2)                AS mean_requested_downlink_mb_per_s,
    round(s.mean_measured_downlink::numeric, 2)                 AS mean_measured_downlink_mb_per_s,
    s.first_requested_at,
    s.last_requested_at,
    (SELECT e.world_name FROM experiments e WHERE e.id = s.experiment_id) AS world_name
FROM experiment_summary s;
