"""The `greenwire` commands that read the warehouse, run in-process on a warehouse loaded directly."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaning.pipeline import extract
from flows.cli import app
from schemas import Article, RawDocument, RunCounts, RunSummary, SourceConfig, to_article
from warehouse.loader import LoadBatch, begin_run, finish_run, load_batch, register_sources
from warehouse.store import open_warehouse

READ_AT = datetime(2026, 11, 26, tzinfo=UTC)
runner = CliRunner()


@pytest.fixture
def warehouse(tmp_path: Path, seeds_dir: Path) -> Path:
    db = tmp_path / "w.duckdb"
    raws = [
        RawDocument(
            source_name="seeds",
            uri=f"seeds/{p.name}",
            key=p.name,
            content=p.read_bytes(),
            media_type="text/plain",
            read_at=READ_AT,
        )
        for p in sorted(seeds_dir.glob("*.txt"))
    ]
    articles = [(raw.key, to_article(raw, extract(raw), run_id="r1", now=READ_AT)) for raw in raws]
    assert all(isinstance(a, Article) for _, a in articles)
    with open_warehouse(db) as con:
        register_sources(con, [SourceConfig(name="seeds", adapter="files", paths=("seeds",))])
        begin_run(con, run_id="r1", sources=["seeds"], started_at=READ_AT, extractor_version="t", flow_run_id=None)
        load_batch(con, LoadBatch(run_id="r1", loaded_at=READ_AT, raws=raws, articles=articles))
        finish_run(
            con,
            RunSummary(
                run_id="r1",
                sources=("seeds",),
                status="completed",
                started_at=READ_AT,
                finished_at=READ_AT,
                counts=RunCounts(discovered=5, new=5),
                extractor_version="t",
            ),
        )
    return db


def test_sql_formats(warehouse: Path) -> None:
    query = "select language, count(*) as n from articles group by 1 order by 1"
    table = runner.invoke(app, ["sql", query, "--db", str(warehouse)])
    assert table.exit_code == 0 and table.stdout.split() == ["language", "n", "en", "4", "zh", "1"]
    csv_out = runner.invoke(app, ["sql", query, "--db", str(warehouse), "--format", "csv"])
    assert csv_out.stdout.splitlines() == ["language,n", "en,4", "zh,1"]
    as_json = runner.invoke(app, ["sql", query, "--db", str(warehouse), "--format", "json"])
    assert json.loads(as_json.stdout) == [{"language": "en", "n": 4}, {"language": "zh", "n": 1}]


def test_sql_keeps_null_apart_from_empty_and_nests_json(warehouse: Path) -> None:
    """NULL and '' printed alike (blank) in a table and in CSV, JSON columns quoted as strings in JSON
    output, lists as Python reprs: an analyst could not tell the values apart or pipe them to jq."""
    query = "select NULL as a, '' as b, 'x,y' as c, ['p', 'q'] as l, '{\"x\": 1}'::JSON as j, 2.5 as n"
    table = runner.invoke(app, ["sql", query, "--db", str(warehouse)])
    assert table.stdout.splitlines()[1].split() == ["NULL", "x,y", '["p",', '"q"]', '{"x":', "1}", "2.5"]
    csv_out = runner.invoke(app, ["sql", query, "--db", str(warehouse), "--format", "csv"])
    assert csv_out.stdout.splitlines() == ["a,b,c,l,j,n", ',"","x,y","[""p"", ""q""]","{""x"": 1}",2.5']
    as_json = runner.invoke(app, ["sql", query, "--db", str(warehouse), "--format", "json"])
    assert json.loads(as_json.stdout) == [{"a": None, "b": "", "c": "x,y", "l": ["p", "q"], "j": {"x": 1}, "n": 2.5}]
    runs = runner.invoke(
        app, ["sql", "select rejects_by_reason from ingest_runs", "--db", str(warehouse), "--format", "json"]
    )
    assert json.loads(runs.stdout) == [{"rejects_by_reason": {}}]


def test_sql_errors_are_one_line_and_nonzero(warehouse: Path, tmp_path: Path) -> None:
    bad = runner.invoke(app, ["sql", "select nope from articles", "--db", str(warehouse)])
    assert bad.exit_code == 1 and "greenwire: error:" in bad.output and "Traceback" not in bad.output
    missing = runner.invoke(app, ["sql", "select 1", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "no warehouse" in missing.output


def test_search_builds_its_index_and_ranks_chinese_and_english(warehouse: Path) -> None:
    zh = runner.invoke(app, ["search", "绿色低碳", "--db", str(warehouse), "--format", "json"])
    assert zh.exit_code == 0, zh.output
    assert json.loads(zh.stdout)[0]["title"] == "西部地区建筑绿色低碳发展协调推进行动在成都启动"
    en = runner.invoke(app, ["search", "Tongzhou ESG", "--db", str(warehouse), "--format", "json"])
    assert json.loads(en.stdout)[0]["title"].startswith("Implementing the spirit of the Third Plenary Session")


def test_doctor_passes_on_a_good_warehouse_and_fails_on_an_orphan(warehouse: Path) -> None:
    ok = runner.invoke(app, ["doctor", "--db", str(warehouse)])
    assert ok.exit_code == 0, ok.output
    with open_warehouse(warehouse) as con:
        con.execute("insert into article_paragraphs values ('no-such-article', 0, 'paragraph', null, 'orphan')")
    broken = runner.invoke(app, ["doctor", "--db", str(warehouse)])
    assert broken.exit_code == 1 and "orphan" in broken.output.lower()


def test_sources_lists_the_declared_sources(tmp_path: Path) -> None:
    config = tmp_path / "sources.toml"
    config.write_text('[[sources]]\nname = "seeds"\nadapter = "files"\npaths = ["seeds"]\nschedule = "0 * * * *"\n')
    result = runner.invoke(app, ["sources", "--sources", str(config)])
    assert result.exit_code == 0 and "seeds" in result.stdout and "0 * * * *" in result.stdout
