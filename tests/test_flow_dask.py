"""The Dask task runner produces the same warehouse as the local process pool."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from flows.runner import run_ingest
from schemas import SourceConfig

pytestmark = [pytest.mark.usefixtures("prefect_harness"), pytest.mark.slow]

FIXTURES = Path(__file__).parent / "fixtures"

# Everything an article is, minus what depends on when and by which run it was loaded.
SNAPSHOT_QUERIES = {
    "articles": """select article_id, source_uri, canonical_key, title, title_source,
                   case when date_source = 'relative' then null else published_at end, date_precision,
                   date_text, language, author, editors, publisher, section, view_count, body_text, content_hash,
                   raw_sha256, extractor_version from articles order by article_id""",
    "paragraphs": "select article_id, position, kind, level, text from article_paragraphs order by all",
    "images": "select article_id, position, src, alt, caption from article_images order by all",
    "removed": "select article_id, position, rule, text from boilerplate_removed order by all",
    "rejects": "select source_uri, stage, reason, field from rejects order by all",
    "raw": "select sha256 from raw_documents order by all",
}


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {name: con.execute(query).fetchall() for name, query in SNAPSHOT_QUERIES.items()}


def test_dask_and_local_runs_store_identical_contents(tmp_path: Path, seeds_dir: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    web = FIXTURES / "web"
    for page in sorted(web.glob("*.htm*"))[:6]:
        shutil.copy(page, corpus / page.name)
    (corpus / "empty.txt").write_bytes(b"")
    source = SourceConfig(name="mixed", adapter="files", paths=(str(corpus),))

    local = run_ingest(sources=[source], db_path=str(tmp_path / "local.duckdb"), workers=2, batch_size=4)
    dask = run_ingest(
        sources=[source], db_path=str(tmp_path / "dask.duckdb"), workers=2, batch_size=4, task_runner="dask"
    )

    assert local.counts == dask.counts
    assert local.counts.rejected >= 1 and local.counts.new >= 5
    assert _snapshot(tmp_path / "local.duckdb") == _snapshot(tmp_path / "dask.duckdb")
