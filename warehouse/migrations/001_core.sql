-- 001: the core tables. Timestamps are TIMESTAMPTZ (stored as UTC instants).
-- No foreign keys: DuckDB enforces them too eagerly for in-place updates; `greenwire doctor`
-- checks the relations between tables instead.

CREATE SEQUENCE sources_id_seq START 1;

CREATE TABLE sources (
    source_id   INTEGER PRIMARY KEY DEFAULT nextval('sources_id_seq'),
    name        VARCHAR NOT NULL UNIQUE,
    adapter     VARCHAR NOT NULL,
    config      JSON NOT NULL,          -- the SourceConfig as declared in sources.toml
    schedule    VARCHAR,                -- cron expression
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE ingest_runs (
    run_id             VARCHAR PRIMARY KEY,
    flow_run_id        VARCHAR,
    sources            VARCHAR[] NOT NULL,
    status             VARCHAR NOT NULL,   -- running, completed, failed, interrupted
    started_at         TIMESTAMPTZ NOT NULL,
    finished_at        TIMESTAMPTZ,
    duration_s         DOUBLE,
    discovered         INTEGER NOT NULL DEFAULT 0,
    new                INTEGER NOT NULL DEFAULT 0,
    updated            INTEGER NOT NULL DEFAULT 0,
    unchanged          INTEGER NOT NULL DEFAULT 0,
    rejected           INTEGER NOT NULL DEFAULT 0,
    deferred           INTEGER NOT NULL DEFAULT 0,
    extractor_version  VARCHAR NOT NULL,
    rejects_by_reason  JSON,
    message            VARCHAR
);

-- Content-addressed archive of the bytes as read: one row per sha256, never rewritten.
CREATE TABLE raw_documents (
    sha256             VARCHAR PRIMARY KEY,
    content            BLOB NOT NULL,       -- compressed with `compression`
    compression        VARCHAR NOT NULL,    -- 'zlib' or 'none'
    size_bytes         BIGINT NOT NULL,     -- length of the bytes as read
    stored_bytes       BIGINT NOT NULL,     -- length of `content`
    media_type         VARCHAR NOT NULL,
    declared_encoding  VARCHAR,
    source_name        VARCHAR NOT NULL,    -- everything below: how the bytes were FIRST read
    uri                VARCHAR NOT NULL,
    input_key          VARCHAR NOT NULL,
    final_url          VARCHAR,
    http_status        INTEGER,
    headers            JSON,
    etag               VARCHAR,
    last_modified      VARCHAR,
    read_at            TIMESTAMPTZ NOT NULL,
    timezone           VARCHAR NOT NULL,
    language_hint      VARCHAR,
    hint_title         VARCHAR,
    hint_published     VARCHAR,
    first_run_id       VARCHAR NOT NULL
);

-- What the warehouse LOADED for each input (source + input key). Written in the same
-- transaction as the article, so incremental skips follow loads, not fetches.
CREATE TABLE inputs (
    source_name        VARCHAR NOT NULL,
    input_key          VARCHAR NOT NULL,
    source_uri         VARCHAR NOT NULL,
    final_url          VARCHAR,
    article_id         VARCHAR,             -- NULL when the input was rejected
    raw_sha256         VARCHAR,             -- NULL when no bytes were read
    etag               VARCHAR,
    last_modified      VARCHAR,
    read_at            TIMESTAMPTZ,
    extractor_version  VARCHAR,
    last_outcome       VARCHAR NOT NULL,    -- new, updated, unchanged, rejected
    last_run_id        VARCHAR NOT NULL,
    first_seen_at      TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source_name, input_key)
);

CREATE TABLE articles (
    article_id         VARCHAR PRIMARY KEY,  -- UUIDv5 of (source_name, canonical_key)
    source_id          INTEGER,
    source_name        VARCHAR NOT NULL,
    source_uri         VARCHAR NOT NULL,
    canonical_key      VARCHAR NOT NULL,
    canonical_url      VARCHAR,
    final_url          VARCHAR,
    title              VARCHAR NOT NULL,
    title_source       VARCHAR NOT NULL,
    published_at       TIMESTAMPTZ,
    date_precision     VARCHAR,
    date_text          VARCHAR,
    date_source        VARCHAR,
    language           VARCHAR NOT NULL,
    author             VARCHAR,
    editors            VARCHAR[] NOT NULL,
    publisher          VARCHAR,
    site_name          VARCHAR,
    section            VARCHAR,
    view_count         BIGINT,
    body_text          VARCHAR NOT NULL,
    content_hash       VARCHAR NOT NULL,
    raw_sha256         VARCHAR NOT NULL,
    extractor          VARCHAR NOT NULL,
    extractor_version  VARCHAR NOT NULL,
    read_at            TIMESTAMPTZ NOT NULL,
    first_run_id       VARCHAR NOT NULL,
    last_run_id        VARCHAR NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);

CREATE TABLE article_paragraphs (
    article_id  VARCHAR NOT NULL,
    position    INTEGER NOT NULL,
    kind        VARCHAR NOT NULL,
    level       TINYINT,
    text        VARCHAR NOT NULL
);

CREATE TABLE article_images (
    article_id  VARCHAR NOT NULL,
    position    INTEGER NOT NULL,
    src         VARCHAR NOT NULL,
    alt         VARCHAR,
    caption     VARCHAR
);

CREATE TABLE article_links (
    article_id  VARCHAR NOT NULL,
    position    INTEGER NOT NULL,
    href        VARCHAR NOT NULL,
    text        VARCHAR
);

CREATE TABLE boilerplate_removed (
    article_id  VARCHAR NOT NULL,
    position    INTEGER NOT NULL,
    rule        VARCHAR NOT NULL,
    text        VARCHAR NOT NULL
);

CREATE SEQUENCE rejects_id_seq START 1;

CREATE TABLE rejects (
    reject_id    BIGINT PRIMARY KEY DEFAULT nextval('rejects_id_seq'),
    run_id       VARCHAR NOT NULL,
    source_name  VARCHAR NOT NULL,
    source_uri   VARCHAR NOT NULL,
    input_key    VARCHAR,
    stage        VARCHAR NOT NULL,
    reason       VARCHAR NOT NULL,
    field        VARCHAR,
    detail       VARCHAR NOT NULL,
    raw_sha256   VARCHAR,
    occurred_at  TIMESTAMPTZ NOT NULL
);
