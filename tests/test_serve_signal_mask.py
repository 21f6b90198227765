"""`serve` blocks SIGINT while it runs (its own thread takes Ctrl-C) and must give the mask back when
it returns: a process that goes on (a test runner, a script calling the command) otherwise started
every later child with SIGINT blocked, and Ctrl-C no longer stopped them (the run-endings tests hung)."""

from __future__ import annotations

import signal
import threading
from pathlib import Path

from typer.testing import CliRunner

from flows.cli import app
from flows.serving import interrupts_taken


def _sigint_blocked() -> bool:
    return signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, set())


def _waiters() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "greenwire-serve-interrupts"]


def test_the_block_restores_the_mask_and_ends_its_thread() -> None:
    assert not _sigint_blocked()
    with interrupts_taken():
        assert _sigint_blocked() and _waiters()
    assert not _sigint_blocked()
    assert not _waiters()


def test_a_serve_that_fails_early_leaves_sigint_unblocked(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")  # no server is started
    result = CliRunner().invoke(
        app, ["serve", "--sources", str(tmp_path / "missing.toml"), "--db", str(tmp_path / "w.duckdb")]
    )
    assert result.exit_code == 1
    assert not _sigint_blocked()
    assert not _waiters()
