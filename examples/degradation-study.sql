-- The degradation study of docs/results.md, from a sweep in world-degrading-best.json (by default
-- examples/sweep-degradation-study.json; another by name: psql -v sweep=NAME): per decision, over its seeds,
-- mean ± 95 % confidence half-width (Student's t with n − 1 degrees of freedom, as `report sweep`) of
--   until     requests from request 30 up to provider-4's last win (sweep_abandonment, 017_sweep_abandonment.sql)
--   wins      provider-4's wins among requests 30–60, degraded and in the undegraded twin (its step at request 61)
--   rating    the mean rating over requests 30–60 (sweep_window_metrics(29, 59)), degraded and undegraded, and the
--             rating lost: undegraded − degraded, per seed (the twin runs the same seed), then averaged.
-- Whether an experiment is degraded (30) or the undegraded twin (61) is provider-4's step in the world as the
-- experiment ran it (its stored config), whether a sweep axis set it or not. A sweep without undegraded
-- experiments (the lab cell and its simulated twin) leaves the undegraded columns and the rating lost empty.
-- With -v paired=NAME, another sweep of the same decisions and seeds (the lab cell's simulated twin), the *_diff
-- columns give until, wins and rating of the degraded runs as differences sweep − paired, per seed, then averaged.
-- Run: psql -h 127.0.0.1 -p 5432 -U auction -d auction [-v sweep=NAME [-v paired=NAME]] -f examples/degradation-study.sql
\if :{?sweep}
\else
\set sweep degradation-study
\endif
\if :{?paired}
\else
\set paired ''
\endif
WITH t(df, q) AS (
    -- Student's t quantile 0.975 for the degrees of freedom of a 5- and a 20-seed sweep (MathNet's
    -- StudentT.InvCDF); with another number of seeds, add its row here, or the query returns nothing.
    VALUES (4, 2.7764451051977934), (19, 2.0930240544083)
),
runs AS (
    SELECT
        s.name = :'sweep'                                                          AS own,
        a.sweep_cell ->> 'decision'                                                AS decision,
        a.seed,
        (e.config #>> '{world,providers,4,schedule,0,at_request}')::integer       AS at,
        a.requests_until_abandoned                                                 AS until,
        a.wins,
        m.mean_rating                                                              AS rating
    FROM sweep_abandonment('provider-4', 30) a
    JOIN sweeps s ON s.id = a.sweep_id AND s.name IN (:'sweep', :'paired')
    JOIN experiments e ON e.id = a.experiment_id
    JOIN sweep_window_metrics(29, 59) m ON m.experiment_id = a.experiment_id AND m.strategy = a.strategy
),
per_seed AS (
    SELECT
        decision,
        seed,
        max(until) FILTER (WHERE own AND at = 30)      AS until,
        max(wins) FILTER (WHERE own AND at = 30)       AS wins,
        max(wins) FILTER (WHERE own AND at = 61)       AS twin_wins,
        max(rating) FILTER (WHERE own AND at = 30)     AS rating,
        max(rating) FILTER (WHERE own AND at = 61)     AS twin_rating,
        max(until) FILTER (WHERE NOT own AND at = 30)  AS paired_until,
        max(wins) FILTER (WHERE NOT own AND at = 30)   AS paired_wins,
        max(rating) FILTER (WHERE NOT own AND at = 30) AS paired_rating
    FROM runs
    GROUP BY 1, 2
    HAVING bool_or(own)
)
SELECT
    decision,
    count(*) AS seeds,
    round(avg(until), 1) || ' ± ' || round((q * stddev_samp(until) / sqrt(count(*)))::numeric, 1) AS until,
    round(avg(wins), 1) || ' ± ' || round((q * stddev_samp(wins) / sqrt(count(*)))::numeric, 1) AS wins,
    round(avg(twin_wins), 1) || ' ± ' || round((q * stddev_samp(twin_wins) / sqrt(count(*)))::numeric, 1) AS twin_wins,
    round(avg(rating)::numeric, 3) || ' ± ' || round((q * stddev_samp(rating) / sqrt(count(*)))::numeric, 3) AS rating,
    round(avg(twin_rating)::numeric, 3) || ' ± '
        || round((q * stddev_samp(twin_rating) / sqrt(count(*)))::numeric, 3) AS twin_rating,
    round(avg(twin_rating - rating)::numeric, 3) || ' ± '
        || round((q * stddev_samp(twin_rating - rating) / sqrt(count(*)))::numeric, 3) AS rating_lost,
    round(avg(until - paired_until), 1) || ' ± '
        || round((q * stddev_samp(until - paired_until) / sqrt(count(*)))::numeric, 1) AS until_diff,
    round(avg(wins - paired_wins), 1) || ' ± '
        || round((q * stddev_samp(wins - paired_wins) / sqrt(count(*)))::numeric, 1) AS wins_diff,
    round(avg(rating - paired_rating)::numeric, 3) || ' ± '
        || round((q * stddev_samp(rating - paired_rating) / sqrt(count(*)))::numeric, 3) AS rating_diff
FROM per_seed
JOIN t ON t.df = (SELECT count(DISTINCT seed) - 1 FROM per_seed)
GROUP BY decision, q
ORDER BY decision;
