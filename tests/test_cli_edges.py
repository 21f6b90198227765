"""The command line's rough edges: one-line errors, option ranges, one SQL statement, the sources
file's `language`, and help output that neither tags flags with a type nor leaves options undescribed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.core import TyperArgument
from typer.testing import CliRunner

from adapters.config import SourcesError, load_sources
from flows.cli import app
from warehouse.store import open_warehouse

runner = CliRunner()
ERROR_LINE = re.compile(r"^greenwire: error: \S.*$")


@pytest.fixture
def empty_warehouse(tmp_path: Path) -> Path:
    db = tmp_path / "w.duckdb"
    with open_warehouse(db):  # creates the schema
        pass
    return db


@pytest.fixture
def no_prefect_server(monkeypatch: pytest.MonkeyPatch) -> None:
    # A configured (unreachable) API: a command that got as far as its body would not start a server.
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")


def _one_error_line(result: object) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert ERROR_LINE.match(lines[0]), lines[0]
    assert "Traceback" not in result.output
    return lines[0]


# --- export ---------------------------------------------------------------------------------------


def test_export_into_an_existing_file_is_one_error_line(empty_warehouse: Path, tmp_path: Path) -> None:
    existing = tmp_path / "sources.toml"
    existing.write_text("[[sources]]\n", encoding="utf-8")
    result = runner.invoke(app, ["export", str(existing), "--db", str(empty_warehouse)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # not FileExistsError
    line = _one_error_line(result)
    assert str(existing) in line
    assert existing.read_text(encoding="utf-8") == "[[sources]]\n"


def test_export_below_a_file_is_one_error_line(empty_warehouse: Path, tmp_path: Path) -> None:
    a_file = tmp_path / "plain.txt"
    a_file.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["export", str(a_file / "out"), "--db", str(empty_warehouse)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert str(a_file) in _one_error_line(result)


def test_export_into_a_directory_writes_parquet(empty_warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["export", str(out), "--db", str(empty_warehouse)])
    assert result.exit_code == 0, result.output
    written = [Path(line) for line in result.stdout.splitlines()]
    assert written and all(p.parent == out and p.suffix == ".parquet" and p.is_file() for p in written)


# --- numeric options --------------------------------------------------------------------------------

BAD_NUMBERS = [
    (["ingest", "--workers", "0"], "--workers"),
    (["ingest", "--workers", "65"], "--workers"),
    (["ingest", "--batch-size", "0"], "--batch-size"),
    (["ingest", "--batch-size", "10001"], "--batch-size"),
    (["ingest", "--lock-timeout", "-1"], "--lock-timeout"),
    (["ingest", "--read-timeout", "0"], "--read-timeout"),
    (["ingest", "--read-timeout", "-5"], "--read-timeout"),
    (["ingest", "--max-attempts", "0"], "--max-attempts"),
    (["ingest", "--max-attempts", "11"], "--max-attempts"),
    (["reprocess", "--workers", "0"], "--workers"),
    (["reprocess", "--lock-timeout", "-1"], "--lock-timeout"),
    (["sql", "select 1", "--lock-timeout", "-1"], "--lock-timeout"),
    (["search", "carbon", "--limit", "0"], "--limit"),
    (["search", "carbon", "--limit", "-3"], "--limit"),
    (["search", "carbon", "--lock-timeout", "-1"], "--lock-timeout"),
    (["serve", "--lock-timeout", "-1"], "--lock-timeout"),
]


@pytest.mark.parametrize(("args", "option"), BAD_NUMBERS, ids=[" ".join(a) for a, _ in BAD_NUMBERS])
def test_out_of_range_numbers_are_usage_errors_naming_the_option(
    args: list[str], option: str, empty_warehouse: Path, tmp_path: Path, no_prefect_server: None
) -> None:
    # Everything else valid: the range check alone must stop the command, before it does any work.
    extra = ["--db", str(empty_warehouse)]
    if args[0] in ("ingest", "serve"):
        extra += ["--sources", str(tmp_path / "missing.toml")]
    result = runner.invoke(app, [*args, *extra])
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{option}'" in result.stderr, result.stderr
    assert "Traceback" not in result.output


def test_in_range_edges_are_accepted(empty_warehouse: Path) -> None:
    zero_wait = runner.invoke(app, ["sql", "select 42 as answer", "--db", str(empty_warehouse), "--lock-timeout", "0"])
    assert zero_wait.exit_code == 0, zero_wait.output
    assert zero_wait.stdout.split() == ["answer", "42"]


# --- sql: one statement ---------------------------------------------------------------------------


def test_sql_refuses_several_statements(empty_warehouse: Path) -> None:
    result = runner.invoke(app, ["sql", "select 1; select 2", "--db", str(empty_warehouse)])
    assert result.exit_code == 1
    line = _one_error_line(result)
    assert "one statement" in line and "2" in line
    assert result.stdout == ""


def test_sql_refuses_several_statements_before_running_any(empty_warehouse: Path) -> None:
    statements = "create table scratch (x int); select 1"
    result = runner.invoke(app, ["sql", statements, "--db", str(empty_warehouse), "--write"])
    assert result.exit_code == 1
    _one_error_line(result)
    with open_warehouse(empty_warehouse, read_only=True) as con:
        tables = {row[0] for row in con.execute("select table_name from duckdb_tables()").fetchall()}
    assert "scratch" not in tables


def test_sql_accepts_one_statement_with_a_trailing_semicolon_or_comment(empty_warehouse: Path) -> None:
    for query in ("select 7 as n;", "select 7 as n; -- the answer", "select ';' as n"):
        result = runner.invoke(app, ["sql", query, "--db", str(empty_warehouse), "--format", "csv"])
        assert result.exit_code == 0, (query, result.output)
        assert result.stdout.splitlines()[0] == "n"


def test_sql_with_no_statement_is_an_error(empty_warehouse: Path) -> None:
    result = runner.invoke(app, ["sql", "  ;  ", "--db", str(empty_warehouse)])
    assert result.exit_code == 1
    assert "no SQL statement" in _one_error_line(result)


# --- sources.toml: language -------------------------------------------------------------------------


def _sources_file(tmp_path: Path, language: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(
        f'[[sources]]\nname = "cn-news"\nadapter = "files"\npaths = ["seeds"]\nlanguage = "{language}"\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("language", ["cn", "fr", "ZH", "zh-CN"])
def test_sources_language_outside_the_documented_values_is_refused(tmp_path: Path, language: str) -> None:
    path = _sources_file(tmp_path, language)
    with pytest.raises(SourcesError) as raised:
        load_sources(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: [[sources]] entry 1 ('cn-news'): language: ")
    assert "'zh'" in message and "'en'" in message
    result = runner.invoke(app, ["sources", "--sources", str(path)])
    assert result.exit_code == 1
    assert _one_error_line(result) == f"greenwire: error: {message}"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_sources_language_zh_or_en_is_accepted(tmp_path: Path, language: str) -> None:
    (source,) = load_sources(_sources_file(tmp_path, language))
    assert source.language == language


# --- help output ---------------------------------------------------------------------------------

COMMANDS = ["ingest", "reprocess", "sql", "search", "sources", "doctor", "serve", "export"]


def test_every_command_is_covered() -> None:
    group = typer.main.get_command(app)
    assert sorted(group.commands) == sorted(COMMANDS)


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_tags_no_flag_with_a_type_and_describes_every_option(command: str | None) -> None:
    args = [command, "--help"] if command else ["--help"]
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "<bool>" not in result.output
    group = typer.main.get_command(app)
    cli = group if command is None else group.commands[command]
    with typer.Context(cli) as ctx:
        params = cli.get_params(ctx)
    for param in params:
        if isinstance(param, TyperArgument):
            continue
        assert param.help, f"{command} {param.opts} has no description"
        # Shown in the rendered help, on the option's row.
        row = next(line for line in result.output.splitlines() if param.opts[0] in line.split())
        assert param.help.split()[0] in row, row
    # Options that take a value still say what kind of value.
    if command == "sql":
        assert re.search(r"--lock-timeout\s+<float", result.output)
