"""QA pass 4, findings 8 and 11, at the warehouse level: a rejected input skipped unchanged stays
`rejected` in `inputs`, and a run found dead is counted from what its committed batches loaded."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from schemas import ExtractedArticle, Paragraph, RawDocument, Reject, to_article
from warehouse import begin_run, load_batch, mark_interrupted_runs, open_warehouse, run_checks
from warehouse.loader import LoadBatch, committed_outcomes

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
SRC = "mohurd"


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with open_warehouse(tmp_path / "w.duckdb") as connection:
        yield connection


def _raw(key: str, body: str) -> RawDocument:
    return RawDocument(
        source_name=SRC,
        uri=f"/corpus/{key}",
        key=key,
        content=body.encode("utf-8"),
        media_type="text/plain",
        etag=f"file:{len(body)}:1",
        read_at=T0,
    )


def _article_batch(run_id: str, keys: list[str]) -> LoadBatch:
    raws = [_raw(key, f"绿色建筑 {key} 的正文，说明低碳城市建设的新规定。") for key in keys]
    articles = []
    for raw in raws:
        extracted = ExtractedArticle(
            title=f"标题 {raw.key}",
            title_source="first_line",
            language="zh",
            paragraphs=(Paragraph(position=0, text=raw.content.decode()),),
            extractor="text",
            extractor_version="1.0.0",
        )
        articles.append((raw.key, to_article(raw, extracted, run_id=run_id, now=T0)))
    return LoadBatch(run_id=run_id, loaded_at=T0, raws=raws, articles=articles)


def _reject_batch(run_id: str, key: str) -> LoadBatch:
    raw = _raw(key, "x")
    reject = Reject(
        run_id=run_id,
        source_name=SRC,
        source_uri=raw.uri,
        stage="extract",
        reason="not_article",
        detail="too short",
        raw_sha256=raw.sha256,
        occurred_at=T0,
    )
    return LoadBatch(run_id=run_id, loaded_at=T0, raws=[raw], rejects=[(key, reject)])


def _begin(con: duckdb.DuckDBPyConnection, run_id: str, started: datetime) -> None:
    begin_run(con, run_id=run_id, sources=[SRC], started_at=started, extractor_version="1.0.0", flow_run_id=None)


def test_a_rejected_input_skipped_unchanged_stays_rejected_and_its_reject_row_is_kept(
    con: duckdb.DuckDBPyConnection,
) -> None:
    load_batch(con, _reject_batch("r1", "bad.html"))
    result = load_batch(con, LoadBatch(run_id="r2", loaded_at=T0 + timedelta(hours=1), unchanged=[(SRC, "bad.html")]))
    # The run skipped it before parsing: counted unchanged by the run ...
    assert (result.unchanged, result.rejected) == (1, 0)
    # ... while the input is still rejected now, and its one reject row (run r1) stays.
    assert con.execute("SELECT article_id, last_outcome, last_run_id FROM inputs").fetchall() == [
        (None, "rejected", "r2")
    ]
    assert con.execute("SELECT run_id, reason FROM rejects").fetchall() == [("r1", "not_article")]


def test_committed_outcomes_count_a_skipped_rejected_input_as_unchanged(con: duckdb.DuckDBPyConnection) -> None:
    load_batch(con, _reject_batch("r1", "bad.html"))
    load_batch(con, _article_batch("r1", ["a.txt"]))
    load_batch(con, LoadBatch(run_id="r2", loaded_at=T0, unchanged=[(SRC, "bad.html"), (SRC, "a.txt")]))
    assert committed_outcomes(con, "r1").rejected == 1  # its reject row still counts for the run that wrote it
    r2 = committed_outcomes(con, "r2")
    assert (r2.new, r2.unchanged, r2.rejected) == (0, 2, 0)


def test_a_run_found_dead_is_counted_from_its_committed_batches(con: duckdb.DuckDBPyConnection) -> None:
    _begin(con, "r1", T0)
    load_batch(con, _article_batch("r1", ["a.txt", "b.txt"]))
    load_batch(con, _reject_batch("r1", "bad.html"))
    # r1 is killed (kill -9) after two batches: nothing finishes its row; the next run's start marks it.
    assert mark_interrupted_runs(con, now=T0 + timedelta(minutes=2)) == 1
    _begin(con, "r2", T0 + timedelta(hours=1))
    load_batch(con, _article_batch("r2", ["c.txt", "d.txt", "e.txt"]))
    load_batch(con, _reject_batch("r2", "worse.html"))
    load_batch(con, LoadBatch(run_id="r2", loaded_at=T0, unchanged=[(SRC, "a.txt"), (SRC, "bad.html")]))
    # r2 is killed too, after three batches.
    assert mark_interrupted_runs(con, now=T0 + timedelta(hours=1, minutes=2)) == 1

    runs = con.execute(
        "SELECT run_id, status, discovered, new, updated, unchanged, rejected, deferred, counts_add_up,"
        " json_extract(rejects_by_reason, '$.not_article')::INTEGER, duration_s FROM v_runs ORDER BY run_id"
    ).fetchall()
    assert runs == [
        ("r1", "interrupted", 3, 2, 0, 0, 1, 0, True, 1, 120.0),
        ("r2", "interrupted", 6, 3, 0, 2, 1, 0, True, 1, 120.0),
    ]
    # what the row's `new` says
    assert con.execute("SELECT count(*) FROM articles WHERE first_run_id = 'r2'").fetchone() == (3,)
    message = con.execute("SELECT message FROM ingest_runs WHERE run_id = 'r2'").fetchone()[0]
    assert message.startswith("the process ended before the run finished")
    assert all(finding.ok for finding in run_checks(con)), [f for f in run_checks(con) if not f.ok]
    assert mark_interrupted_runs(con, now=T0 + timedelta(hours=2)) == 0  # finished rows are left alone
