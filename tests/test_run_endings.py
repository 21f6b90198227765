"""How runs end when they do not complete: an adapter that raises, Ctrl-C, SIGTERM, an unknown source.

The run's row must say what happened (`failed` / `interrupted`, with what it loaded), and the
command must end with one line and the right exit code.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from adapters.base import FetchContext, register
from flows.runner import FlowFailed, run_ingest, run_reprocess
from schemas import FetchResult, ItemRef, RunCounts, RunSummary, SourceConfig
from warehouse.loader import begin_run, finish_run, register_sources
from warehouse.store import open_warehouse

NOW = datetime(2024, 3, 20, 8, 0, tzinfo=UTC)


def _rows(db: Path, query: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(query, params or []).fetchall()


@register("test-raising-jsonl")
class RaisingJsonLinesAdapter:
    """Reads a JSON-Lines file the naive way: a bad line or a missing file raises out of discover."""

    def discover(self, source: SourceConfig, ctx: FetchContext) -> Iterator[ItemRef]:
        for path in source.paths:
            with (ctx.root / path).open(encoding="utf-8") as lines:
                for number, line in enumerate(lines, start=1):
                    key = f"{path}:{json.loads(line)['id']}"
                    yield ItemRef(source_name=source.name, uri=f"{path}#L{number}", key=key)

    def fetch(self, ref: ItemRef, source: SourceConfig, ctx: FetchContext) -> FetchResult:
        raise AssertionError("never reached: discovery fails first")


@pytest.mark.usefixtures("prefect_harness")
@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            '{"id": "a1"}\n{"id": }\n',
            "source 'press-export': discovery failed: JSONDecodeError: Expecting value: line 1 column 8 (char 7)"
            " (press.jsonl)",
        ),
        (None, "source 'press-export': discovery failed: FileNotFoundError: [Errno 2] No such file or directory: "),
    ],
    ids=["bad-line", "missing-file"],
)
def test_an_adapter_that_raises_fails_the_run_and_names_the_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str | None, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)  # the flow resolves source paths against the working directory
    if content is not None:
        (tmp_path / "press.jsonl").write_text(content, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    source = SourceConfig(name="press-export", adapter="test-raising-jsonl", paths=("press.jsonl",))
    with pytest.raises(FlowFailed) as failed:
        run_ingest(sources=[source], db_path=str(db), workers=1)
    assert str(failed.value).startswith(expected)
    assert "\n" not in str(failed.value)
    ((status, message, discovered, deferred, finished),) = _rows(
        db, "select status, message, discovered, deferred, finished_at is not null from ingest_runs"
    )
    assert (status, message, finished) == ("failed", str(failed.value), True)
    assert discovered == deferred  # the line discovered before the bad one was never loaded: deferred


def _warehouse_with_one_source(db: Path) -> None:
    with open_warehouse(db) as con:
        register_sources(con, [SourceConfig(name="seeds", adapter="files", paths=("seeds",))])
        begin_run(con, run_id="r1", sources=["seeds"], started_at=NOW, extractor_version="t", flow_run_id=None)
        summary = RunSummary(
            run_id="r1",
            sources=("seeds",),
            status="completed",
            started_at=NOW,
            finished_at=NOW,
            counts=RunCounts(),
            extractor_version="t",
        )
        finish_run(con, summary)


@pytest.mark.usefixtures("prefect_harness")
def test_reprocess_of_an_unknown_source_fails_without_a_run_row(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    _warehouse_with_one_source(db)
    with pytest.raises(FlowFailed, match=r"^unknown source\(s\): nosuch$"):
        run_reprocess(db_path=str(db), source="nosuch", lock_timeout=5, workers=1)
    assert _rows(db, "select run_id, status from ingest_runs") == [("r1", "completed")]


def _quiet_cli_env(cli_env: dict[str, str]) -> dict[str, str]:
    """The test server's address, and otherwise the logging an operator's run gets by default."""
    return {k: v for k, v in cli_env.items() if k != "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"}


def test_reprocess_command_refuses_an_unknown_source(tmp_path: Path, cli_env: dict[str, str], run_cli) -> None:
    db = tmp_path / "w.duckdb"
    _warehouse_with_one_source(db)
    result = run_cli(
        ["reprocess", "--db", str(db), "--source", "nosuch", "--workers", "1"], env=_quiet_cli_env(cli_env)
    )
    assert (result.returncode, result.stderr.splitlines()) == (1, ["greenwire: error: unknown source(s): nosuch"])
    assert _rows(db, "select run_id from ingest_runs") == [("r1",)]


def _wait_for(path: Path, process: subprocess.Popen, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the run never reached its pause point"
        time.sleep(0.05)


GREENWIRE = str(Path(sys.executable).with_name("greenwire"))


def _signal_when_paused(
    command: list[str], env: dict[str, str], cwd: Path, paused: Path, how: str
) -> tuple[int, str, str, float]:
    """Run `command` until it reaches its pause point, signal it `how`, and return (exit code, stdout,
    stderr, seconds from the signal to the exit)."""
    process = subprocess.Popen(
        command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        _wait_for(paused, process)
        if how == "ctrl-c":  # SIGINT to the whole process group, as a terminal sends it
            os.killpg(process.pid, signal.SIGINT)
        else:
            os.kill(process.pid, signal.SIGINT if how == "sigint" else signal.SIGTERM)
        signalled = time.monotonic()
        stdout, stderr = process.communicate(timeout=60)
        return process.returncode, stdout, stderr, time.monotonic() - signalled
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.mark.parametrize(
    ("how", "exit_code", "first_words"),
    [
        ("ctrl-c", 130, "greenwire: interrupted;"),  # SIGINT to the whole process group, as a terminal sends it
        ("sigint", 130, "greenwire: interrupted;"),  # `kill -INT <pid>` alone (`timeout -s INT`)
        ("sigterm", 143, "greenwire: interrupted by SIGTERM;"),
    ],
)
def test_a_signal_stops_the_run_which_keeps_what_it_loaded(
    tmp_path: Path, seeds_dir: Path, cli_env: dict[str, str], how: str, exit_code: int, first_words: str
) -> None:
    corpus = tmp_path / "seeds"
    shutil.copytree(seeds_dir, corpus)
    db = tmp_path / "w.duckdb"
    paused = tmp_path / "paused"
    # Batches of 2: the first load commits 2 articles, then the process holds there (inside the
    # load task, before the flow has counted them) until the signal comes.
    env = {**_quiet_cli_env(cli_env), "GREENWIRE_PAUSE_AT": "after_load", "GREENWIRE_PAUSE_FILE": str(paused)}
    command = [GREENWIRE, "ingest", str(corpus), "--db", str(db), "--batch-size", "2", "--workers", "1"]
    returncode, stdout, stderr, stopped_after = _signal_when_paused(command, env, tmp_path, paused, how)

    assert returncode == exit_code, stderr[-2000:]
    assert stopped_after < 10
    assert stdout == ""
    assert stderr.splitlines() == [f"{first_words} 2 articles loaded in this run are kept, the next run continues"]
    ((run_id, status, counts, message),) = _rows(
        db, "select run_id, status, [discovered, new, updated, unchanged, rejected, deferred], message from ingest_runs"
    )
    assert status == "interrupted"
    assert message.startswith("interrupted by SIGTERM" if how == "sigterm" else "interrupted by SIGINT")
    # Batch 1 (2 inputs) loaded; batch 2 (2 inputs) fetched but not loaded: deferred to the next run.
    assert counts == [4, 2, 0, 0, 0, 2]
    assert _rows(db, "select count(*) from articles where first_run_id = ?", [run_id]) == [(2,)]


def test_the_guide_example_reports_bad_lines_and_missing_files_instead_of_raising(tmp_path: Path) -> None:
    import importlib.util

    from adapters.base import DiscoveryError, DiscoveryProblem, get_adapter

    example = Path(__file__).resolve().parent.parent / "docs" / "examples" / "jsonl_adapter.py"
    spec = importlib.util.spec_from_file_location("greenwire_guide_jsonl_adapter", example)
    assert spec is not None and spec.loader is not None
    spec.loader.exec_module(importlib.util.module_from_spec(spec))  # registers "jsonl"
    (tmp_path / "press.jsonl").write_text(
        '{"id": "a1", "title": "t", "text": "x"}\n{"id": \n{"title": "no id"}\n{"id": "a4", "text": "y"}\n',
        encoding="utf-8",
    )
    source = SourceConfig(name="press", adapter="jsonl", paths=("press.jsonl", "gone.jsonl"))
    refs: list[ItemRef] = []
    with pytest.raises(DiscoveryError) as raised:  # no callback: raised after every good line is out
        refs.extend(get_adapter("jsonl").discover(source, FetchContext(clock=lambda: NOW, root=tmp_path)))
    assert [r.key for r in refs] == ["press.jsonl:a1", "press.jsonl:a4"]
    assert [(p.uri, p.reason, p.transient) for p in raised.value.problems] == [
        ("press.jsonl#L2", "bad_line", False),
        ("press.jsonl#L3", "bad_line", False),
        ("gone.jsonl", "unreadable", False),
    ]
    seen: list[tuple[str, DiscoveryProblem]] = []
    ctx = FetchContext(clock=lambda: NOW, root=tmp_path, on_discovery_problem=lambda name, p: seen.append((name, p)))
    assert len(list(get_adapter("jsonl").discover(source, ctx))) == 2
    assert [(name, p.reason) for name, p in seen] == [
        ("press", "bad_line"),
        ("press", "bad_line"),
        ("press", "unreadable"),
    ]


@pytest.mark.parametrize(
    ("how", "exit_code", "line"),
    [
        ("ctrl-c", 130, "greenwire: interrupted; the next run continues"),
        ("sigterm", 143, "greenwire: interrupted by SIGTERM; the next run continues"),
    ],
)
def test_a_signal_before_the_run_starts_ends_in_one_line(
    tmp_path: Path, seeds_dir: Path, cli_env: dict[str, str], how: str, exit_code: int, line: str
) -> None:
    """Ctrl-C while the sources resolve (or a URL is sniffed, or the server starts): click used to
    print `Aborted!` and exit 1; SIGTERM ended without a word."""
    db = tmp_path / "w.duckdb"
    paused = tmp_path / "paused"
    env = {**_quiet_cli_env(cli_env), "GREENWIRE_PAUSE_AT": "sources_resolved", "GREENWIRE_PAUSE_FILE": str(paused)}
    command = [GREENWIRE, "ingest", str(seeds_dir), "--db", str(db), "--workers", "1"]
    returncode, stdout, stderr, stopped_after = _signal_when_paused(command, env, tmp_path, paused, how)

    assert (returncode, stdout, stderr.splitlines()) == (exit_code, "", [line])
    assert stopped_after < 10
    assert not db.exists() or _rows(db, "select count(*) from ingest_runs") == [(0,)]


def test_ctrl_c_stops_reprocess_which_records_the_run_interrupted(
    tmp_path: Path, seeds_dir: Path, cli_env: dict[str, str], run_cli
) -> None:
    db = tmp_path / "w.duckdb"
    loaded = run_cli(["ingest", str(seeds_dir), "--db", str(db), "--workers", "1"], env=_quiet_cli_env(cli_env))
    assert loaded.returncode == 0, loaded.stderr
    paused = tmp_path / "paused"
    env = {**_quiet_cli_env(cli_env), "GREENWIRE_PAUSE_AT": "after_load", "GREENWIRE_PAUSE_FILE": str(paused)}
    command = [GREENWIRE, "reprocess", "--db", str(db), "--workers", "1"]
    returncode, stdout, stderr, stopped_after = _signal_when_paused(command, env, tmp_path, paused, "ctrl-c")

    assert (returncode, stdout) == (130, ""), stderr[-2000:]
    assert stopped_after < 10
    assert stderr.splitlines() == [
        "greenwire: interrupted; 0 articles loaded in this run are kept, the next run continues"
    ]
    statuses = _rows(db, "select status, message from ingest_runs order by started_at")
    assert [status for status, _ in statuses] == ["completed", "interrupted"]
    assert statuses[1][1].startswith("interrupted by SIGINT")
    assert _rows(db, "select count(*) from articles") == [(5,)]
