"""`greenwire serve`: one deployment per source with its cron, and a triggered run that loads."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

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
    corpus = tmp_path / "seeds"
    shutil.copytree(seeds_dir, corpus)
    config = tmp_path / "sources.toml"
    config.write_text(
        f'[[sources]]\nname = "seeds"\nadapter = "files"\npaths = ["{corpus}"]\nschedule = "0 3 * * *"\n',
        encoding="utf-8",
    )
    db = tmp_path / "served.duckdb"
    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), "PREFECT_RUNNER_POLL_FREQUENCY": "1"}
    server = subprocess.Popen(
        [str(GREENWIRE), "serve", "--sources", str(config), "--db", str(db)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deployment = _wait_for_deployment("greenwire-ingest/ingest-seeds", timeout=90)
        assert deployment.schedules[0].schedule.cron == "0 3 * * *"
        flow_run = run_deployment("greenwire-ingest/ingest-seeds", timeout=180)
        assert flow_run.state is not None and flow_run.state.is_completed(), flow_run.state
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from articles").fetchone() == (5,)
        assert con.execute("select status from ingest_runs").fetchall() == [("completed",)]
