"""Listing state in the warehouse (warehouse.listings) and the flow's store over it (flows.listings)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from adapters.base import ListingStore
from flows.listings import ReadListing, WarehouseListingStore, hand_over, take_handed_over
from schemas import RawDocument
from warehouse import open_warehouse, run_checks
from warehouse.listings import save_listing, stored_listing

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
FEED_URL = "https://news.example.com/feed.xml"


def feed_raw(body: bytes, *, etag: str | None = '"v1"', read_at: datetime = T0, source: str = "lccr") -> RawDocument:
    return RawDocument(
        source_name=source,
        uri=FEED_URL,
        key=FEED_URL,
        content=body,
        media_type="application/rss+xml",
        declared_encoding="utf-8",
        final_url="https://news.example.com/rss/feed.xml",
        http_status=200,
        headers={"ETag": etag or "", "Content-Type": "application/rss+xml; charset=utf-8"},
        etag=etag,
        last_modified="Sat, 01 Mar 2025 08:00:00 GMT",
        read_at=read_at,
    )


@pytest.fixture
def con(tmp_path: Path):
    with open_warehouse(tmp_path / "w.duckdb") as connection:
        yield connection


def count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def test_a_saved_listing_comes_back_with_its_bytes_and_validators(con: duckdb.DuckDBPyConnection) -> None:
    body = b"<rss><channel><item><link>/a</link></item></channel></rss>" * 50
    save_listing(con, run_id="r1", source_name="lccr", url=FEED_URL, kind="rss", raw=feed_raw(body))
    # Looked up by canonical URL: tracking parameters and host case do not matter.
    stored = stored_listing(con, "lccr", "https://NEWS.example.com/feed.xml?utm_source=x")
    assert stored is not None
    assert (stored.kind, stored.etag, stored.last_modified, stored.content) == (
        "rss",
        '"v1"',
        "Sat, 01 Mar 2025 08:00:00 GMT",
        body,
    )
    assert (stored.final_url, stored.media_type, stored.last_run_id) == (
        "https://news.example.com/rss/feed.xml",
        "application/rss+xml",
        "r1",
    )
    assert stored.headers["Content-Type"].startswith("application/rss+xml")
    assert stored.fetched_at == T0
    assert stored_listing(con, "other-source", FEED_URL) is None
    assert stored_listing(con, "lccr", "https://news.example.com/other.xml") is None


def test_saving_again_replaces_the_row_and_archives_each_body_once(con: duckdb.DuckDBPyConnection) -> None:
    save_listing(con, run_id="r1", source_name="lccr", url=FEED_URL, kind="rss", raw=feed_raw(b"one"))
    save_listing(con, run_id="r2", source_name="lccr", url=FEED_URL, kind="rss", raw=feed_raw(b"one"))
    assert count(con, "SELECT count(*) FROM listings") == 1
    assert count(con, "SELECT count(*) FROM raw_documents") == 1

    later = T0 + timedelta(hours=1)
    save_listing(
        con, run_id="r3", source_name="lccr", url=FEED_URL, kind="rss", raw=feed_raw(b"two", etag='"v2"', read_at=later)
    )
    stored = stored_listing(con, "lccr", FEED_URL)
    assert stored is not None
    assert (stored.content, stored.etag, stored.last_run_id, stored.fetched_at) == (b"two", '"v2"', "r3", later)
    assert count(con, "SELECT count(*) FROM listings") == 1
    assert count(con, "SELECT count(*) FROM raw_documents") == 2  # content-addressed: the old bytes stay
    assert all(f.ok for f in run_checks(con))


def test_doctor_flags_listings_whose_bytes_are_missing_or_duplicated(con: duckdb.DuckDBPyConnection) -> None:
    save_listing(con, run_id="r1", source_name="lccr", url=FEED_URL, kind="rss", raw=feed_raw(b"one"))
    con.execute("DELETE FROM raw_documents")
    con.execute("INSERT INTO listings SELECT * FROM listings")
    failed = {f.check for f in run_checks(con) if not f.ok}
    assert failed == {"raw_documents.listings", "duplicates.listings"}
    assert stored_listing(con, "lccr", FEED_URL) is None  # no bytes: as good as never read


def test_the_flow_store_saves_puts_and_reads_them_back(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    store = WarehouseListingStore(db, lock_timeout=5, run_id="r1")
    assert isinstance(store, ListingStore)
    assert store.get("lccr", FEED_URL) is None
    store.put("lccr", FEED_URL, "rss", feed_raw(b"feed bytes"))

    # Another run, another store: the listing comes from the warehouse, not from memory.
    known = WarehouseListingStore(db, lock_timeout=5, run_id="r2").get("lccr", FEED_URL)
    assert known is not None
    assert (known.kind, known.content, known.etag, known.read_this_run) == ("rss", b"feed bytes", '"v1"', False)
    assert known.final_url == "https://news.example.com/rss/feed.xml"
    # In the run that read it, it is a copy of this run.
    fresh = store.get("lccr", FEED_URL + "?utm_medium=rss")
    assert fresh is not None and fresh.read_this_run


def test_the_command_line_store_reads_best_effort_and_keeps_puts_in_memory(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    detecting = WarehouseListingStore(db, lock_timeout=1)
    assert detecting.get("lccr", FEED_URL) is None  # no warehouse yet: nothing known, no file created
    assert not db.exists()
    detecting.put("lccr", FEED_URL, "rss", feed_raw(b"sniffed"))
    assert not db.exists()
    [handed] = detecting.read_this_run()
    assert (handed.source_name, handed.kind, handed.raw.content) == ("lccr", "rss", b"sniffed")

    # The run adopts what detection read and saves it; the next detection finds it read-only.
    WarehouseListingStore(db, lock_timeout=5, run_id="r1").adopt([handed])
    known = WarehouseListingStore(db, lock_timeout=1).get("lccr", FEED_URL)
    assert known is not None and (known.kind, known.content, known.read_this_run) == ("rss", b"sniffed", False)


def test_an_older_warehouse_without_the_table_counts_as_nothing_known(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE unrelated (x INTEGER)")
    assert WarehouseListingStore(db, lock_timeout=1).get("lccr", FEED_URL) is None


def test_hand_over_is_taken_once() -> None:
    listing = ReadListing("lccr", FEED_URL, "rss", feed_raw(b"x"))
    hand_over([listing])
    assert take_handed_over() == [listing]
    assert take_handed_over() == []
