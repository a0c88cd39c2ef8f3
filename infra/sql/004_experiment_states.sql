-- Results that survive faults: experiments whose client died read as 'abandoned', requests that never got an
-- answer leave a row written by the client, and a provider left out of an auction says why. Idempotent.

-- The client touches heartbeat_at every 10 s while it runs an experiment.
ALTER TABLE experiments ADD COLUMN IF NOT EXISTS heartbeat_at timestamptz NULL;

-- 'consumer': the consumer that ran the request wrote it. 'client': the client wrote a failed row because it never
-- got an answer; the consumer's own row, should it arrive later, replaces it.
ALTER TABLE transactions ADD COLUMN IF NOT EXISTS recorded_by text NOT NULL DEFAULT 'consumer';
-- provider -> why it is in `missing`: 'dead' (membership declared its silo dead, not asked), 'late' (no answer
-- within the phase deadline), 'refused' (the call failed).
ALTER TABLE transactions ADD COLUMN IF NOT EXISTS missing_reasons jsonb NOT NULL DEFAULT '{}'::jsonb;

-- One row per request of an experiment, whoever writes it.
CREATE UNIQUE INDEX IF NOT EXISTS ux_transactions_experiment_request
    ON transactions (experiment_id, strategy, sequence)
    WHERE experiment_id IS NOT NULL AND sequence IS NOT NULL;

-- The status a reader should see: a 'running' experiment whose client has not been heard from for 60 s (6 missed
-- heartbeats) was abandoned.
CREATE OR REPLACE FUNCTION experiment_state(status text, started_at timestamptz, heartbeat_at timestamptz)
    RETURNS text
    LANGUAGE sql
    STABLE
AS
$$
SELECT CASE
           WHEN status = 'running' AND coalesce(heartbeat_at, started_at) < now() - interval '60 seconds'
               THEN 'abandoned'
           ELSE status
           END
$$;

CREATE OR REPLACE VIEW experiment_states AS
SELECT
    e.id,
    e.name,
    e.strategy,
    experiment_state(e.status, e.started_at, e.heartbeat_at)                  AS status,
    e.started_at,
    e.finished_at,
    e.heartbeat_at,
    count(t.transaction_id)::integer                                          AS transactions,
    (count(*) FILTER (WHERE t.outcome = 'completed'))::integer                AS completed,
    (count(*) FILTER (WHERE t.outcome = 'failed'))::integer                   AS failed,
    (count(*) FILTER (WHERE t.recorded_by = 'client'))::integer               AS unanswered
FROM experiments e
LEFT JOIN transactions t ON t.experiment_id = e.id
GROUP BY e.id;
