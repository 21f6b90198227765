"""QA5 finding 4: DuckDB's progress bar must never reach stdout (a redirected CSV/JSON would be corrupted).

DuckDB draws it on stdout once a query has run `progress_bar_time` ms (2 s by default). The tests lower
that threshold to 0 ms, as a query over a large warehouse would pass it, instead of running for seconds.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

import warehouse.store as store_module
from flows.cli import app
from warehouse.store import open_warehouse

QUERY = "select count(*) as n from range(3000000) t(x) where x % 7 = 3"
RESULT = 428571
runner = CliRunner()


class _BarAtOnce:
    """A connection whose first statement after its SETs lowers the bar's threshold to 0 ms first (as a
    query passing 2 s would reach it; a SET of `progress_bar_time` also turns the bar back on)."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self._con = con
        self._lowered = False

    def execute(self, statement: Any, *args: Any) -> Any:
        text = str(getattr(statement, "query", statement)).lstrip().upper()
        if not self._lowered and not text.startswith("SET "):
            self._con.execute("SET progress_bar_time = 0")
            self._lowered = True
        self._con.execute(statement, *args)
        return self

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


def _bar_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect: Callable[..., duckdb.DuckDBPyConnection] = duckdb.connect
    monkeypatch.setattr(store_module.duckdb, "connect", lambda *a, **k: _BarAtOnce(real_connect(*a, **k)))


def test_a_plain_connection_does_draw_the_bar_on_stdout(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """The premise: without GreenWire's settings this query puts a bar on stdout."""
    con = duckdb.connect(str(tmp_path / "plain.duckdb"))
    con.execute("SET progress_bar_time = 0")
    assert con.execute(QUERY).fetchall() == [(RESULT,)]
    con.close()
    assert "100%" in capfd.readouterr().out


@pytest.mark.parametrize("read_only", [False, True])
def test_connections_from_open_warehouse_never_draw_the_bar(
    tmp_path: Path, read_only: bool, capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "w.duckdb"
    with open_warehouse(path):
        pass
    with open_warehouse(path, read_only=read_only) as con:
        settings = con.execute(
            "select current_setting('enable_progress_bar'), current_setting('enable_progress_bar_print')"
        ).fetchone()
        assert settings == (False, False)
        con.execute("SET progress_bar_time = 0")  # re-enables the bar: printing it stays off
        assert con.execute(QUERY).fetchall() == [(RESULT,)]
    assert capfd.readouterr().out == ""


@pytest.mark.parametrize(
    ("fmt", "parse"),
    [("csv", lambda text: text.splitlines()), ("json", json.loads)],
)
def test_sql_output_redirected_to_a_file_stays_clean(
    tmp_path: Path,
    fmt: str,
    parse: Callable[[str], Any],
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    db = tmp_path / "w.duckdb"
    with open_warehouse(db):
        pass
    _bar_at_once(monkeypatch)
    result = runner.invoke(app, ["sql", QUERY, "--db", str(db), "--format", fmt])
    assert result.exit_code == 0
    expected = ["n", str(RESULT)] if fmt == "csv" else [{"n": RESULT}]
    assert parse(result.stdout) == expected
    assert capfd.readouterr().out == ""  # nothing written around Python's stdout either


def test_search_index_refresh_draws_no_bar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "w.duckdb"
    with open_warehouse(db):
        pass
    _bar_at_once(monkeypatch)
    result = runner.invoke(app, ["search", "heat pump", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert capfd.readouterr().out == ""
