-- 006: every input a run deferred (a transient failure: connection error, timeout, 5xx or 429
-- after the retries), written with the batch that met it, in the same transaction. Until now a
-- run kept only its first 20 in ingest_runs.message; the rest were only in the flow run's log.
-- Append-only, one row per (run, input): no primary key (see migration 004).

CREATE TABLE deferrals (
    run_id       VARCHAR NOT NULL,
    source_name  VARCHAR NOT NULL,
    source_uri   VARCHAR NOT NULL,      -- the URL or path that could not be read
    input_key    VARCHAR,               -- the input's key; NULL for a listing (feed, sitemap, listing page)
    stage        VARCHAR NOT NULL,      -- 'fetch' (an input) or 'discover' (a listing)
    reason       VARCHAR NOT NULL,      -- 'connection', 'timeout', 'http_503', 'http_429', ...
    detail       VARCHAR,
    occurred_at  TIMESTAMPTZ NOT NULL
);

-- One row per input or listing ever deferred: how often, since when, the last reason, and what
-- the warehouse holds for it since (an input loaded, rejected or found unchanged after its last
-- deferral). One deferred run after run with nothing since is broken rather than unlucky.
CREATE VIEW v_deferred_inputs AS
WITH per_input AS (
    SELECT
        source_name,
        source_uri,
        any_value(input_key) AS input_key,
        arg_max(stage, occurred_at) AS stage,
        count(*) AS times_deferred,
        min(occurred_at) AS first_deferred_at,
        max(occurred_at) AS last_deferred_at,
        arg_max(run_id, occurred_at) AS last_run_id,
        arg_max(reason, occurred_at) AS last_reason,
        arg_max(detail, occurred_at) AS last_detail
    FROM deferrals
    GROUP BY source_name, source_uri
)
SELECT
    p.*,
    i.last_outcome AS outcome_since,
    i.updated_at AS settled_at
FROM per_input p
LEFT JOIN inputs i
    ON i.source_name = p.source_name AND i.input_key = p.input_key AND i.updated_at > p.last_deferred_at;
