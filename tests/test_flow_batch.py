"""flows.batch without Prefect: a fetched batch is extracted, validated and archived where its bytes are."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from builders import html_raw

from flows.batch import extract_and_validate, prepare_many, process_pool, shutdown_pool, split_outcomes
from schemas import Reject
from schemas.archive import ArchivedRaw, decompress_raw
from warehouse.loader import EXPORTED_RELATIONS, LoadBatch, begin_run, load_batch
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


def test_prepared_inputs_are_extracted_normalized_and_archived_in_order(pool) -> None:
    raws = [html_raw(PAGE.replace("明年", f"{i} 年"), f"https://example.org/{i}", read_at=READ_AT) for i in range(40)]
    raws.append(html_raw("", "https://example.org/empty", read_at=READ_AT))
    prepared = prepare_many(raws, None, run_id="r", now=READ_AT, pool=pool, chunk_size=8)
    assert [archived.key for archived in prepared.raws] == [raw.key for raw in raws]
    for raw, archived in zip(raws, prepared.raws, strict=True):
        assert isinstance(archived, ArchivedRaw)
        assert archived.sha256 == raw.sha256 and archived.size_bytes == len(raw.content)
        assert decompress_raw(archived.content, archived.compression) == raw.content
    assert prepared.rows.articles["input_key"] == [raw.key for raw in raws[:-1]]
    assert prepared.rows.articles["raw_sha256"] == [raw.sha256 for raw in raws[:-1]]
    assert [key for key, _ in prepared.rejects] == [raws[-1].key]
    assert isinstance(prepared.rejects[0][1], Reject)
    # every article's paragraphs, under its own input key
    assert set(prepared.rows.children["paragraphs"]["input_key"]) == {raw.key for raw in raws[:-1]}


def _tables(con) -> dict[str, list[tuple]]:
    names = [name for name in EXPORTED_RELATIONS if not name.startswith("v_")] + ["raw_documents"]
    return {name: sorted(map(repr, con.execute(f"SELECT * FROM {name}").fetchall())) for name in names}


def test_rows_normalized_in_workers_load_like_articles(tmp_path: Path) -> None:
    """The two ways into load_batch (Article objects, or rows the workers normalized) write the same warehouse."""
    raws = [html_raw(PAGE.replace("明年", f"{i} 年"), f"https://example.org/{i}", read_at=READ_AT) for i in range(5)]
    raws.append(html_raw(PAGE, "https://example.org/same", read_at=READ_AT))
    raws.append(html_raw(PAGE, "https://example.org/same?utm_source=feed", read_at=READ_AT))  # one article, twice
    raws.append(html_raw("", "https://example.org/empty", read_at=READ_AT))
    prepared = prepare_many(raws, None, run_id="r", now=READ_AT)
    outcomes = [extract_and_validate(raw, None, "r", READ_AT) for raw in raws]
    articles, rejects = split_outcomes(raws, outcomes)
    contents = []
    for name, batch in (
        ("objects", LoadBatch(run_id="r", loaded_at=READ_AT, raws=list(raws), articles=articles, rejects=rejects)),
        (
            "rows",
            LoadBatch(
                run_id="r", loaded_at=READ_AT, raws=prepared.raws, rows=[prepared.rows], rejects=prepared.rejects
            ),
        ),
    ):
        with open_warehouse(tmp_path / f"{name}.duckdb") as con:
            begin_run(con, run_id="r", sources=["test"], started_at=READ_AT, extractor_version="x", flow_run_id=None)
            result = load_batch(con, batch)
            contents.append((result.new, result.unchanged, result.rejected, _tables(con)))
    assert contents[0][:3] == (6, 1, 1)
    assert contents[0] == contents[1]


def test_archived_raws_load_like_raw_documents(tmp_path: Path) -> None:
    raws = [html_raw(PAGE, f"https://example.org/{i}", read_at=READ_AT) for i in range(3)]
    prepared = prepare_many(raws, None, run_id="r", now=READ_AT)
    with open_warehouse(tmp_path / "w.duckdb") as con:
        begin_run(con, run_id="r", sources=["test"], started_at=READ_AT, extractor_version="x", flow_run_id=None)
        batch = LoadBatch(run_id="r", loaded_at=READ_AT, raws=prepared.raws, rows=[prepared.rows])
        result = load_batch(con, batch)
        assert (result.new, result.rejected, prepared.rejects) == (3, 0, [])
        stored = con.execute("SELECT sha256, content, compression, size_bytes FROM raw_documents").fetchall()
    assert len(stored) == 1  # the same bytes thrice: archived once
    sha, content, compression, size = stored[0]
    assert (sha, size) == (raws[0].sha256, len(raws[0].content))
    assert decompress_raw(content, compression) == raws[0].content


def test_chunks_are_large_but_every_worker_gets_several() -> None:
    from flows.batch import chunk_size_for

    assert chunk_size_for(1000, 2) == 32  # capped: 32 chunks for 2 workers
    assert chunk_size_for(64, 2) == 8  # the first, small batch: 4 chunks per worker
    assert chunk_size_for(5, 2) == 1
    assert chunk_size_for(0, 2) == 1


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


# Each would make every extraction worker heavier: DuckDB ~33 MB, Arrow ~35 MB, Prefect ~70 MB;
# the adapters' HTTP and feed stack (requests, feedparser, bs4) ~18 MB.
WORKER_MUST_NOT_LOAD = {"duckdb", "pyarrow", "prefect", "requests", "feedparser", "bs4"}


def test_extraction_workers_load_the_extractor_and_nothing_heavier() -> None:
    """A spawned worker that has prepared a chunk holds the extractor, the schemas and the row
    normalizer: not the warehouse's engines, not Prefect, not the fetchers' stack."""
    pool = process_pool(2)
    try:
        raws = [html_raw(PAGE, f"https://example.org/{i}", read_at=READ_AT) for i in range(8)]
        prepared = prepare_many(raws, None, run_id="r", now=READ_AT, pool=pool, chunk_size=1)
        assert len(prepared.rows) == 8
        probes = [pool.submit(eval, "set(__import__('sys').modules)") for _ in range(8)]
        loaded = set().union(*(probe.result() for probe in probes))
    finally:
        shutdown_pool()
    assert "cleaning.pipeline" in loaded and "warehouse.rows" in loaded
    assert loaded & WORKER_MUST_NOT_LOAD == set()


def test_inputs_whose_signature_matches_what_was_loaded_are_settled_without_fetching() -> None:
    from cleaning.version import EXTRACTOR_VERSION
    from flows.batch import settle_unchanged
    from schemas import ItemRef, Validators

    def ref(key: str, signature: str | None) -> ItemRef:
        return ItemRef(source_name="s", uri=key, key=key, signature=signature)

    refs = [
        ref("same", "file:10:1"),
        ref("touched", "file:10:2"),
        ref("never-loaded", "file:10:1"),
        ref("no-signature", None),
        ref("old-extractor", "file:10:1"),
    ]
    state = {
        "same": Validators(raw_sha256="x", etag="file:10:1", extractor_version=EXTRACTOR_VERSION),
        "touched": Validators(raw_sha256="x", etag="file:10:1", extractor_version=EXTRACTOR_VERSION),
        "no-signature": Validators(raw_sha256="x", etag=None, extractor_version=EXTRACTOR_VERSION),
        "old-extractor": Validators(raw_sha256="x", etag="file:10:1", extractor_version="0.0.1"),
    }
    to_fetch, settled = settle_unchanged(refs, state)
    assert settled == ["same"]
    assert [r.key for r in to_fetch] == ["touched", "never-loaded", "no-signature", "old-extractor"]
