"""Every deferred input is a row of `deferrals` (migration 006), written with the batch that met
it; `v_deferred_inputs` says how often each was deferred and what the warehouse holds since.
Until now a run kept only its first 20 deferred inputs, in ingest_runs.message."""

from __future__ import annotations

import io
import re
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from builders import article_page
from pytest_httpserver import HTTPServer
from rich.console import Console

from flows.report import print_summary
from flows.runner import run_ingest
from schemas import Deferral, SourceConfig
from warehouse import begin_run, load_batch, mark_interrupted_runs, open_warehouse
from warehouse.loader import EXPORTED_RELATIONS, LoadBatch

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
NO_RETRY = {"read_timeout": 2.0, "connect_timeout": 1.0, "max_attempts": 1, "backoff_base": 0.0}
ROBOTS = "User-agent: *\nDisallow:\n"


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with open_warehouse(tmp_path / "w.duckdb") as connection:
        yield connection


def _deferral(uri: str, reason: str = "http_503", *, key: str | None = "k", at: datetime = T0) -> Deferral:
    return Deferral(
        source_name="site",
        source_uri=uri,
        input_key=key,
        stage="fetch" if key else "discover",
        reason=reason,
        detail="HTTP 503",
        occurred_at=at,
    )


def test_a_batch_writes_its_deferrals_and_no_input_or_reject_rows(con: duckdb.DuckDBPyConnection) -> None:
    batch = LoadBatch(
        run_id="r1",
        loaded_at=T0,
        deferred=[_deferral("https://a.example/1", key="a1"), _deferral("https://a.example/feed", key=None)],
    )
    load_batch(con, batch)
    assert con.execute(
        "SELECT run_id, source_uri, input_key, stage, reason, detail, occurred_at FROM deferrals ORDER BY source_uri"
    ).fetchall() == [
        ("r1", "https://a.example/1", "a1", "fetch", "http_503", "HTTP 503", T0),
        ("r1", "https://a.example/feed", None, "discover", "http_503", "HTTP 503", T0),
    ]
    assert con.execute("SELECT count(*) FROM inputs").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM rejects").fetchone() == (0,)


def test_the_view_counts_repeated_deferrals_and_keeps_the_last_reason(con: duckdb.DuckDBPyConnection) -> None:
    uri = "https://a.example/1"
    load_batch(con, LoadBatch(run_id="r1", loaded_at=T0, deferred=[_deferral(uri, "timeout", at=T0)]))
    later = T0 + timedelta(hours=1)
    load_batch(con, LoadBatch(run_id="r2", loaded_at=later, deferred=[_deferral(uri, "http_503", at=later)]))
    row = con.execute(
        "SELECT times_deferred, first_deferred_at, last_deferred_at, last_run_id, last_reason, outcome_since,"
        " settled_at FROM v_deferred_inputs"
    ).fetchall()
    assert row == [(2, T0, later, "r2", "http_503", None, None)]


def test_a_run_killed_after_committing_deferrals_counts_them(con: duckdb.DuckDBPyConnection) -> None:
    begin_run(con, run_id="r1", sources=["site"], started_at=T0, extractor_version="1.0.0", flow_run_id=None)
    deferred = [_deferral(f"https://a.example/{i}", key=f"k{i}") for i in range(3)]
    load_batch(con, LoadBatch(run_id="r1", loaded_at=T0, deferred=deferred))
    assert mark_interrupted_runs(con, now=T0 + timedelta(minutes=5)) == 1
    discovered, status, deferred_count, reasons = con.execute(
        "SELECT discovered, status, deferred, rejects_by_reason FROM ingest_runs WHERE run_id = 'r1'"
    ).fetchone()
    assert (discovered, status, deferred_count) == (3, "interrupted", 3)
    assert '"deferred:http_503": 3' in reasons


