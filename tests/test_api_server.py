"""flows.api_server: a one-shot command starts its own temporary Prefect server and leaves nothing behind."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import psutil
import pytest

from flows.api_server import ServerFailed, TemporaryServer

SERVER_APP = "prefect.server.api.server:create_app"


def _servers_for(prefect_home: str) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(["cmdline"]):
        try:
            if (
                SERVER_APP in " ".join(process.info["cmdline"] or ())
                and process.environ().get("PREFECT_HOME") == prefect_home
            ):
                found.append(process)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found


def test_ingest_without_a_configured_api_starts_and_stops_its_own_server(seeds_dir: Path, tmp_path: Path) -> None:
    home = tempfile.mkdtemp(prefix="greenwire-home-")
    with socket.socket() as probe:  # a port nobody listens on: no running server to reuse
        probe.bind(("127.0.0.1", 0))
        unused = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_API", "GREENWIRE_"))}
    env.update(PREFECT_HOME=home, GREENWIRE_PREFECT_SERVER=f"http://127.0.0.1:{unused}/api")
    db = tmp_path / "w.duckdb"
    command = [
        str(Path(sys.executable).with_name("greenwire")),
        "ingest",
        str(seeds_dir),
        "--db",
        str(db),
        "--no-progress",
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stderr == ""  # no server start-up or shutdown noise, no traceback
    assert "5           5" in result.stdout  # discovered 5, new 5
    assert _servers_for(home) == []


def test_a_server_that_cannot_start_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        server = TemporaryServer(port=taken.getsockname()[1])  # the port is in use: uvicorn exits
        server.start()
        try:
            with pytest.raises(ServerFailed, match=r"exited|did not answer"):
                server.wait_until_healthy(timeout=60)
        finally:
            server.stop()
