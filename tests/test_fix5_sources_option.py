"""`greenwire ingest TARGET --sources FILE`: a sources file named on the command line (or in GREENWIRE_SOURCES)
that does not exist is an error, as it is without a TARGET; the default ./sources.toml may be absent."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app

runner = CliRunner()


@pytest.fixture
def article_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no ./sources.toml here
    monkeypatch.delenv("GREENWIRE_SOURCES", raising=False)
    # A configured (unreachable) API: a command that got past resolving its sources would not start a server.
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Green roofs cut summer heat in Shenzhen.\n", encoding="utf-8")
    return corpus


def _one_line(result: object) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 1 and len(lines) == 1, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    return lines[0]


def test_a_missing_sources_option_with_a_target_is_the_same_error_as_without(article_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "w.duckdb")
    missing = "/nonexistent/sources.toml"
    with_target = _one_line(runner.invoke(app, ["ingest", str(article_dir), "--sources", missing, "--db", db]))
    without_target = _one_line(runner.invoke(app, ["ingest", "--sources", missing, "--db", db]))
    assert with_target == without_target == f"greenwire: error: --sources {missing}: no such file"
    assert not Path(db).exists()  # refused before any work


def test_an_explicit_default_name_that_is_missing_is_named_as_the_option(article_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(article_dir), "--sources", "sources.toml", "--db", str(tmp_path / "w")])
    assert _one_line(result) == "greenwire: error: --sources sources.toml: no such file"


def test_a_missing_sources_file_from_the_environment_with_a_target_is_named(article_dir: Path, tmp_path: Path) -> None:
    args = ["ingest", str(article_dir), "--db", str(tmp_path / "w.duckdb")]
    result = runner.invoke(app, args, env={"GREENWIRE_SOURCES": "other.toml"})
    assert _one_line(result) == "greenwire: error: GREENWIRE_SOURCES=other.toml: no such file"


def test_the_absent_default_sources_file_stays_silent_with_a_target(
    article_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Resolving gets past the sources file to the run: stop there, with the sources it was given.
    import flows.runner

    seen: list[list[str]] = []

    def stop_before_the_run(*, sources: list, **_: object) -> object:
        seen.append([s.name for s in sources])
        raise RuntimeError("stopped before the run")

    monkeypatch.setattr(flows.runner, "run_ingest", stop_before_the_run)
    monkeypatch.setattr("flows.cli.start_temporary_server", lambda: None)
    result = runner.invoke(app, ["ingest", str(article_dir), "--db", str(tmp_path / "w.duckdb"), "--no-progress"])
    assert seen == [["local"]]
    assert _one_line(result) == "greenwire: error: stopped before the run"


def test_help_still_shows_the_default_sources_file() -> None:
    result = runner.invoke(app, ["ingest", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "[default: sources.toml]" in result.stdout
