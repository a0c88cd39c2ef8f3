-- The product's results: experiments and every transaction (docs/algorithm.md, "What a run records").
-- Idempotent (safe to run again). Bandwidths in MB/s, flow size in MB, prices per MB, times UTC.

CREATE TABLE IF NOT EXISTS experiments
(
    id          uuid        NOT NULL,
    name        text        NOT NULL,
    strategy    text        NOT NULL,
    seed        bigint      NULL,
    config      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz NULL,
    status      text        NOT NULL DEFAULT 'running',
    CONSTRAINT pk_experiments PRIMARY KEY (id),
    CONSTRAINT ck_experiments_status CHECK (status IN ('running', 'completed', 'interrupted', 'failed'))
);

CREATE INDEX IF NOT EXISTS ix_experiments_started_at ON experiments (started_at DESC);

CREATE TABLE IF NOT EXISTS transactions
(
    transaction_id    uuid             NOT NULL,
    experiment_id     uuid             NULL,
    sequence          integer          NULL,
    strategy          text             NOT NULL,
    consumer_id       text             NOT NULL,
    requested_at      timestamptz      NOT NULL,
    decided_at        timestamptz      NULL,
    flow_started_at   timestamptz      NULL,
    flow_ended_at     timestamptz      NULL,
    -- the QoS drawn for this request
    price             double precision NOT NULL,
    uplink            double precision NOT NULL,
    downlink          double precision NOT NULL,
    mu                double precision NOT NULL,
    delta             double precision NOT NULL,
    epsilon           double precision NOT NULL,
    flow_size_mb      double precision NOT NULL,
    participants      text[]           NOT NULL,
    missing           text[]           NOT NULL DEFAULT '{}',
    -- scorer -> target -> FF, provider -> target -> FFnew, target -> FFfinal
    score_vectors     jsonb            NOT NULL DEFAULT '{}'::jsonb,
    consensus_vectors jsonb            NOT NULL DEFAULT '{}'::jsonb,
    final_scores      jsonb            NOT NULL DEFAULT '{}'::jsonb,
    winner            text             NULL,
    winner_faulty     boolean          NULL,
    price_paid        double precision NULL,
    measured_uplink   double precision NULL,
    measured_downlink double precision NULL,
    rating            double precision NULL,
    outcome           text             NOT NULL,
    failure_reason    text             NULL,
    simulated         boolean          NOT NULL DEFAULT false,
    aggregator        text             NOT NULL,
    recorded_at       timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT pk_transactions PRIMARY KEY (transaction_id),
    CONSTRAINT fk_transactions_experiment FOREIGN KEY (experiment_id) REFERENCES experiments (id),
    CONSTRAINT ck_transactions_outcome CHECK (outcome IN ('completed', 'failed'))
);

CREATE INDEX IF NOT EXISTS ix_transactions_experiment_sequence
    ON transactions (experiment_id, strategy, sequence, requested_at);
CREATE INDEX IF NOT EXISTS ix_transactions_experiment_winner
    ON transactions (experiment_id, winner);
CREATE INDEX IF NOT EXISTS ix_transactions_requested_at
    ON transactions (requested_at);
