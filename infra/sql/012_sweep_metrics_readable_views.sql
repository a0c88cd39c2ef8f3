-- One definition of a sweep experiment's metrics over a window of request sequence numbers, shared by the view
-- sweep_experiment_metrics (the default window, requests 20..59) and `report --sweep` (any window), so the
-- two cannot drift apart. A plain, STABLE SQL function, which the planner inlines: a caller's WHERE sweep_id = …
-- still narrows the scan to that sweep's experiments (EXPLAIN shows it on ix_experiments_sweep). Then two more
-- views for reading in psql, rounded with units, like 007_readable_views.sql. Idempotent (safe to run again).
CREATE OR REPLACE FUNCTION sweep_window_metrics(first_sequence integer, last_sequence integer)
    RETURNS TABLE
            (
                sweep_id         uuid,
                sweep_cell       jsonb,
                seed             bigint,
                experiment_id    uuid,
                strategy         text,
                variant          text,
                faulty_win_share double precision,
                mean_rating      double precision
            )
    LANGUAGE sql
    STABLE
AS
$$
SELECT
    e.sweep_id,
    e.sweep_cell,
    e.seed,
    e.id,
    t.strategy,
    t.variant,
    (count(*) FILTER (WHERE t.winner_faulty))::double precision / NULLIF(count(t.winner_faulty), 0),
    avg(t.rating)
FROM experiments e
JOIN transactions t ON t.experiment_id = e.id
WHERE e.sweep_id IS NOT NULL AND e.status = 'completed' AND t.sequence BETWEEN first_sequence AND last_sequence
GROUP BY e.sweep_id, e.sweep_cell, e.seed, e.id, t.strategy, t.variant
$$;

-- Same columns as before (006_research.sql), now read from the function: requests 20..59, the learning phase excluded.
CREATE OR REPLACE VIEW sweep_experiment_metrics AS
SELECT sweep_id, sweep_cell, seed, experiment_id, strategy, variant, faulty_win_share, mean_rating
FROM sweep_window_metrics(20, 59);

-- sweep_summary for reading in psql: shares as percentages, ratings to 0.001, the cell as text.
CREATE OR REPLACE VIEW sweep_summary_readable AS
SELECT
    s.sweep_id,
    s.sweep_cell::text                                          AS sweep_cell,
    s.strategy,
    s.variant,
    s.seeds,
    round((100 * s.faulty_win_share_mean)::numeric, 1)          AS faulty_win_percent_mean,
    round((100 * s.faulty_win_share_sd)::numeric, 1)            AS faulty_win_percent_sd,
    round((100 * s.faulty_win_share_median)::numeric, 1)        AS faulty_win_percent_median,
    round((100 * s.faulty_win_share_min)::numeric, 1)           AS faulty_win_percent_min,
    round((100 * s.faulty_win_share_max)::numeric, 1)           AS faulty_win_percent_max,
    round(s.mean_rating_mean::numeric, 3)                       AS mean_rating_mean,
    round(s.mean_rating_sd::numeric, 3)                         AS mean_rating_sd,
    round(s.mean_rating_median::numeric, 3)                     AS mean_rating_median,
    round(s.mean_rating_min::numeric, 3)                        AS mean_rating_min,
    round(s.mean_rating_max::numeric, 3)                        AS mean_rating_max
FROM sweep_summary s;

-- transaction_timeline for reading in psql: decision time to 0.1 ms, rating to 0.001, the running share in percent.
CREATE OR REPLACE VIEW transaction_timeline_readable AS
SELECT
    t.experiment_id,
    t.strategy,
    t.position,
    t.sequence,
    t.requested_at,
    round(t.decision_ms::numeric, 1)                            AS decision_ms,
    t.outcome,
    t.winner,
    t.winner_faulty,
    round(t.rating::numeric, 3)                                 AS rating,
    t.faulty_wins_so_far,
    t.decided_so_far,
    round((100 * t.running_faulty_share)::numeric, 1)           AS running_faulty_win_percent
FROM transaction_timeline t;
