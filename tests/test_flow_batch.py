"""flows.batch without Prefect: a fetched batch is extracted, validated and archived where its bytes are."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from builders import html_raw

from flows.batch import prepare_many, process_pool, shutdown_pool, split_outcomes
from schemas import Article, Reject
from schemas.archive import ArchivedRaw, decompress_raw
from warehouse.loader import LoadBatch, begin_run, load_batch
from warehouse.store import open_warehouse

READ_AT = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
PAGE = (
    "<html><head><title>绿色建筑评价标准发布</title></head><body><article><h1>绿色建筑评价标准发布</h1>"
    "<p>住房和城乡建设部发布新版绿色建筑评价标准，进一步提高建筑节能和低碳发展要求，自明年起施行。</p>"
    "<p>新标准强调全生命周期碳排放核算，鼓励超低能耗建筑和可再生能源建筑应用。</p></article></body></html>"
)


@pytest.fixture(params=["in process", "process pool"])
def pool(request: pytest.FixtureRequest):
    if request.param == "in process":
        yield None
        return
    yield process_pool(2)
    shutdown_pool()


def test_prepared_inputs_are_extracted_and_archived_in_order(pool) -> None:
    raws = [html_raw(PAGE.replace("明年", f"{i} 年"), f"https://example.org/{i}", read_at=READ_AT) for i in range(40)]
    raws.append(html_raw("", "https://example.org/empty", read_at=READ_AT))
    prepared = prepare_many(raws, None, run_id="r", now=READ_AT, pool=pool, chunk_size=8)
    assert [archived.key for _, archived in prepared] == [raw.key for raw in raws]
    for raw, (_, archived) in zip(raws, prepared, strict=True):
        assert isinstance(archived, ArchivedRaw)
        assert archived.sha256 == raw.sha256 and archived.size_bytes == len(raw.content)
        assert decompress_raw(archived.content, archived.compression) == raw.content
    assert all(isinstance(outcome, Article) for outcome, _ in prepared[:-1])
    assert isinstance(prepared[-1][0], Reject)


def test_archived_raws_load_like_raw_documents(tmp_path: Path) -> None:
    raws = [html_raw(PAGE, f"https://example.org/{i}", read_at=READ_AT) for i in range(3)]
    prepared = prepare_many(raws, None, run_id="r", now=READ_AT)
    archived = [a for _, a in prepared]
    articles, no_rejects = split_outcomes(archived, [o for o, _ in prepared])
    with open_warehouse(tmp_path / "w.duckdb") as con:
        begin_run(con, run_id="r", sources=["test"], started_at=READ_AT, extractor_version="x", flow_run_id=None)
        result = load_batch(con, LoadBatch(run_id="r", loaded_at=READ_AT, raws=archived, articles=articles))
        assert (result.new, result.rejected, no_rejects) == (3, 0, [])
        stored = con.execute("SELECT sha256, content, compression, size_bytes FROM raw_documents").fetchall()
    assert len(stored) == 1  # the same bytes thrice: archived once
    sha, content, compression, size = stored[0]
    assert (sha, size) == (raws[0].sha256, len(raws[0].content))
    assert decompress_raw(content, compression) == raws[0].content


def test_batches_start_small_and_double_up_to_the_batch_size() -> None:
    from flows.batch import chunked

    assert [len(b) for b in chunked(iter(range(5000)), 1000, first=64)] == [
        64,
        128,
        256,
        512,
        1000,
        1000,
        1000,
        1000,
        40,
    ]
    assert [len(b) for b in chunked(iter(range(10)), 3)] == [3, 3, 3, 1]
    assert [b for b in chunked(iter(range(3)), 1)] == [[0], [1], [2]]
    assert list(chunked(iter(()), 10)) == []
