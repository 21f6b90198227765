"""Full-text search over articles with DuckDB's fts extension (BM25), Chinese and English.

The fts tokeniser only splits on separators, which leaves a Chinese sentence as one token. We
therefore store a pre-split token text per article: Han runs become overlapping character
bigrams (the usual approach for Chinese without a dictionary), Latin words and numbers stay
whole. Queries are split the same way. The index is a snapshot: rebuild it after loading.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import duckdb_extension_fts
import pyarrow as pa

from warehouse.store import transaction

SEARCH_TABLE = "article_search_text"
INDEX_SCHEMA = f"fts_main_{SEARCH_TABLE}"
# CJK unified ideographs (basic, extension A, compatibility) form "Han" runs.
HAN_RUN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"
TOKEN = re.compile(rf"(?P<han>{HAN_RUN})|(?P<word>[0-9a-z]+)")


def search_tokens(text: str) -> list[str]:
    """Han runs as overlapping bigrams (a lone character stays itself); Latin words and numbers whole."""
    tokens: list[str] = []
    for match in TOKEN.finditer(text.lower()):
        run = match.group()
        if match.lastgroup == "han" and len(run) > 1:
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            tokens.append(run)
    return tokens


def load_fts(con: duckdb.DuckDBPyConnection) -> None:
    """Load the fts extension from the duckdb-extension-fts wheel (no download at run time)."""
    extension_dir = Path(duckdb_extension_fts.__file__).parent / "extensions"
    found = sorted(extension_dir.glob(f"v{duckdb.__version__}/fts.duckdb_extension")) or sorted(
        extension_dir.glob("*/fts.duckdb_extension")
    )
    if not found:
        raise RuntimeError(f"the fts extension is missing from {extension_dir}")
    quoted = str(found[0]).replace("'", "''")
    con.execute(f"LOAD '{quoted}'")


def build_search_index(con: duckdb.DuckDBPyConnection, *, now: datetime | None = None) -> int:
    """(Re)build the search index over every article's title and body; returns the articles indexed."""
    load_fts(con)
    indexed_at = (now or datetime.now(UTC)).astimezone(UTC)
    ids: list[str] = []
    texts: list[str] = []
    for article_id, title, body in con.execute("SELECT article_id, title, body_text FROM articles").fetchall():
        ids.append(article_id)
        texts.append(" ".join(search_tokens(f"{title}\n{body}")))
    con.register("stage_search", pa.table({"article_id": ids, "tokens": texts}))
    try:
        with transaction(con):
            con.execute(f"DELETE FROM {SEARCH_TABLE}")
            con.execute(f"INSERT INTO {SEARCH_TABLE} SELECT article_id, tokens, ? FROM stage_search", [indexed_at])
    finally:
        con.unregister("stage_search")
    # Tokens are already split and lower-cased: separators are spaces, no stemming or stop words.
    con.execute(
        f"PRAGMA create_fts_index('{SEARCH_TABLE}', 'article_id', 'tokens', stemmer = 'none',"
        " stopwords = 'none', ignore = '\\s+', strip_accents = 0, lower = 0, overwrite = 1)"
    )
    return len(ids)


def search(con: duckdb.DuckDBPyConnection, query: str, *, limit: int = 20) -> list[tuple[str, str, float]]:
    """Articles matching the query, best first, as (article_id, title, BM25 score)."""
    tokens = search_tokens(query)
    if not tokens:
        return []
    exists = con.execute(
        "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = ?",
        [INDEX_SCHEMA],
    ).fetchone()
    if not exists or not exists[0]:
        raise RuntimeError("no search index yet: run warehouse.search.build_search_index first")
    load_fts(con)
    return [
        (article_id, title, float(score))
        for article_id, title, score in con.execute(
            f"SELECT s.article_id, a.title, {INDEX_SCHEMA}.match_bm25(s.article_id, ?) AS score"
            f" FROM {SEARCH_TABLE} s JOIN articles a USING (article_id)"
            " WHERE score IS NOT NULL ORDER BY score DESC, s.article_id LIMIT ?",
            [" ".join(tokens), limit],
        ).fetchall()
    ]


def index_is_stale(con: duckdb.DuckDBPyConnection) -> bool:
    """True when there is no index, or articles were loaded or changed since it was built."""
    exists = con.execute("SELECT count(*) FROM duckdb_schemas() WHERE schema_name = ?", [INDEX_SCHEMA]).fetchone()
    if not exists or not exists[0]:
        return True
    row = con.execute(
        f"SELECT (SELECT count(*) FROM articles) <> (SELECT count(*) FROM {SEARCH_TABLE})"
        f" OR coalesce((SELECT max(updated_at) FROM articles) > (SELECT max(indexed_at) FROM {SEARCH_TABLE}), false)"
    ).fetchone()
    return bool(row and row[0])
