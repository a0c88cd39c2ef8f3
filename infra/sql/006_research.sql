-- What each side of a transaction used, and sweeps: grids of ordinary experiments. Idempotent (safe to run again).
--   transactions.variant              the decision variant (aggregator, "+memory" when the consumer's own ratings
--                                     were blended in; "none" for the baselines)
--   transactions.consumer_parameters  the consumer's parameters for this request (consumer_tau, aggregator, …)
--   transactions.provider_parameters  provider -> {tau, aggregator, behaviour} as each provider reported it
--   experiments.sweep_id / sweep_cell the sweep an experiment belongs to and its cell (axis -> value, seed apart)

ALTER TABLE transactions ADD COLUMN IF NOT EXISTS variant text NOT NULL DEFAULT 'zscore';
ALTER TABLE transactions ADD COLUMN IF NOT EXISTS consumer_parameters jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE transactions ADD COLUMN IF NOT EXISTS provider_parameters jsonb NOT NULL DEFAULT '{}'::jsonb;

CREATE TABLE IF NOT EXISTS sweeps
(
    id         uuid        NOT NULL,
    name       text        NOT NULL,
    config     jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_sweeps PRIMARY KEY (id)
);

ALTER TABLE experiments ADD COLUMN IF NOT EXISTS sweep_id uuid NULL REFERENCES sweeps (id);
ALTER TABLE experiments ADD COLUMN IF NOT EXISTS sweep_cell jsonb NULL;
CREATE INDEX IF NOT EXISTS ix_experiments_sweep ON experiments (sweep_id) WHERE sweep_id IS NOT NULL;

-- One row per sweep experiment and strategy: its cell, seed, and the faulty-win share and mean rating over the
-- specification's window (requests 20..59, the learning phase excluded). `report --sweep` computes other windows.
CREATE OR REPLACE VIEW sweep_experiment_metrics AS
SELECT
    e.sweep_id,
    e.sweep_cell,
    e.seed,
    e.id                                                                     AS experiment_id,
    t.strategy,
    t.variant,
    (count(*) FILTER (WHERE t.winner_faulty))::double precision
        / NULLIF(count(t.winner_faulty), 0)                                  AS faulty_win_share,
    avg(t.rating)                                                            AS mean_rating
FROM experiments e
JOIN transactions t ON t.experiment_id = e.id
WHERE e.sweep_id IS NOT NULL AND e.status = 'completed' AND t.sequence BETWEEN 20 AND 59
GROUP BY e.sweep_id, e.sweep_cell, e.seed, e.id, t.strategy, t.variant;

-- Per sweep cell and strategy/variant: seeds, mean, sample standard deviation, median and range of each metric.
-- The 95 % confidence interval needs Student's t quantile, which `report --sweep` adds.
CREATE OR REPLACE VIEW sweep_summary AS
SELECT
    sweep_id,
    sweep_cell,
    strategy,
    variant,
    count(*)::integer                                                        AS seeds,
    avg(faulty_win_share)                                                    AS faulty_win_share_mean,
    stddev_samp(faulty_win_share)                                            AS faulty_win_share_sd,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY faulty_win_share)            AS faulty_win_share_median,
    min(faulty_win_share)                                                    AS faulty_win_share_min,
    max(faulty_win_share)                                                    AS faulty_win_share_max,
    avg(mean_rating)                                                         AS mean_rating_mean,
    stddev_samp(mean_rating)                                                 AS mean_rating_sd,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY mean_rating)                 AS mean_rating_median,
    min(mean_rating)                                                         AS mean_rating_min,
    max(mean_rating)                                                         AS mean_rating_max
FROM sweep_experiment_metrics
GROUP BY sweep_id, sweep_cell, strategy, variant;
