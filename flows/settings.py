"""Process-wide settings applied before Prefect is imported."""

from __future__ import annotations

import os

QUIET_ENV = {
    # Telemetry cannot reach out from here, and an operator's run should not try.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # Run logs still go to the Prefect API at INFO; the terminal shows the CLI's own summary.
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "CRITICAL",
    # The ephemeral server's shutdown logs cancelled services and pooled connections.
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
    "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
    # A first start with a fresh PREFECT_HOME runs the server's migrations: give it time.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
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