def test_deferrals_and_their_view_are_exported() -> None:
    assert {"deferrals", "v_deferred_inputs"} <= set(EXPORTED_RELATIONS)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _rows(db: Path, query: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.execute(query, params or []).fetchall()


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_harness")
def test_every_deferred_input_of_a_run_is_listed_and_settled_once_loaded(tmp_path: Path) -> None:
    server = HTTPServer(threaded=True)
    server.start()
    try:
        server.expect_request("/robots.txt").respond_with_data(ROBOTS)
        server.expect_request("/ok").respond_with_data(article_page("Plain page"), content_type="text/html")
        for i in range(25):  # more than the run's message keeps (20)
            server.expect_request(f"/down/{i}").respond_with_data("maintenance", status=503)
        urls = (server.url_for("/ok"), *(server.url_for(f"/down/{i}") for i in range(25)))
        source = SourceConfig(name="loopback", adapter="pages", urls=urls, rate_limit=1000, allow_private_network=True)
        db = tmp_path / "w.duckdb"

        first = run_ingest(sources=[source], db_path=str(db), workers=1, http=NO_RETRY)
        assert (first.counts.new, first.counts.deferred) == (1, 25)
        listed = _rows(
            db, "SELECT source_uri, input_key, stage, reason FROM deferrals WHERE run_id = ?", [first.run_id]
        )
        assert sorted(uri for uri, *_ in listed) == sorted(urls[1:])
        assert {(stage, reason) for _, _, stage, reason in listed} == {("fetch", "http_503")}
        assert all(key for _, key, _, _ in listed)
        message = _rows(db, "SELECT message FROM ingest_runs WHERE run_id = ?", [first.run_id])[0][0]
        assert message.endswith("… and 5 more (table deferrals lists every one)")

        out = io.StringIO()
        print_summary(first, db, Console(file=out, width=300, highlight=False))
        hinted = [q for q in re.findall(r'greenwire sql "([^"]+)"', out.getvalue()) if "deferrals" in q]
        assert len(hinted) == 1 and len(_rows(db, hinted[0])) == 25

        server.clear()
        server.expect_request("/robots.txt").respond_with_data(ROBOTS)
        server.expect_request("/ok").respond_with_data(article_page("Plain page"), content_type="text/html")
        for i in range(25):
            server.expect_request(f"/down/{i}").respond_with_data(article_page(f"Back {i}"), content_type="text/html")
        second = run_ingest(sources=[source], db_path=str(db), workers=1, http=NO_RETRY)
        assert (second.counts.new, second.counts.deferred) == (25, 0)
        assert _rows(db, "SELECT count(*) FROM deferrals WHERE run_id = ?", [second.run_id]) == [(0,)]
        settled = _rows(db, "SELECT times_deferred, outcome_since, settled_at IS NOT NULL FROM v_deferred_inputs")
        assert settled == [(1, "new", True)] * 25
    finally:
        server.clear()
        server.stop()


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_harness")
def test_a_feed_that_cannot_be_read_for_now_is_a_discover_deferral(tmp_path: Path) -> None:
    feed = f"http://127.0.0.1:{_closed_port()}/feed.xml"
    source = SourceConfig(name="news", adapter="rss", urls=(feed,), allow_private_network=True)
    db = tmp_path / "w.duckdb"
    summary = run_ingest(sources=[source], db_path=str(db), workers=1, http=NO_RETRY)
    assert summary.counts.deferred == 1
    assert _rows(db, "SELECT source_uri, input_key, stage, reason FROM deferrals") == [
        (feed, None, "discover", "connection")
    ]


def test_doctor_flags_a_run_with_more_deferral_rows_than_its_count(con: duckdb.DuckDBPyConnection) -> None:
    from warehouse import run_checks

    begin_run(con, run_id="r1", sources=["site"], started_at=T0, extractor_version="1.0.0", flow_run_id=None)
    load_batch(con, LoadBatch(run_id="r1", loaded_at=T0, deferred=[_deferral("https://a.example/1", key="k1")]))
    mark_interrupted_runs(con, now=T0 + timedelta(minutes=1))
    assert {f.check: f.ok for f in run_checks(con)}["runs.deferrals"]
    con.execute("UPDATE ingest_runs SET deferred = 0, discovered = 0 WHERE run_id = 'r1'")
    finding = {f.check: f for f in run_checks(con)}["runs.deferrals"]
    assert not finding.ok and "r1 (0 deferred, 1 rows)" in finding.detail
