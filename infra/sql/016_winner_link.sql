-- The winner's link with each transaction: the rates it was shaped to, whether it was up, the step of its world in
-- force (-1: the world's start, or no world) and the delay, jitter and loss its world gave it, as the winner applied
-- them when it made the offer or consensus that won. NULL without a winner and on rows written before this column.
-- Idempotent (safe to run again).

ALTER TABLE transactions ADD COLUMN IF NOT EXISTS winner_link jsonb;

-- Each transaction with its winner's link, for reading in psql: rates in MB/s to 0.01, the rating to 0.001.
CREATE OR REPLACE VIEW transaction_links_readable AS
SELECT
    t.experiment_id,
    t.strategy,
    t.sequence,
    t.transaction_id,
    t.requested_at,
    t.outcome,
    t.winner,
    t.winner_faulty,
    round((t.winner_link ->> 'shaped_uplink')::numeric, 2)      AS winner_shaped_uplink_mb_per_s,
    round((t.winner_link ->> 'shaped_downlink')::numeric, 2)    AS winner_shaped_downlink_mb_per_s,
    (t.winner_link ->> 'up')::boolean                           AS winner_link_up,
    (t.winner_link ->> 'step')::integer                         AS winner_world_step,
    (t.winner_link ->> 'delay_ms')::double precision            AS winner_delay_ms,
    (t.winner_link ->> 'jitter_ms')::double precision           AS winner_jitter_ms,
    (t.winner_link ->> 'loss_percent')::double precision        AS winner_loss_percent,
    round(t.measured_uplink::numeric, 2)                        AS measured_uplink_mb_per_s,
    round(t.measured_downlink::numeric, 2)                      AS measured_downlink_mb_per_s,
    round(t.rating::numeric, 3)                                 AS rating,
    t.failure_reason
FROM transactions t;
