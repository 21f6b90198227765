"""A temporary Prefect API server for one command, started first thing so its start-up overlaps ours.

Without a configured API URL Prefect starts the same server itself, but only when the flow begins
(after our imports and the target sniff: seconds spent one after the other), and it imports
`prefect.server` into this process to do so (~80 MB that the run never uses). This starts the
same command Prefect uses (`uvicorn prefect.server.api.server:create_app`, ephemeral mode, no
UI) as a child process, points PREFECT_API_URL at it, and stops it when the command exits,
after Prefect has flushed its logs and events (atexit runs in reverse order of registration and
this registers before Prefect is imported). The server's own output goes to a log file, not the
terminal: an operator's run prints its summary and nothing else (its shutdown logs cancelled
services); the file's tail is quoted if the server fails.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

STOP_GRACE_S = 5.0
STARTUP_TIMEOUT_ENV = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"
# A first start with a fresh PREFECT_HOME runs the server's migrations: give it time.
DEFAULT_STARTUP_TIMEOUT_S = 180.0
HEALTH_POLL_S = 0.1
# The same switches Prefect sets for its own temporary server.
EPHEMERAL_SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
# A full server (scheduler, late runs, ...) for `serve`; still no UI, which takes seconds to build.
SCHEDULING_SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_FINAL": "1"}


class ServerFailed(RuntimeError):
    """The temporary server exited or never answered its health check."""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """A killed command (SIGKILL, OOM) must not leave its server behind."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _prefect_package_dir() -> str:
    import importlib.util

    spec = importlib.util.find_spec("prefect")
    if spec is None or spec.origin is None:
        raise ServerFailed("prefect is not installed")
    return str(Path(spec.origin).parent.parent)


class TemporaryServer:
    def __init__(self, port: int | None = None, *, scheduled: bool = False) -> None:
        self.port = port or _free_port()
        self.scheduled = scheduled
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path: Path | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def start(self) -> None:
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "--app-dir",
            _prefect_package_dir(),
            "--factory",
            "prefect.server.api.server:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--log-level",
            "error",
            "--lifespan",
            "on",
        ]
        preexec = _die_with_parent if sys.platform.startswith("linux") else None
        with tempfile.NamedTemporaryFile(prefix="greenwire-prefect-server-", suffix=".log", delete=False) as log:
            self.log_path = Path(log.name)
            self.process = subprocess.Popen(
                command,
                env=self._environment(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=preexec,
                start_new_session=True,
            )
        atexit.register(self.stop)

    def _environment(self) -> dict[str, str]:
        if not self.scheduled:
            return {**os.environ, **EPHEMERAL_SERVER_ENV}
        inherited = {k: v for k, v in os.environ.items() if k != "PREFECT__SERVER_EPHEMERAL"}
        return {**inherited, **SCHEDULING_SERVER_ENV}

    def _log_tail(self) -> str:
        if self.log_path is None:
            return ""
        with contextlib.suppress(OSError):
            lines = self.log_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
            return f": {lines[-1]} (log: {self.log_path})" if lines else ""
        return ""

    def wait_until_healthy(self, timeout: float) -> None:
        """Block until /api/health answers 200; ServerFailed if the process dies or time runs out."""
        deadline = time.monotonic() + timeout
        while True:
            if self.process is None or self.process.poll() is not None:
                code = None if self.process is None else self.process.returncode
                raise ServerFailed(f"the temporary Prefect server exited (code {code}){self._log_tail()}")
            with (
                contextlib.suppress(urllib.error.URLError, OSError),
                urllib.request.urlopen(f"{self.api_url}/health", timeout=1.0) as response,
            ):
                if response.status == 200:
                    return
            if time.monotonic() >= deadline:
                raise ServerFailed(f"the temporary Prefect server did not answer within {timeout:g}s{self._log_tail()}")
            time.sleep(HEALTH_POLL_S)

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return  # it died on its own: its log stays for the operator
        process.terminate()
        try:
            process.wait(timeout=STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if self.log_path is not None:
            self.log_path.unlink(missing_ok=True)


_SERVER: TemporaryServer | None = None


def start_temporary_server(*, scheduled: bool = False) -> TemporaryServer | None:
    """Start a temporary server for this command unless one is configured or already running.

    `scheduled` starts it with all of Prefect's server services, for `serve`: its scheduler
    creates the deployments' scheduled runs (the default ephemeral mode creates none).

    "Configured" is any of Prefect's own sources of PREFECT_API_URL (environment, `.env`, `prefect.toml`,
    `pyproject.toml`, active profile: `flows.settings.configured_api_url`), which is then left in effect.
    Otherwise sets PREFECT_API_URL for this process (and the workers it starts) at once; call
    `ensure_ready()` before the first flow run. Returns None when an API is already configured.
    """
    global _SERVER
    if _SERVER is not None:
        return _SERVER
    from flows.settings import configured_api_url  # flows.settings imports this module

    if configured_api_url() is not None:
        return None
    server = TemporaryServer(scheduled=scheduled)
    server.start()
    os.environ["PREFECT_API_URL"] = server.api_url
    _SERVER = server
    return server


def temporary_server_running() -> bool:
    """Whether this command runs its flows against a server it started (and stops on exit)."""
    return _SERVER is not None


def ensure_ready() -> None:
    """Wait for the server `start_temporary_server` started, if any, as long as Prefect's own
    start-up timeout for its temporary server allows."""
    if _SERVER is not None:
        _SERVER.wait_until_healthy(float(os.environ.get(STARTUP_TIMEOUT_ENV, DEFAULT_STARTUP_TIMEOUT_S)))
