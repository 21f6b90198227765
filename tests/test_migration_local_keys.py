"""Migration 007: `local` inputs an older GreenWire keyed relative to the directory named are
re-keyed by absolute path, so that upgrading does not load each ad-hoc file again as a second
article (QA pass 5, finding 3)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from adapters.files import ABSOLUTE_KEYS_OPTION
from cleaning.version import EXTRACTOR_VERSION
from flows.batch import extract_and_validate
from schemas import Article, RawDocument, Reject, SourceConfig, article_id
from warehouse import begin_run, load_batch, open_warehouse, run_checks
from warehouse.loader import LoadBatch
from warehouse.store import available_migrations, transaction

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
REKEY_SQL = next(m.sql for m in available_migrations() if m.name == "local_absolute_keys")


def _batch(
    run_id: str, files: list[Path], uri_of: Callable[[Path], str], key_of: Callable[[Path], str] = lambda p: p.name
) -> LoadBatch:
    """What `greenwire ingest DIR` loaded: before 1.20 keyed relative to DIR (`key_of` default),
    since then by absolute path."""
    raws = [
        RawDocument(
            source_name="local",
            uri=uri_of(path),
            key=key_of(path),
            content=path.read_bytes(),
            media_type="text/plain",
            read_at=T0,
        )
        for path in files
    ]
    outcomes = [extract_and_validate(raw, None, run_id, T0) for raw in raws]
    articles = [(raw.key, o) for raw, o in zip(raws, outcomes, strict=True) if isinstance(o, Article)]
    rejects = [(raw.key, o) for raw, o in zip(raws, outcomes, strict=True) if isinstance(o, Reject)]
    return LoadBatch(run_id=run_id, loaded_at=T0, raws=raws, articles=articles, rejects=rejects)


@pytest.fixture
def corpus(tmp_path: Path, seeds_dir: Path) -> Path:
    directory = tmp_path / "adhoc"
    directory.mkdir()
    for seed in sorted(seeds_dir.glob("*.txt"))[:2]:
        shutil.copy(seed, directory / seed.name)
    (directory / "blank.txt").write_text("\n\n", encoding="utf-8")
    return directory


def _rekey(con: duckdb.DuckDBPyConnection) -> None:
    with transaction(con):
        con.execute(REKEY_SQL)


def test_old_relative_keys_become_absolute_with_their_article_ids(tmp_path: Path, corpus: Path) -> None:
    files = sorted(corpus.iterdir())
    with open_warehouse(tmp_path / "w.duckdb") as con:
        load_batch(con, _batch("r1", files, lambda p: p.as_posix()))
        _rekey(con)

        keys = dict(con.execute("SELECT input_key, article_id FROM inputs ORDER BY 1").fetchall())
        assert sorted(keys) == sorted(p.as_posix() for p in files)
        for path in files:
            if path.name == "blank.txt":
                assert keys[path.as_posix()] is None  # rejected: no article
            else:
                assert keys[path.as_posix()] == article_id("local", path.as_posix())
        assert con.execute("SELECT count(*) FROM articles WHERE canonical_key NOT LIKE '/%'").fetchone() == (0,)
        assert con.execute(
            "SELECT count(*) FROM article_paragraphs p WHERE NOT EXISTS"
            " (SELECT 1 FROM articles a WHERE a.article_id = p.article_id)"
        ).fetchone() == (0,)
        assert con.execute("SELECT input_key FROM rejects").fetchall() == [((corpus / "blank.txt").as_posix(),)]
        assert all(finding.ok for finding in run_checks(con)), [f for f in run_checks(con) if not f.ok]


def test_a_relative_source_uri_is_left_alone(tmp_path: Path, corpus: Path) -> None:
    files = sorted(corpus.iterdir())[:1]
    with open_warehouse(tmp_path / "w.duckdb") as con:
        load_batch(con, _batch("r1", files, lambda p: f"adhoc/{p.name}"))
        before = con.execute("SELECT input_key, article_id FROM inputs").fetchall()
        _rekey(con)
        assert con.execute("SELECT input_key, article_id FROM inputs").fetchall() == before


def test_a_file_loaded_again_under_its_new_key_keeps_only_the_new_copy(tmp_path: Path, corpus: Path) -> None:
    files = sorted(corpus.iterdir())
    with open_warehouse(tmp_path / "w.duckdb") as con:
        load_batch(con, _batch("r1", files, lambda p: p.as_posix()))
        # the same files read again by the current code, under their absolute keys
        load_batch(con, _batch("r2", files, lambda p: p.as_posix(), key_of=lambda p: p.as_posix()))
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (4,)  # the duplicates doctor flags
        _rekey(con)
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (2,)
        assert con.execute("SELECT count(*) FROM inputs").fetchone() == (3,)
        assert all(finding.ok for finding in run_checks(con)), [f for f in run_checks(con) if not f.ok]


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_harness")
def test_after_the_upgrade_an_ad_hoc_run_finds_the_files_unchanged(tmp_path: Path, corpus: Path) -> None:
    from flows.runner import run_ingest

    db = tmp_path / "w.duckdb"
    with open_warehouse(db) as con:
        begin_run(
            con, run_id="r1", sources=["local"], started_at=T0, extractor_version=EXTRACTOR_VERSION, flow_run_id=None
        )
        load_batch(con, _batch("r1", sorted(corpus.iterdir()), lambda p: p.as_posix()))
        _rekey(con)
    source = SourceConfig(
        name="local", adapter="files", paths=(corpus.resolve().as_posix(),), options={ABSOLUTE_KEYS_OPTION: True}
    )
    summary = run_ingest(sources=[source], db_path=str(db), workers=1)
    assert (summary.counts.new, summary.counts.unchanged) == (0, 3)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (2,)
