"""The one-screen summary printed at the end of a run."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from schemas import RunSummary


def print_summary(summary: RunSummary, db: Path, console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    c = summary.counts
    seconds = (summary.finished_at - summary.started_at).total_seconds() if summary.finished_at else 0.0
    console.print(f"[bold]GreenWire run {summary.status}[/bold] in {seconds:.1f}s  (run {summary.run_id})")
    console.print(f"sources: {', '.join(summary.sources)}")
    console.print(f"warehouse: {db}")
    table = Table("discovered", "new", "updated", "unchanged", "rejected", "deferred", box=None)
    table.add_row(*(str(v) for v in (c.discovered, c.new, c.updated, c.unchanged, c.rejected, c.deferred)))
    console.print(table)
    if summary.rejects_by_reason:
        reasons = ", ".join(f"{reason} {n}" for reason, n in sorted(summary.rejects_by_reason.items()))
        console.print(f"rejects by reason: {reasons}")
        console.print('details: greenwire sql "select source_uri, stage, reason, detail from rejects"')
