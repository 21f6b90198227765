"""The ingest flow end to end on the seed corpus, under prefect_test_harness."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import duckdb
import pytest
from builders import REEXTRACTED_MARKER, marking_extractor

from flows.runner import run_ingest
from schemas import SourceConfig

pytestmark = pytest.mark.usefixtures("prefect_harness")


def _seeds_source(root: Path) -> SourceConfig:
    return SourceConfig(name="seeds", adapter="files", paths=(str(root),), timezone="Asia/Shanghai")


def _rows(db: Path, query: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        con.execute("SET TimeZone='Asia/Shanghai'")
        return con.execute(query).fetchall()


@pytest.fixture
def corpus(tmp_path: Path, seeds_dir: Path) -> Path:
    root = tmp_path / "seeds"
    shutil.copytree(seeds_dir, root)
    return root


def test_seeds_load_with_expected_metadata_and_rerun_is_unchanged(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "gw.duckdb"
    first = run_ingest(sources=[_seeds_source(corpus)], db_path=str(db), workers=1)
    assert (first.counts.discovered, first.counts.new, first.counts.rejected) == (5, 5, 0)
    assert gc.get_freeze_count() == 0  # the run froze the heap alive at its start for its length only

    rows = _rows(
        db,
        "select source_uri, title, strftime(published_at, '%Y-%m-%d %H:%M'), language from articles order by source_uri",
    )
    titles = {Path(uri).name[:3]: (title, published, lang) for uri, title, published, lang in rows}
    assert titles["000"] == ("Dalian has Built 23Million Square Meters of Green Buildings", "2022-06-20 13:36", "en")
    assert titles["001"] == ("西部地区建筑绿色低碳发展协调推进行动在成都启动", "2023-11-03 00:00", "zh")
    assert titles["002"][0] == "Dalian actively promotes the construction of low-carbon pilot cities"
    assert titles["003"][1:] == ("2023-11-01 00:00", "en")
    assert titles["004"][1:] == ("2024-08-14 00:00", "en")

    (section, views, publisher) = _rows(
        db, "select section, view_count, publisher from articles where source_uri like '%001_%'"
    )[0]
    assert (section, views, publisher) == ("行业动态", 1908, "重庆市绿色建筑与建筑产业化协会")
    images = _rows(
        db,
        "select src from article_images join articles using (article_id) where source_uri like '%001_%' order by position, src",
    )
    assert [src for (src,) in images] == ["111.jpg", "112.jpg", "113.jpg", "114.jpg", "115.jpg"]
    (author, editors) = _rows(db, "select author, editors from articles where source_uri like '%004_%'")[0]
    assert (author, list(editors)) == ("Zhang Lu", ["Liu Mengjie", "Fu Chunyin"])

    bodies = [body for (body,) in _rows(db, "select body_text from articles")]
    for leftover in (
        "浏览量",
        "111.jpg",
        "CopyRight",
        "备案号",
        "扫码关注公众号",
        "Report/Feedback",
        "Release Time",
        "Русский",
    ):
        assert not any(leftover in body for body in bodies), leftover
    assert _rows(db, "select count(*) from boilerplate_removed")[0][0] >= 10

    second = run_ingest(sources=[_seeds_source(corpus)], db_path=str(db), workers=1)
    assert (second.counts.discovered, second.counts.unchanged, second.counts.new, second.counts.updated) == (5, 5, 0, 0)
    assert _rows(db, "select count(*) from articles")[0][0] == 5
    runs = _rows(db, "select status, discovered, new, unchanged from ingest_runs order by started_at")
    assert runs == [("completed", 5, 5, 0), ("completed", 5, 0, 5)]


def test_changed_file_updates_article_in_place_and_keeps_old_raw(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "gw.duckdb"
    run_ingest(sources=[_seeds_source(corpus)], db_path=str(db), workers=1)
    target = next(corpus.glob("000_*.txt"))
    (before_id,) = _rows(db, f"select article_id from articles where source_uri like '%{target.name}'")[0]

    target.write_text(
        target.read_text(encoding="utf-8") + "\nA new closing sentence was added today.\n", encoding="utf-8"
    )
    summary = run_ingest(sources=[_seeds_source(corpus)], db_path=str(db), workers=1)

    assert (summary.counts.updated, summary.counts.unchanged) == (1, 4)
    (after_id, body) = _rows(db, f"select article_id, body_text from articles where source_uri like '%{target.name}'")[
        0
    ]
    assert after_id == before_id
    assert body.endswith("A new closing sentence was added today.")
    assert _rows(db, "select count(*) from raw_documents")[0][0] == 6


def test_moving_the_corpus_keeps_article_ids(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "gw.duckdb"
    run_ingest(sources=[_seeds_source(corpus)], db_path=str(db), workers=1)
    ids = {r[0] for r in _rows(db, "select article_id from articles")}
    moved = shutil.move(str(corpus), str(tmp_path / "elsewhere"))
    summary = run_ingest(sources=[_seeds_source(Path(moved))], db_path=str(db), workers=1)
    assert summary.counts.unchanged == 5
    assert {r[0] for r in _rows(db, "select article_id from articles")} == ids


def test_a_transient_write_error_is_retried_by_the_load_task(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.ingest as ingest_module

    real_load = ingest_module.load_batch
    failures = {"left": 1}

    def flaky_load(con, batch):
        if failures["left"]:
            failures["left"] -= 1
            raise duckdb.IOException("simulated: No space left on device")
        return real_load(con, batch)

    monkeypatch.setattr(ingest_module, "load_batch", flaky_load)
    monkeypatch.setattr(ingest_module.load_task, "retry_delay_seconds", [0, 0])
    summary = run_ingest(sources=[_seeds_source(corpus)], db_path=str(tmp_path / "gw.duckdb"), workers=1)
    assert (summary.counts.new, failures["left"]) == (5, 0)


def test_a_new_extractor_version_rereads_unchanged_files(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.batch as batch_module

    db = tmp_path / "gw.duckdb"
    run_ingest(sources=[_seeds_source(corpus)], db_path=str(db), workers=1)
    monkeypatch.setattr(batch_module, "EXTRACTOR_VERSION", "next-version")
    summary = run_ingest(sources=[_seeds_source(corpus)], db_path=str(db), workers=1)
    # Read again in full (no not-modified shortcut), extracted again; same content -> unchanged rows.
    assert summary.counts.unchanged + summary.counts.updated == 5
    assert _rows(db, "select count(*) from raw_documents")[0][0] == 5


def test_a_rerun_over_unchanged_files_neither_reads_them_nor_starts_workers(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import adapters.files as files_module
    import flows.batch as batch_module

    db = tmp_path / "gw.duckdb"
    run_ingest(sources=[_seeds_source(corpus)], db_path=str(db), workers=2)
    assert batch_module._POOL is None  # the run shut its workers down

    def no_fetch(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged file was fetched")

    pools: list[int] = []
    real_pool = batch_module.process_pool
    monkeypatch.setattr(files_module.FilesAdapter, "fetch", no_fetch)
    monkeypatch.setattr("flows.ingest.process_pool", lambda workers: pools.append(workers) or real_pool(workers))
    summary = run_ingest(sources=[_seeds_source(corpus)], db_path=str(db), workers=2)
    assert (summary.counts.unchanged, summary.counts.new, pools) == (5, 0, [])


def test_reprocess_replays_each_source_with_its_rules_and_only_the_chosen_one(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.batch as batch_module
    from flows.runner import run_reprocess

    other = tmp_path / "other"
    other.mkdir()
    for moved in sorted(corpus.iterdir())[3:]:
        shutil.move(str(moved), other / moved.name)
    sources = [_seeds_source(corpus), SourceConfig(name="other", adapter="files", paths=(str(other),))]
    db = tmp_path / "gw.duckdb"
    assert run_ingest(sources=sources, db_path=str(db), workers=1).counts.new == 5

    replay = run_reprocess(db_path=str(db), source=None, lock_timeout=30, workers=2)  # on the process pool
    assert (replay.counts.discovered, replay.counts.unchanged, replay.counts.updated) == (5, 5, 0)

    monkeypatch.setattr(batch_module, "extract", marking_extractor(batch_module.extract))
    only_other = run_reprocess(db_path=str(db), source="other", lock_timeout=30, workers=1)
    assert (only_other.counts.discovered, only_other.counts.updated) == (2, 2)
    marked = {
        (source, body.endswith(REEXTRACTED_MARKER))
        for source, body in _rows(db, "select source_name, body_text from articles")
    }
    assert sorted(marked) == [("other", True), ("seeds", False)]


@pytest.mark.parametrize("own_server", [True, False])
def test_flow_runs_send_heartbeats_only_to_a_server_that_outlives_the_command(
    own_server: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prefect import flow
    from prefect.settings import get_current_settings

    from flows.runner import _flow_settings

    @flow
    def heartbeat_setting() -> int | None:
        return get_current_settings().flows.heartbeat_frequency

    monkeypatch.setattr("flows.api_server.temporary_server_running", lambda: own_server)
    with _flow_settings():
        frequency = heartbeat_setting()
    # Prefect's engine joins its heartbeat thread at the end of a run (up to 1 s): off for a temporary server.
    assert (frequency is None) is own_server
    assert get_current_settings().flows.heartbeat_frequency is not None  # restored after the run


def test_sealed_task_arguments_survive_pickling() -> None:
    import pickle

    from flows.batch import Sealed

    for value in ([], None, [1, 2], {"a": 1}):
        assert pickle.loads(pickle.dumps(Sealed(value))).value == value


def test_the_run_machinery_imported_ahead_exists_in_this_prefect_and_arrow() -> None:
    import importlib.util

    from flows.runner import RUN_MACHINERY

    # Imported while the API server starts, each under suppress(ImportError): a rename in a new
    # release would silently move the import back into the run.
    assert [name for name in RUN_MACHINERY if importlib.util.find_spec(name) is None] == []
