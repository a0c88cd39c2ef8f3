-- Ready-made result views; `auction results` prints experiment_summary. Idempotent (safe to run again).
-- Decision latency = decided_at - requested_at in milliseconds. The faulty-win share counts transactions with a
-- winner (winner_faulty not null): faulty winners / transactions with a winner.

CREATE OR REPLACE VIEW experiment_summary AS
SELECT
    t.experiment_id,
    e.name                                                                   AS experiment_name,
    t.strategy,
    t.aggregator,
    bool_or(t.simulated)                                                     AS simulated,
    count(*)::integer                                                        AS transactions,
    (count(*) FILTER (WHERE t.outcome = 'completed'))::integer               AS completed,
    (count(*) FILTER (WHERE t.outcome = 'failed'))::integer                  AS failed,
    avg(extract(epoch FROM t.decided_at - t.requested_at) * 1000)::double precision AS mean_decision_ms,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.decided_at - t.requested_at) * 1000)
                                                                             AS p50_decision_ms,
    percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM t.decided_at - t.requested_at) * 1000)
                                                                             AS p95_decision_ms,
    avg(t.rating)                                                            AS mean_rating,
    (count(*) FILTER (WHERE t.winner_faulty))::double precision
        / NULLIF(count(t.winner_faulty), 0)                                  AS faulty_win_share,
    avg(t.price_paid)                                                        AS mean_price_paid,
    avg(t.uplink) FILTER (WHERE t.measured_uplink IS NOT NULL)               AS mean_requested_uplink,
    avg(t.measured_uplink)                                                   AS mean_measured_uplink,
    avg(t.downlink) FILTER (WHERE t.measured_downlink IS NOT NULL)           AS mean_requested_downlink,
    avg(t.measured_downlink)                                                 AS mean_measured_downlink,
    min(t.requested_at)                                                      AS first_requested_at,
    max(t.requested_at)                                                      AS last_requested_at
FROM transactions t
LEFT JOIN experiments e ON e.id = t.experiment_id
GROUP BY t.experiment_id, e.name, t.strategy, t.aggregator;

CREATE OR REPLACE VIEW provider_wins AS
SELECT
    t.experiment_id,
    t.strategy,
    t.winner                                                                 AS provider,
    bool_or(t.winner_faulty)                                                 AS faulty,
    count(*)::integer                                                        AS wins,
    (count(*)::double precision
        / sum(count(*)) OVER (PARTITION BY t.experiment_id, t.strategy))::double precision AS win_share,
    avg(t.rating)                                                            AS mean_rating,
    avg(t.measured_uplink)                                                   AS mean_measured_uplink,
    avg(t.measured_downlink)                                                 AS mean_measured_downlink,
    avg(t.price_paid)                                                        AS mean_price_paid
FROM transactions t
WHERE t.winner IS NOT NULL
GROUP BY t.experiment_id, t.strategy, t.winner;

CREATE OR REPLACE VIEW transaction_timeline AS
SELECT
    t.experiment_id,
    t.strategy,
    row_number() OVER w                                                      AS position,
    t.sequence,
    t.transaction_id,
    t.requested_at,
    extract(epoch FROM t.decided_at - t.requested_at)::double precision * 1000 AS decision_ms,
    t.outcome,
    t.winner,
    t.winner_faulty,
    t.rating,
    (count(*) FILTER (WHERE t.winner_faulty) OVER w)::integer                AS faulty_wins_so_far,
    (count(t.winner_faulty) OVER w)::integer                                 AS decided_so_far,
    (count(*) FILTER (WHERE t.winner_faulty) OVER w)::double precision
        / NULLIF(count(t.winner_faulty) OVER w, 0)                           AS running_faulty_share
FROM transactions t
WINDOW w AS (PARTITION BY t.experiment_id, t.strategy
             ORDER BY t.sequence NULLS LAST, t.requested_at, t.transaction_id
             ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);
