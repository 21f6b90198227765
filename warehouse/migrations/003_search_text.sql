-- 003: the text full-text search indexes (filled by warehouse.search.build_search_index).
-- DuckDB's fts tokeniser splits on separators only, so Chinese runs are stored pre-split into
-- overlapping character bigrams ("绿色建筑" -> "绿色 色建 建筑"), Latin words as they are.

CREATE TABLE article_search_text (
    article_id   VARCHAR PRIMARY KEY,
    tokens       VARCHAR NOT NULL,      -- space-separated search tokens of title + body
    indexed_at   TIMESTAMPTZ NOT NULL
);
