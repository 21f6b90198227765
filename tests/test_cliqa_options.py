"""QA5 findings 6 and 7: options that were silently ignored, and `sql --write`'s output for statements
that return no rows."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from warehouse.store import open_warehouse

runner = CliRunner()


@pytest.fixture
def three_sources(tmp_path: Path, seeds_dir: Path) -> Path:
    """A project with sources a (2 seeds), b (2) and c (1) declared in sources.toml."""
    seeds = sorted(seeds_dir.glob("*.txt"))
    for name, files in (("a", seeds[:2]), ("b", seeds[2:4]), ("c", seeds[4:])):
        (tmp_path / name).mkdir()
        for file in files:
            shutil.copy(file, tmp_path / name / file.name)
    (tmp_path / "sources.toml").write_text(
        "".join(f'[[sources]]\nname = "{n}"\nadapter = "files"\npaths = ["{n}"]\n\n' for n in "abc"), encoding="utf-8"
    )
    return tmp_path


def _rows(db: Path, query: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def test_reprocess_takes_several_sources_like_ingest(three_sources: Path, cli_env: dict[str, str], run_cli) -> None:
    db = three_sources / "w.duckdb"
    ingest = run_cli(["ingest", "--db", str(db), "--workers", "1", "--no-progress"], env=cli_env, cwd=three_sources)
    assert ingest.returncode == 0, ingest.stderr
    result = run_cli(
        ["reprocess", "--db", str(db), "--source", "a", "--source", "b", "--workers", "1", "--no-progress"],
        env=cli_env,
    )
    assert result.returncode == 0, result.stderr
    assert "sources: a, b" in result.stdout.splitlines()
    runs = _rows(db, "select sources, discovered, unchanged from ingest_runs order by started_at")
    assert runs[-1] == (["a", "b"], 4, 4)  # both sources' two inputs each, nothing of c

    refused = run_cli(["reprocess", "--db", str(db), "--source", "a", "--source", "nosuch"], env=cli_env)
    assert (refused.returncode, refused.stderr.splitlines()) == (1, ["greenwire: error: unknown source(s): nosuch"])
    assert len(_rows(db, "select run_id from ingest_runs")) == len(runs)  # refused before the run: no row


def test_ingest_refuses_source_beside_targets(three_sources: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--source` picks configured sources; TARGETs name what to read: together, one was ignored."""
    monkeypatch.chdir(three_sources)
    db = three_sources / "w.duckdb"
    result = runner.invoke(app, ["ingest", "a", "--source", "b", "--db", str(db)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "greenwire: error: --source picks configured sources and TARGETs name what to read: give one or the other"
        " (--source b, TARGET a)"
    ]
    assert not db.exists()


def test_reprocess_accepts_the_progress_options(tmp_path: Path) -> None:
    for flag in ("--no-progress", "--progress"):
        result = runner.invoke(app, ["reprocess", flag, "--db", str(tmp_path / "none.duckdb")])
        # Parsed: the command runs and stops at the missing warehouse (a usage error would exit 2).
        assert (result.exit_code, result.stderr.strip()) == (
            1,
            f"greenwire: error: no warehouse at {tmp_path}/none.duckdb",
        )


@pytest.mark.parametrize(
    ("statement", "printed"),
    [
        ("create table t2 (x integer)", "OK"),
        ("insert into t2 values (1), (2), (3)", "3 rows changed"),
        ("update t2 set x = x + 1 where x = 1", "1 row changed"),
        ("delete from t2 where x > 100", "0 rows changed"),
        ("create view v2 as select * from t2", "OK"),
        ("drop view v2", "OK"),
        ("drop table t2", "OK"),
        ("checkpoint", "OK"),
        ("set threads = 2", "OK"),
    ],
)
def test_sql_write_prints_one_plain_line_for_statements_without_rows(
    tmp_path: Path, statement: str, printed: str
) -> None:
    db = tmp_path / "w.duckdb"
    with open_warehouse(db) as con:
        con.execute("create table t2 (x integer)" if not statement.startswith("create table") else "select 1")
        if statement.startswith(("update", "delete", "drop table", "create view")):
            con.execute("insert into t2 values (1), (2), (3)")
        if statement.startswith("drop view"):
            con.execute("create view v2 as select * from t2")
    result = runner.invoke(app, ["sql", statement, "--db", str(db), "--write"])
    assert (result.exit_code, result.stdout) == (0, printed + "\n")


def test_sql_still_prints_result_sets_that_look_like_counts(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with open_warehouse(db) as con:
        con.execute("create table t2 (x integer)")
    for query, expected in (
        ("select 7 as Count", ["Count", "7"]),
        ("select true as Success where false", ["Success"]),
        ("insert into t2 values (5) returning x", ["x", "5"]),
    ):
        result = runner.invoke(app, ["sql", query, "--db", str(db), "--write", "--format", "csv"])
        assert (result.exit_code, result.stdout.splitlines()) == (0, expected)
