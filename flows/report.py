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
from warehouse.loader import BatchResult, CommittedOutcomes, LoadBatch

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
    counts = RunCounts(discovered=total["discovered"], **{outcome: total[outcome] for outcome in OUTCOMES})
    return _run_summary(run_id, flow_run_id, sources, started, status, counts, dict(reasons), message)


def _run_summary(
    run_id: str,
    flow_run_id: str | None,
    sources: Sequence[str],
    started: datetime,
    status: str,
    counts: RunCounts,
    rejects_by_reason: dict[str, int],
    message: str | None,
) -> RunSummary:
    return RunSummary(
        run_id=run_id,
        flow_run_id=flow_run_id,
        sources=tuple(sources),
        status=status,
        started_at=started,
        finished_at=utc_now(),
        counts=counts,
        extractor_version=EXTRACTOR_VERSION,
        rejects_by_reason=rejects_by_reason,
        message=message,
    )


def summarise_unfinished(
    *,
    run_id: str,
    flow_run_id: str | None,
    sources: Sequence[str],
    started: datetime,
    tallies: dict[str, SourceTally],
    committed: CommittedOutcomes,
    status: str,
    message: str,
) -> RunSummary:
    """The summary of a run that ended early (`interrupted`, `failed`): what its committed batches
    did, from the warehouse (`committed`), plus the inputs deferred while fetching. Inputs
    discovered but not loaded count as deferred (reason `deferred:not_processed`): the next run
    reads them, so the outcomes still add up."""
    deferred_reasons: Counter[str] = Counter()
    discovered = 0
    for tally in tallies.values():
        discovered += tally.counts["discovered"]
        deferred_reasons.update({r: n for r, n in tally.rejects.items() if r.startswith("deferred:")})
    deferred_while_fetching = sum(deferred_reasons.values())
    discovered = max(discovered, committed.total + deferred_while_fetching)
    not_processed = discovered - committed.total - deferred_while_fetching
    if not_processed:
        deferred_reasons[NOT_PROCESSED] += not_processed
    counts = RunCounts(
        discovered=discovered,
        new=committed.new,
        updated=committed.updated,
        unchanged=committed.unchanged,
        rejected=committed.rejected,
        deferred=deferred_while_fetching + not_processed,
    )
    reasons = {**committed.rejects_by_reason, **deferred_reasons}
    return _run_summary(run_id, flow_run_id, sources, started, status, counts, reasons, message)


NOT_PROCESSED = "deferred:not_processed"


# The summary of the last run in this process that ended early, for the command line's last line.
_ENDED_EARLY: list[RunSummary] = []


def remember_ended_early(summary: RunSummary) -> None:
    _ENDED_EARLY[:] = [summary]


def take_ended_early() -> RunSummary | None:
    """The summary `remember_ended_early` kept (once), or None."""
    return _ENDED_EARLY.pop() if _ENDED_EARLY else None


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
