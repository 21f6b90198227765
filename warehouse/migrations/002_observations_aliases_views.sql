-- 002: volatile figures as timestamped observations, article aliases, and the analyst views.

CREATE TABLE article_observations (
    article_id   VARCHAR NOT NULL,
    run_id       VARCHAR NOT NULL,
    observed_at  TIMESTAMPTZ NOT NULL,
    metric       VARCHAR NOT NULL,      -- 'view_count', ...
    value        DOUBLE NOT NULL
);

-- Backfill: the view counts a version-1 warehouse kept on the article row become observations.
INSERT INTO article_observations (article_id, run_id, observed_at, metric, value)
SELECT article_id, last_run_id, updated_at, 'view_count', view_count
FROM articles WHERE view_count IS NOT NULL;

-- Other input keys / URLs that resolved to the same article.
CREATE TABLE article_aliases (
    article_id         VARCHAR NOT NULL,
    url_or_key         VARCHAR NOT NULL,
    source_uri         VARCHAR NOT NULL,
    first_seen_run_id  VARCHAR NOT NULL,
    PRIMARY KEY (article_id, url_or_key)
);

-- Backfill: inputs whose key differs from the article's canonical key.
INSERT INTO article_aliases (article_id, url_or_key, source_uri, first_seen_run_id)
SELECT i.article_id, i.input_key, arg_min(i.source_uri, i.first_seen_at), arg_min(i.last_run_id, i.first_seen_at)
FROM inputs i JOIN articles a USING (article_id)
WHERE i.input_key <> a.canonical_key
GROUP BY i.article_id, i.input_key;

CREATE OR REPLACE VIEW v_articles AS
SELECT
    a.article_id,
    a.source_id,
    a.source_name,
    a.title,
    a.published_at,
    timezone(coalesce(json_extract_string(s.config, '$.timezone'), 'Asia/Shanghai'), a.published_at)
        AS published_local,
    a.date_precision,
    a.date_source,
    a.date_text,
    a.language,
    a.author,
    a.publisher,
    a.section,
    a.view_count,
    length(a.body_text) AS body_chars,
    coalesce(p.paragraphs, 0) AS paragraphs,
    coalesce(i.images, 0) AS images,
    a.canonical_url,
    a.source_uri,
    a.extractor_version,
    a.first_run_id,
    a.last_run_id,
    a.created_at,
    a.updated_at
FROM articles a
LEFT JOIN sources s ON s.name = a.source_name
LEFT JOIN (SELECT article_id, count(*) AS paragraphs FROM article_paragraphs GROUP BY article_id) p
    ON p.article_id = a.article_id
LEFT JOIN (SELECT article_id, count(*) AS images FROM article_images GROUP BY article_id) i
    ON i.article_id = a.article_id;

CREATE OR REPLACE VIEW v_source_stats AS
WITH names AS (
    SELECT name AS source_name FROM sources
    UNION SELECT source_name FROM articles
    UNION SELECT source_name FROM rejects
),
art AS (
    SELECT source_name, count(*) AS articles, max(published_at) AS latest_published_at,
           max(updated_at) AS last_article_change_at
    FROM articles GROUP BY source_name
),
rej AS (
    SELECT source_name, count(*) AS rejects FROM rejects GROUP BY source_name
),
run_sources AS (
    SELECT unnest(sources) AS source_name, run_id, started_at, status FROM ingest_runs
),
last_run AS (
    SELECT source_name, arg_max(run_id, started_at) AS last_run_id, max(started_at) AS last_run_started_at,
           arg_max(status, started_at) AS last_run_status
    FROM run_sources GROUP BY source_name
)
SELECT
    n.source_name,
    s.source_id,
    s.adapter,
    coalesce(art.articles, 0) AS articles,
    art.latest_published_at,
    art.last_article_change_at,
    coalesce(rej.rejects, 0) AS rejects,
    last_run.last_run_id,
    last_run.last_run_started_at,
    last_run.last_run_status
FROM names n
LEFT JOIN sources s ON s.name = n.source_name
LEFT JOIN art ON art.source_name = n.source_name
LEFT JOIN rej ON rej.source_name = n.source_name
LEFT JOIN last_run ON last_run.source_name = n.source_name;

CREATE OR REPLACE VIEW v_runs AS
SELECT
    run_id,
    flow_run_id,
    sources,
    status,
    started_at,
    finished_at,
    duration_s,
    discovered,
    new,
    updated,
    unchanged,
    rejected,
    deferred,
    (new + updated + unchanged + rejected + deferred) = discovered AS counts_add_up,
    extractor_version,
    rejects_by_reason,
    message
FROM ingest_runs;

CREATE OR REPLACE VIEW v_rejects_by_reason AS
SELECT
    source_name,
    stage,
    reason,
    count(*) AS rejects,
    count(DISTINCT source_uri) AS inputs,
    min(occurred_at) AS first_at,
    max(occurred_at) AS last_at
FROM rejects
GROUP BY source_name, stage, reason;

CREATE OR REPLACE VIEW v_boilerplate_rules AS
SELECT
    b.rule,
    count(*) AS removals,
    count(DISTINCT b.article_id) AS articles,
    count(DISTINCT a.source_name) AS sources,
    min(b.text) AS example_text
FROM boilerplate_removed b
LEFT JOIN articles a ON a.article_id = b.article_id
GROUP BY b.rule;
