-- 004: no primary-key indexes on the tables that grow with every article.

-- DuckDB keeps a PRIMARY KEY as an ART index and rewrites it at every checkpoint: with a
-- checkpoint per batch, the cost of a load grew with the size of the warehouse (quadratic over
-- a large ingest). Uniqueness is kept by the single writer's loader instead (anti-joins, and
-- delete-then-insert for upserts), and `greenwire doctor` checks it. Views bind by name, so they
-- follow the rebuilt tables.

CREATE TABLE raw_documents__v4 (
    sha256             VARCHAR NOT NULL,
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
INSERT INTO raw_documents__v4 SELECT * FROM raw_documents;
DROP TABLE raw_documents;
ALTER TABLE raw_documents__v4 RENAME TO raw_documents;

CREATE TABLE inputs__v4 (
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
    updated_at         TIMESTAMPTZ NOT NULL
);
INSERT INTO inputs__v4 SELECT * FROM inputs;
DROP TABLE inputs;
ALTER TABLE inputs__v4 RENAME TO inputs;

CREATE TABLE articles__v4 (
    article_id         VARCHAR NOT NULL,  -- UUIDv5 of (source_name, canonical_key)
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
INSERT INTO articles__v4 SELECT * FROM articles;
DROP TABLE articles;
ALTER TABLE articles__v4 RENAME TO articles;

CREATE TABLE article_aliases__v4 (
    article_id         VARCHAR NOT NULL,
    url_or_key         VARCHAR NOT NULL,
    source_uri         VARCHAR NOT NULL,
    first_seen_run_id  VARCHAR NOT NULL
);
INSERT INTO article_aliases__v4 SELECT * FROM article_aliases;
DROP TABLE article_aliases;
ALTER TABLE article_aliases__v4 RENAME TO article_aliases;

CREATE TABLE rejects__v4 (
    reject_id    BIGINT DEFAULT nextval('rejects_id_seq'),
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
INSERT INTO rejects__v4 SELECT * FROM rejects;
DROP TABLE rejects;
ALTER TABLE rejects__v4 RENAME TO rejects;
