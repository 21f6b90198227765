"""QA pass 4, findings 8, 9 and 11, end to end: a rejected input stays rejected across runs,
deferred fetches are findable (printed and kept in the run's row, never as rejects), and a run
killed with SIGKILL is counted from what it loaded."""

from __future__ import annotations

import io
import re
import shutil
import socket
from pathlib import Path

import duckdb
import pytest
from builders import article_page
from pytest_httpserver import HTTPServer
from rich.console import Console

from flows.report import print_summary
from flows.runner import run_ingest
from schemas import SourceConfig

pytestmark = [pytest.mark.usefixtures("prefect_harness"), pytest.mark.slow]

NO_RETRY = {"read_timeout": 2.0, "connect_timeout": 1.0, "max_attempts": 1, "backoff_base": 0.0}


def _rows(db: Path, query: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(query, params or []).fetchall()


def _printed(summary, db: Path) -> str:
    out = io.StringIO()
    print_summary(summary, db, Console(file=out, width=300, highlight=False))
    return out.getvalue()


def _hinted_queries(printed: str) -> list[str]:
    return re.findall(r'greenwire sql "([^"]+)"', printed)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_rejected_input_unchanged_on_the_next_run_stays_rejected(tmp_path: Path, seeds_dir: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(next(iter(sorted(seeds_dir.glob("*.txt")))), corpus / "good.txt")
    (corpus / "blank.txt").write_text("\n\n", encoding="utf-8")
    source = SourceConfig(name="mixed", adapter="files", paths=(str(corpus),))
    db = tmp_path / "w.duckdb"

    first = run_ingest(sources=[source], db_path=str(db), workers=1)
    assert (first.counts.new, first.counts.rejected) == (1, 1)
    second = run_ingest(sources=[source], db_path=str(db), workers=1)
    # the second run skipped both before parsing: counted unchanged, no second reject row
    assert (second.counts.discovered, second.counts.unchanged, second.counts.rejected) == (2, 2, 0)
    assert _rows(db, "select input_key, last_outcome, last_run_id from inputs order by 1") == [
        ("blank.txt", "rejected", second.run_id),
        ("good.txt", "unchanged", second.run_id),
    ]
    assert _rows(db, "select input_key, run_id from rejects") == [("blank.txt", first.run_id)]


def test_deferred_fetches_are_printed_and_kept_in_the_run_row_not_as_rejects(tmp_path: Path) -> None:
    server = HTTPServer(threaded=True)
    server.start()
    try:
        server.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow:\n")
        server.expect_request("/ok").respond_with_data(article_page("Plain page"), content_type="text/html")
        server.expect_request("/down").respond_with_data("maintenance", status=503)
        server.expect_request("/gone").respond_with_data("not here", status=404)
        down, refused = server.url_for("/down"), f"http://127.0.0.1:{_closed_port()}/page"
        source = SourceConfig(
            name="loopback",
            adapter="pages",
            urls=(server.url_for("/ok"), down, refused, server.url_for("/gone")),
            rate_limit=100,
            allow_private_network=True,
        )
        db = tmp_path / "w.duckdb"
        summary = run_ingest(sources=[source], db_path=str(db), workers=1, http=NO_RETRY)
        c = summary.counts
        assert (c.discovered, c.new, c.rejected, c.deferred) == (4, 1, 1, 2)

        # the run's row names each deferred input and why
        message = _rows(db, "select message from ingest_runs where run_id = ?", [summary.run_id])[0][0]
        assert down in message and refused in message
        assert f"{down}  http_503: HTTP 503" in message
        assert f"{refused}  connection: " in message and "Connection refused" in message
        # deferrals are no rejects, and leave no input row: the next run fetches them again
        assert _rows(db, "select split_part(source_uri, '/', -1), reason from rejects") == [("gone", "http_404")]
        assert _rows(db, "select count(*) from inputs where source_uri in (?, ?)", [down, refused]) == [(0,)]

        printed = _printed(summary, db)
        assert down in printed and refused in printed
        queries = _hinted_queries(printed)
        assert len(queries) == 2  # one for the reject, one for the deferred inputs
        for query in queries:  # every hint leads to rows
            assert _rows(db, query), query

        server.clear()
        server.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow:\n")
        server.expect_request("/ok").respond_with_data(article_page("Plain page"), content_type="text/html")
        server.expect_request("/down").respond_with_data(article_page("Back up"), content_type="text/html")
        server.expect_request("/gone").respond_with_data("not here", status=404)
        again = run_ingest(sources=[source], db_path=str(db), workers=1, http=NO_RETRY)
        assert (again.counts.new, again.counts.deferred) == (1, 1)  # /down retried and loaded; the port still shut
        assert [req.path for req, _ in server.log].count("/down") == 1
    finally:
        server.clear()
        server.stop()


def test_a_run_where_nothing_could_be_fetched_hints_only_at_places_that_hold_rows(tmp_path: Path) -> None:
    refused = f"http://127.0.0.1:{_closed_port()}/page"
    source = SourceConfig(name="offline", adapter="pages", urls=(refused,), allow_private_network=True)
    db = tmp_path / "w.duckdb"
    summary = run_ingest(sources=[source], db_path=str(db), workers=1, http=NO_RETRY)
    assert (summary.status, summary.counts.deferred, summary.counts.rejected) == ("completed", 1, 0)
    printed = _printed(summary, db)
    assert refused in printed
    assert "from rejects" not in printed
    queries = _hinted_queries(printed)
    assert queries
    for query in queries:
        assert _rows(db, query), query


def test_a_run_killed_with_sigkill_is_counted_from_what_it_loaded(
    tmp_path: Path, seeds_dir: Path, cli_env: dict, run_cli
) -> None:
    corpus = tmp_path / "seeds"
    shutil.copytree(seeds_dir, corpus)
    db = tmp_path / "w.duckdb"
    args = ["ingest", str(corpus), "--db", str(db), "--batch-size", "2", "--workers", "1", "--no-progress"]
    killed = run_cli(args, env={**cli_env, "GREENWIRE_CRASH_AT": "after_load"})
    assert killed.returncode == -9, killed.stderr[-1500:]
    [(dead_run,)] = _rows(db, "select run_id from ingest_runs where status = 'running'")
    loaded = _rows(db, "select count(*) from articles where first_run_id = ?", [dead_run])[0][0]
    assert loaded == 2  # the first batch committed before the kill

    rerun = run_cli(args, env=cli_env)
    assert rerun.returncode == 0, rerun.stderr[-1500:]
    assert _rows(
        db,
        "select status, discovered, new, updated, unchanged, rejected, deferred from ingest_runs where run_id = ?",
        [dead_run],
    ) == [("interrupted", 2, 2, 0, 0, 0, 0)]
    doctor = run_cli(["doctor", "--db", str(db)], env=cli_env)
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
