"""`greenwire serve`: one deployment per source with its cron, and a triggered run that loads."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest
from prefect.client.orchestration import get_client
from prefect.deployments import run_deployment
from prefect.settings import PREFECT_API_URL

from flows.deployments import build_deployments
from schemas import SourceConfig

pytestmark = [pytest.mark.usefixtures("prefect_harness"), pytest.mark.slow]

GREENWIRE = Path(sys.executable).with_name("greenwire")


def test_deployments_carry_each_source_schedule_and_a_concurrency_limit(tmp_path: Path) -> None:
    sources = [
        SourceConfig(name="a", adapter="files", paths=("seeds",), schedule="0 * * * *"),
        SourceConfig(name="b", adapter="rss", urls=("https://example.org/feed.xml",), schedule="30 6 * * 1"),
    ]
    deployments = build_deployments(sources, db_path=str(tmp_path / "w.duckdb"))
    assert [d.name for d in deployments] == ["ingest-a", "ingest-b"]
    assert [d.schedules[0].schedule.cron for d in deployments] == ["0 * * * *", "30 6 * * 1"]
    assert all(d.concurrency_limit == 1 for d in deployments)
    assert deployments[1].parameters["params"]["sources"][0]["name"] == "b"


def _seeds_sources(tmp_path: Path, seeds_dir: Path, schedule: str) -> Path:
    """A sources.toml declaring a copy of the seeds as source `seeds` on `schedule`."""
    corpus = tmp_path / "seeds"
    shutil.copytree(seeds_dir, corpus)
    config = tmp_path / "sources.toml"
    config.write_text(
        f'[[sources]]\nname = "seeds"\nadapter = "files"\npaths = ["{corpus}"]\nschedule = "{schedule}"\n',
        encoding="utf-8",
    )
    return config


def _start_serve(config: Path, db: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(GREENWIRE), "serve", "--sources", str(config), "--db", str(db)],
        cwd=config.parent,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def _stop(serve: subprocess.Popen[str]) -> None:
    """Ctrl-C to serve's process group (serve and its runs), as a terminal sends it."""
    os.killpg(serve.pid, signal.SIGINT)
    try:
        serve.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(serve.pid, signal.SIGKILL)


def _wait_for_deployment(name: str, timeout: float) -> object:
    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            try:
                return client.read_deployment_by_name(name)
            except Exception:
                time.sleep(1)
    raise AssertionError(f"deployment {name} was not registered within {timeout}s")


def test_serve_registers_deployments_and_a_triggered_run_loads_articles(tmp_path: Path, seeds_dir: Path) -> None:
    config = _seeds_sources(tmp_path, seeds_dir, "0 3 * * *")
    db = tmp_path / "served.duckdb"
    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), "PREFECT_RUNNER_POLL_FREQUENCY": "1"}
    server = _start_serve(config, db, env)
    try:
        deployment = _wait_for_deployment("greenwire-ingest/ingest-seeds", timeout=90)
        assert deployment.schedules[0].schedule.cron == "0 3 * * *"
        flow_run = run_deployment("greenwire-ingest/ingest-seeds", timeout=180)
        assert flow_run.state is not None and flow_run.state.is_completed(), flow_run.state
    finally:
        _stop(server)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from articles").fetchone() == (5,)
        assert con.execute("select status from ingest_runs").fetchall() == [("completed",)]


def _api_url_from(output: list[str], process: subprocess.Popen[str], timeout: float) -> str:
    """The temporary server's address, from serve's line "prefect api: URL  (...)".

    A thread keeps reading serve's output (its runs' logs) so that the pipe never fills.
    """
    assert process.stdout is not None
    threading.Thread(target=lambda: output.extend(process.stdout), daemon=True).start()  # type: ignore[arg-type]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in list(output):
            if line.startswith("prefect api: "):
                return line.split()[2]
        if process.poll() is not None:
            raise AssertionError(f"serve exited ({process.returncode}) before printing its API: {output}")
        time.sleep(0.2)
    raise AssertionError(f"serve printed no API address within {timeout}s: {output}")


def _wait_for_run(api_url: str, deployment: str, wanted: Callable[[Any], bool], what: str, timeout: float) -> Any:
    """The first run of `deployment` (in expected start order) for which `wanted(run)` holds."""
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterName
    from prefect.client.schemas.sorting import FlowRunSort
    from prefect.settings import temporary_settings

    deadline = time.monotonic() + timeout
    with temporary_settings(updates={PREFECT_API_URL: api_url}), get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            runs = client.read_flow_runs(
                deployment_filter=DeploymentFilter(name=DeploymentFilterName(any_=[deployment])),
                sort=FlowRunSort.EXPECTED_START_TIME_ASC,
                limit=50,
            )
            found = [run for run in runs if run.state is not None and wanted(run)]
            if found:
                return found[0]
            time.sleep(1)
    raise AssertionError(f"no {what} run of {deployment} within {timeout}s")


def test_serve_without_a_server_creates_and_runs_scheduled_runs(tmp_path: Path, seeds_dir: Path) -> None:
    """No Prefect API configured: serve's own server schedules runs from the cron, they load, and a
    run that misses its slot is marked Late."""
    # Every 10 seconds (croniter's optional sixth field): the first run comes due within the test.
    config = _seeds_sources(tmp_path, seeds_dir, "* * * * * */10")
    db = tmp_path / "scheduled.duckdb"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_API_", "GREENWIRE_"))}
    env |= {
        "PREFECT_HOME": str(tmp_path / "prefect-home"),
        "GREENWIRE_PREFECT_SERVER": "http://127.0.0.1:9/api",  # no long-lived server to find
        "PREFECT_RUNNER_POLL_FREQUENCY": "1",
    }
    serve = _start_serve(config, db, env)
    output: list[str] = []
    try:
        api_url = _api_url_from(output, serve, timeout=180)
        flow_run = _wait_for_run(
            api_url, "ingest-seeds", lambda r: r.state.is_final() and not r.state.is_cancelled(), "finished", 180
        )
        # A serve process that cannot take its runs (stopped here) leaves them to be marked Late.
        os.killpg(serve.pid, signal.SIGSTOP)
        try:
            late_run = _wait_for_run(api_url, "ingest-seeds", lambda r: r.state.name == "Late", "Late", 90)
        finally:
            os.killpg(serve.pid, signal.SIGCONT)
    finally:
        _stop(serve)
    assert flow_run.auto_scheduled, "the run was created by the server's scheduler, not by hand"
    assert flow_run.state.is_completed(), flow_run.state
    assert late_run.auto_scheduled and late_run.state.is_scheduled()
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from articles").fetchone() == (5,)
        assert ("completed",) in con.execute("select status from ingest_runs").fetchall()
