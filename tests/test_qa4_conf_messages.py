"""QA4 finding 14: messages. A missing sources file, an out-of-range cron field, `--db` naming a
directory, and the `.waiting/` directory a waiter leaves beside the warehouse."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from adapters.config import SourcesError, load_sources
from flows.cli import app
from warehouse.store import WarehouseLocked, open_warehouse

runner = CliRunner()


def _error_line(result: object) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 1 and len(lines) == 1, result.output
    return lines[0]


def _refused(tmp_path: Path, extra: str) -> str:
    path = tmp_path / "sources.toml"
    path.write_text(f'[[sources]]\nname = "a"\nadapter = "files"\npaths = ["x"]\n{extra}\n', encoding="utf-8")
    with pytest.raises(SourcesError) as raised:
        load_sources(path)
    return str(raised.value)


@pytest.mark.parametrize(
    ("schedule", "expected"),
    [
        ("0 25 * * *", "hour field '25' is out of range (0-23)"),
        ("61 * * * *", "minute field '61' is out of range (0-59)"),
        ("0 0 32 * *", "day-of-month field '32' is out of range (1-31)"),
        ("0 0 * 13 *", "month field '13' is out of range (1-12)"),
        ("0 0 * * 8", "day-of-week field '8' is out of range (0-7)"),
        ("0 1-25 * * *", "hour field '1-25' is out of range (0-23)"),
        ("0 six * * *", "hour field 'six' is not valid"),
        ("0 * * *", "got 4 fields, expected 5 fields (minute hour day-of-month month day-of-week)"),
    ],
)
def test_a_bad_cron_names_the_field_at_fault(tmp_path: Path, schedule: str, expected: str) -> None:
    message = _refused(tmp_path, f'schedule = "{schedule}"')
    assert f"entry 1 ('a'): schedule: invalid cron expression '{schedule}': {expected}" in message
    if len(schedule.split()) == 5:
        assert "expected 5 fields" not in message


def test_validator_errors_carry_no_pydantic_prefix(tmp_path: Path) -> None:
    assert "entry 1 ('a'): timezone: unknown time zone 'Mars/Olympus'" in _refused(
        tmp_path, 'timezone = "Mars/Olympus"'
    )
    assert "Value error" not in _refused(tmp_path, 'schedule = "0 25 * * *"')


def test_valid_crons_are_still_accepted(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    crons = ["0 6 * * *", "*/90 * * * *", "0 0 * * 7", "0 0 * jan mon-fri", "*/5 * * * * 30"]
    path.write_text(
        "".join(
            f'[[sources]]\nname = "s{i}"\nadapter = "files"\npaths = ["x"]\nschedule = "{c}"\n'
            for i, c in enumerate(crons)
        ),
        encoding="utf-8",
    )
    assert [s.schedule for s in load_sources(path)] == crons


def test_a_missing_sources_file_given_by_option_or_environment_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GREENWIRE_SOURCES", raising=False)
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")  # serve starts no server of its own
    db = str(tmp_path / "w.duckdb")
    for args in (["sources", "--sources", "nosuch.toml"], ["serve", "--sources", "nosuch.toml", "--db", db]):
        assert _error_line(runner.invoke(app, args)) == "greenwire: error: --sources nosuch.toml: no such file"
    from_env = runner.invoke(app, ["sources"], env={"GREENWIRE_SOURCES": "other.toml"})
    assert _error_line(from_env) == "greenwire: error: GREENWIRE_SOURCES=other.toml: no such file"


def test_sources_without_a_file_does_not_suggest_a_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GREENWIRE_SOURCES", raising=False)
    line = _error_line(runner.invoke(app, ["sources"]))
    assert line == f"greenwire: error: no sources.toml in {tmp_path} (the default --sources): pass --sources FILE"


def test_a_sources_path_that_is_a_directory_is_one_clear_line(tmp_path: Path) -> None:
    line = _error_line(runner.invoke(app, ["sources", "--sources", str(tmp_path)]))
    assert line == f"greenwire: error: {tmp_path}: is a directory, not a sources file"


@pytest.mark.parametrize(
    "args",
    [
        ["sql", "select 1"],
        ["search", "roof"],
        ["doctor"],
        ["export", "OUT"],
        ["reprocess"],
        ["ingest", "TARGET", "--no-progress"],
        ["serve", "--sources", "SOURCES"],
    ],
)
def test_db_naming_a_directory_is_the_same_line_for_every_command(tmp_path: Path, args: list[str]) -> None:
    directory = tmp_path / "dir.duckdb"
    directory.mkdir()
    (tmp_path / "page.txt").write_text("text", encoding="utf-8")
    (tmp_path / "sources.toml").write_text(
        '[[sources]]\nname = "a"\nadapter = "files"\npaths = ["x"]\n', encoding="utf-8"
    )
    replace = {
        "OUT": str(tmp_path / "out"),
        "TARGET": str(tmp_path / "page.txt"),
        "SOURCES": str(tmp_path / "sources.toml"),
    }
    result = runner.invoke(app, [replace.get(a, a) for a in args] + ["--db", str(directory)])
    assert _error_line(result) == (
        f"greenwire: error: {directory} is a directory, not a warehouse file (--db names the DuckDB file)"
    )
    assert list(directory.iterdir()) == []


HOLD_THE_LOCK = (
    "import sys, time, duckdb\ncon = duckdb.connect(sys.argv[1])\nprint('held', flush=True)\nsys.stdin.read()\n"
)


def test_a_waiter_that_gives_up_leaves_nothing_beside_the_warehouse(tmp_path: Path) -> None:
    db = tmp_path / "lock.duckdb"
    with open_warehouse(db):
        pass
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(WarehouseLocked), open_warehouse(db, read_only=True, lock_timeout=0.3):
            pass
        assert sorted(p.name for p in tmp_path.iterdir()) == ["lock.duckdb"]
        # Another waiter's note stays, and so does the directory holding it.
        other = tmp_path / "lock.duckdb.waiting" / "1"
        other.parent.mkdir()
        other.touch()
        with pytest.raises(WarehouseLocked), open_warehouse(db, read_only=True, lock_timeout=0.3):
            pass
        assert [p.name for p in other.parent.iterdir()] == ["1"]
    finally:
        holder.communicate("", timeout=30)
