"""Test-wide setup: a private PREFECT_HOME, no telemetry, and one Prefect test server per session."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

_PREFECT_HOME = tempfile.mkdtemp(prefix="greenwire-prefect-")
os.environ["PREFECT_HOME"] = _PREFECT_HOME
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "CRITICAL")
os.environ.setdefault("PREFECT_RESULTS_PERSIST_BY_DEFAULT", "false")

# Property tests are reproducible: the same examples every run, no example database on disk.
settings.register_profile("greenwire", derandomize=True, database=None, deadline=None)
settings.load_profile("greenwire")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"
SHARED_DIR = PROJECT_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """A throwaway Prefect API for flow tests (started once: it costs seconds)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS_DIR


@pytest.fixture
def cli_env(prefect_harness: None) -> dict[str, str]:
    """Environment for `greenwire` subprocesses: reuse the test Prefect server (no 10 s start each)."""
    from prefect.settings import PREFECT_API_URL

    env = {k: v for k, v in os.environ.items() if not k.startswith("GREENWIRE_")}
    return {**env, "PREFECT_API_URL": str(PREFECT_API_URL.value())}


@pytest.fixture
def run_cli() -> object:
    """Run the installed `greenwire` command; returns the CompletedProcess (text output)."""
    import subprocess
    import sys

    def run(args: list[str], env: dict[str, str], cwd: Path | None = None, timeout: float = 300):
        command = [str(Path(sys.executable).with_name("greenwire")), *args]
        return subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)

    return run
