-- The W3C trace id (32 hex digits) of the trace each request made, when the consumer's silo traced it: the key to
-- look the request up in any OTLP trace viewer (docs/observability.md). NULL when tracing was off and on rows
-- written before this column. Idempotent (safe to run again).

ALTER TABLE transactions ADD COLUMN IF NOT EXISTS trace_id text;
