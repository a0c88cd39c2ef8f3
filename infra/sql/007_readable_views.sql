-- Views for reading results in psql: the same figures as experiment_summary and provider_wins, rounded, with the
-- unit in every column name (ms, MB/s, price per MB; shares as percentages). The unrounded views stay for
-- programs. Idempotent (safe to run again).

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
    s.last_requested_at
FROM experiment_summary s;

CREATE OR REPLACE VIEW provider_wins_readable AS
SELECT
    w.experiment_id,
    w.strategy,
    w.provider,
    w.faulty,
    w.wins,
    round((100 * w.win_share)::numeric, 1)                      AS win_percent,
    round(w.mean_rating::numeric, 3)                            AS mean_rating,
    round(w.mean_measured_uplink::numeric, 2)                   AS mean_measured_uplink_mb_per_s,
    round(w.mean_measured_downlink::numeric, 2)                 AS mean_measured_downlink_mb_per_s,
    round(w.mean_price_paid::numeric, 3)                        AS mean_price_paid_per_mb
FROM provider_wins w;
