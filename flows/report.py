"""Run accounting and its reports: per-source tallies, the run summary, the Prefect artifact's
markdown and the one-screen summary the CLI prints."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

from adapters.base import utc_now
from cleaning.version import EXTRACTOR_VERSION
from flows import progress
from schemas import RunCounts, RunSummary
from warehouse.loader import BatchResult, LoadBatch

OUTCOMES = ("new", "updated", "unchanged", "rejected", "deferred")


@dataclass
class SourceTally:
    """One source's outcome counts, reject reasons and time within a run."""

    counts: Counter[str] = field(default_factory=Counter)
    rejects: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0


def tally_load(tally: SourceTally, batch: LoadBatch, result: BatchResult) -> None:
    """Count what one load did, and report it to the progress display."""
    for outcome in ("new", "updated", "unchanged", "rejected"):
        tally.counts[outcome] += getattr(result, outcome)
    for _, reject in batch.rejects:
        tally.rejects[reject.reason] += 1
    progress.sink().processed(result.new + result.updated + result.unchanged + result.rejected)


def summarise(
    *,
    run_id: str,
    flow_run_id: str | None,
    sources: Sequence[str],
    started: datetime,
    tallies: dict[str, SourceTally],
    status: str,
    message: str | None = None,
) -> RunSummary:
    """The run's summary from its tallies (RunCounts checks that the outcomes add up)."""
    total: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    for tally in tallies.values():
        total.update(tally.counts)
        reasons.update(tally.rejects)
    return RunSummary(
        run_id=run_id,
        flow_run_id=flow_run_id,
        sources=tuple(sources),
        status=status,
        started_at=started,
        finished_at=utc_now(),
        counts=RunCounts(discovered=total["discovered"], **{outcome: total[outcome] for outcome in OUTCOMES}),
        extractor_version=EXTRACTOR_VERSION,
        rejects_by_reason=dict(reasons),
        message=message,
    )


def summary_markdown(summary: RunSummary, tallies: dict[str, SourceTally]) -> str:
    c = summary.counts
    lines = [
        f"# GreenWire ingest `{summary.run_id}`",
        "",
        f"Status **{summary.status}**; extractor {summary.extractor_version}.",
        "",
        "| discovered | new | updated | unchanged | rejected | deferred |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {c.discovered} | {c.new} | {c.updated} | {c.unchanged} | {c.rejected} | {c.deferred} |",
        "",
        "## Rejects by reason",
        "",
    ]
    if summary.rejects_by_reason:
        lines += ["| reason | count |", "|---|---:|"]
        lines += [f"| {reason} | {n} |" for reason, n in sorted(summary.rejects_by_reason.items())]
    else:
        lines.append("None.")
    lines += ["", "## Slowest sources", "", "| source | seconds | inputs |", "|---|---:|---:|"]
    for name, tally in sorted(tallies.items(), key=lambda kv: -kv[1].seconds)[:10]:
        lines.append(f"| {name} | {tally.seconds:.1f} | {tally.counts['discovered']} |")
    return "\n".join(lines)


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
