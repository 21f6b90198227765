"""Process-wide settings applied before Prefect is imported."""

from __future__ import annotations

import os

from flows.api_server import DEFAULT_STARTUP_TIMEOUT_S, STARTUP_TIMEOUT_ENV

QUIET_ENV = {
    # Telemetry cannot reach out from here, and an operator's run should not try.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # Run logs still go to the Prefect API at INFO; the terminal shows the CLI's own summary.
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "CRITICAL",
    # The ephemeral server's shutdown logs cancelled services and pooled connections.
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
    "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
    STARTUP_TIMEOUT_ENV: f"{DEFAULT_STARTUP_TIMEOUT_S:g}",
}
VERBOSE_ENV = {
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "INFO",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
}


def configure_environment(*, verbose: bool = False) -> None:
    """Set Prefect's environment for a CLI process; explicit user settings win, unless verbose."""
    for key, value in QUIET_ENV.items():
        os.environ.setdefault(key, value)
    if verbose:
        os.environ.update(VERBOSE_ENV)
    reuse_running_server()


LOCAL_SERVER_ENV = "GREENWIRE_PREFECT_SERVER"
DEFAULT_LOCAL_SERVER = "http://127.0.0.1:4200/api"


def reuse_running_server(probe_timeout: float = 0.3) -> str | None:
    """Point Prefect at a server that is already running, instead of starting a temporary one.

    An explicit PREFECT_API_URL always wins. Otherwise a healthy server at GREENWIRE_PREFECT_SERVER
    (default: the `prefect server start` address) is used; starting a temporary server costs
    seconds per process.
    """
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    url = os.environ.get(LOCAL_SERVER_ENV, DEFAULT_LOCAL_SERVER).rstrip("/")
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(f"{url}/health", timeout=probe_timeout) as response:
            healthy = response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return None
    if healthy:
        os.environ["PREFECT_API_URL"] = url
        return url
    return None
