-- How long each experiment of a sweep kept choosing one provider from a request on (after that provider's link
-- degraded, say). Requests are numbered from 1 here, as a world's at_request steps are; request n is stored with
-- sequence n - 1. Per completed sweep experiment and strategy/variant, over its requests from from_request on:
--   requests                  how many there were (failed ones included)
--   wins                      how many of them the provider won
--   last_win                  the number of the last of them it won; NULL when it won none
--   requests_until_abandoned  last_win - from_request + 1, 0 when it won none: the requests from from_request up
--                             to the one after which the consumer never chose it again. It equals `requests` when
--                             the provider won the last request: not abandoned within the experiment.
-- A plain, STABLE SQL function like sweep_window_metrics (012), so a caller's WHERE sweep_id = … narrows the scan.
-- Idempotent (safe to run again).
CREATE OR REPLACE FUNCTION sweep_abandonment(provider text, from_request integer)
    RETURNS TABLE
            (
                sweep_id                 uuid,
                sweep_cell               jsonb,
                seed                     bigint,
                experiment_id            uuid,
                strategy                 text,
                variant                  text,
                requests                 integer,
                wins                     integer,
                last_win                 integer,
                requests_until_abandoned integer
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
    count(*)::integer,
    (count(*) FILTER (WHERE t.winner = provider))::integer,
    max(t.sequence + 1) FILTER (WHERE t.winner = provider),
    coalesce(max(t.sequence + 1) FILTER (WHERE t.winner = provider) - from_request + 1, 0)
FROM experiments e
JOIN transactions t ON t.experiment_id = e.id
WHERE e.sweep_id IS NOT NULL AND e.status = 'completed' AND t.sequence >= from_request - 1
GROUP BY e.sweep_id, e.sweep_cell, e.seed, e.id, t.strategy, t.variant
$$;
