-- 005: what discovery last read of each listing (feed, sitemap, listing page), so the next run
-- asks for it conditionally (If-None-Match / If-Modified-Since) and, on a 304, reads the bytes
-- kept here. One row per (source_name, url); no primary key (see migration 004): the loader
-- keeps it unique with delete-then-insert, and `greenwire doctor` checks it.

CREATE TABLE listings (
    source_name    VARCHAR NOT NULL,
    url            VARCHAR NOT NULL,      -- canonical form (schemas.canonical_url)
    kind           VARCHAR NOT NULL,      -- 'rss', 'sitemap', 'listing', or 'page' (a URL target that was a page)
    etag           VARCHAR,               -- validators of the response the bytes came from
    last_modified  VARCHAR,
    raw_sha256     VARCHAR NOT NULL,      -- the bytes, in raw_documents
    fetched_at     TIMESTAMPTZ NOT NULL,  -- when those bytes were read
    last_run_id    VARCHAR NOT NULL       -- run that read them
);
