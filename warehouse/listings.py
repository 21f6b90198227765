"""Listing state: what discovery last read of each feed, sitemap or listing page.

The bytes live in `raw_documents` (content-addressed, like pages); `listings` keeps one row per
(source, canonical URL) with the validators of the response they came from, so the next run
can ask conditionally and, on a 304, read the stored bytes instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

import duckdb

import schemas
from schemas.archive import archive_raw, decompress_raw
from warehouse.loader import RAW_SCHEMA, _raw_columns, _Staging, archive_staged_raws
from warehouse.rows import utc
from warehouse.store import transaction


@dataclass(frozen=True)
class StoredListing:
    """One listing as last read, with its bytes decompressed."""

    source_name: str
    url: str  # canonical form
    kind: str
    etag: str | None
    last_modified: str | None
    raw_sha256: str
    fetched_at: datetime
    last_run_id: str
    content: bytes = field(repr=False)
    media_type: str
    declared_encoding: str | None
    final_url: str | None
    headers: dict[str, str]


def stored_listing(con: duckdb.DuckDBPyConnection, source_name: str, url: str) -> StoredListing | None:
    """The listing last saved for (source, URL), or None (never saved, or its bytes are not archived)."""
    row = con.execute(
        "SELECT l.source_name, l.url, l.kind, l.etag, l.last_modified, l.raw_sha256, l.fetched_at, l.last_run_id,"
        " r.content, r.compression, r.media_type, r.declared_encoding, r.final_url, r.headers"
        " FROM listings l JOIN raw_documents r ON r.sha256 = l.raw_sha256"
        " WHERE l.source_name = ? AND l.url = ? ORDER BY l.fetched_at DESC LIMIT 1",
        [source_name, schemas.canonical_url(url)],
    ).fetchone()
    if row is None:
        return None
    name, key, kind, etag, modified, sha, fetched_at, run_id, content, compression, media, charset, final, headers = row
    data = decompress_raw(content, compression)
    if schemas.sha256_hex(data) != sha:
        raise ValueError(f"raw document {sha} is corrupt: its bytes hash to {schemas.sha256_hex(data)}")
    return StoredListing(
        source_name=name,
        url=key,
        kind=kind,
        etag=etag,
        last_modified=modified,
        raw_sha256=sha,
        fetched_at=fetched_at,
        last_run_id=run_id,
        content=data,
        media_type=media,
        declared_encoding=charset,
        final_url=final,
        headers=json.loads(headers) if headers else {},
    )


def save_listing(
    con: duckdb.DuckDBPyConnection, *, run_id: str, source_name: str, url: str, kind: str, raw: schemas.RawDocument
) -> None:
    """Archive a listing's bytes (unless already archived) and replace its row, in one transaction."""
    key = schemas.canonical_url(url)
    staging = _Staging(con)
    try:
        staging.add("stage_raws", _raw_columns([archive_raw(raw)]), RAW_SCHEMA)
        with transaction(con):
            archive_staged_raws(con, run_id)
            # Upsert without a primary-key index (see migration 004).
            con.execute("DELETE FROM listings WHERE source_name = ? AND url = ?", [source_name, key])
            con.execute(
                "INSERT INTO listings (source_name, url, kind, etag, last_modified, raw_sha256, fetched_at,"
                " last_run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [source_name, key, kind, raw.etag, raw.last_modified, raw.sha256, utc(raw.read_at), run_id],
            )
    finally:
        staging.close()
