"""How a run stopped by a signal is recognised and told: Ctrl-C (SIGINT) or SIGTERM, however it surfaced.

Light on purpose (no Prefect, no warehouse): the command line uses it before anything heavy is imported,
so a Ctrl-C during start-up ends in the same one line as one during the run.
"""

from __future__ import annotations

import signal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from schemas import RunSummary


class RunInterrupted(Exception):
    """Ctrl-C or SIGTERM stopped the run. `summary` is the run as recorded (`interrupted`, with what
    its committed batches loaded), None when it stopped before or after its row could be written."""

    def __init__(self, summary: RunSummary | None, signum: int) -> None:
        self.summary = summary
        self.signum = signum
        super().__init__(interrupted_line(summary, signum))


# DuckDB turns a Ctrl-C that arrives during a query into an error of its own (1.5: a RuntimeError).
DUCKDB_INTERRUPTED = "Query interrupted"


def is_interruption(exc: BaseException) -> bool:
    """Ctrl-C or a termination signal, however it surfaced: KeyboardInterrupt, SystemExit (the CLI's
    SIGTERM handler), Prefect's TerminationSignal, or DuckDB's "Query interrupted" (a Ctrl-C that
    arrived during a query, which DuckDB consumes)."""
    import duckdb

    if not isinstance(exc, Exception):
        return True
    return isinstance(exc, duckdb.InterruptException) or (
        isinstance(exc, RuntimeError) and str(exc).strip() == DUCKDB_INTERRUPTED
    )


def interruption_signal(exc: BaseException) -> int:
    """The signal behind an interruption (SIGINT unless the exception names another)."""
    signum = getattr(exc, "signal", None)  # prefect.exceptions.TerminationSignal
    if isinstance(exc, SystemExit) and isinstance(exc.code, int) and exc.code > 128:
        signum = exc.code - 128
    return signum if isinstance(signum, int) else int(signal.SIGINT)


def signal_name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def interruption_message(exc: BaseException) -> str:
    """The run row's message for a run stopped by a signal."""
    return f"interrupted by {signal_name(interruption_signal(exc))}; what was loaded is kept, the next run continues"


def interrupted_line(summary: RunSummary | None, signum: int) -> str:
    """The command line's one line for a run stopped by Ctrl-C (SIGINT) or another signal."""
    how = "interrupted" if signum == signal.SIGINT else f"interrupted by {signal_name(signum)}"
    if summary is None:
        return f"{how}; the next run continues"
    loaded = summary.counts.new + summary.counts.updated
    kept = "1 article loaded in this run is kept" if loaded == 1 else f"{loaded} articles loaded in this run are kept"
    return f"{how}; {kept}, the next run continues"
