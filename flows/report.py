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
from schemas import DeferredInput, RunCounts, RunSummary
from warehouse.loader import BatchResult, CommittedOutcomes, LoadBatch

OUTCOMES = ("new", "updated", "unchanged", "rejected", "deferred")


# Deferred inputs (transient failures, retried next run) are no rejects: they get no `rejects`
# row and no `inputs` row, so the next run fetches them again. Every one is a row of `deferrals`
# (written with its batch); the run's `ingest_runs.message` repeats the first DEFERRED_KEPT, and
# the command line prints the first DEFERRED_PRINTED.
DEFERRED_KEPT = 20
DEFERRED_PRINTED = 3
DEFERRED_DETAIL_CHARS = 400  # kept in the message; the printed line keeps DEFERRED_PRINTED_CHARS
DEFERRED_PRINTED_CHARS = 140
DEFERRED_HEADER = "deferred (transient failures, retried next run):"


def _deferred_line(item: DeferredInput) -> str:
    """One deferred input as a line of the run's message: `URL  reason: detail` (detail shortened)."""
    detail = _elide_middle(" ".join(item.detail.split()), DEFERRED_DETAIL_CHARS)
    return f"{item.uri}  {item.reason}" + (f": {detail}" if detail else "")


def _elide_middle(text: str, limit: int) -> str:
    """`text` cut to `limit` characters in the middle: an HTTP error's cause is at its end
    (`... [Errno 111] Connection refused`), its kind at its start."""
    if len(text) <= limit:
        return text
    head = limit // 3
    return text[:head] + " … " + text[len(text) - (limit - head - 3) :]


@dataclass
class SourceTally:
    """One source's outcome counts, reject reasons, the first deferred inputs and time within a run."""

    counts: Counter[str] = field(default_factory=Counter)
    rejects: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    deferred_inputs: list[DeferredInput] = field(default_factory=list)  # the first DEFERRED_KEPT


def note_deferred(tally: SourceTally, uri: str, reason: str, detail: str = "") -> None:
    """Count an input deferred to the next run (reason key `deferred:<reason>`) and keep its detail."""
    tally.counts["deferred"] += 1
    tally.rejects[f"deferred:{reason}"] += 1
    if len(tally.deferred_inputs) < DEFERRED_KEPT:
        tally.deferred_inputs.append(DeferredInput(uri=uri, reason=reason, detail=detail))


def _kept_deferred(tallies: dict[str, SourceTally]) -> tuple[DeferredInput, ...]:
    return tuple(item for tally in tallies.values() for item in tally.deferred_inputs)[:DEFERRED_KEPT]


def deferred_note(kept: Sequence[DeferredInput], total: int) -> str | None:
    """The run's deferred inputs as text for `ingest_runs.message`: a header line, then one line
    per input (`URL  reason: detail`), then how many more there were; None when none was deferred."""
    if not kept:
        return None
    lines = [f"{total} {'input' if total == 1 else 'inputs'} {DEFERRED_HEADER}", *map(_deferred_line, kept)]
    if total > len(kept):
        lines.append(f"… and {total - len(kept)} more (table deferrals lists every one)")
    return "\n".join(lines)


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
    return _run_summary(run_id, flow_run_id, sources, started, status, counts, dict(reasons), message, tallies)


def _run_summary(
    run_id: str,
    flow_run_id: str | None,
    sources: Sequence[str],
    started: datetime,
    status: str,
    counts: RunCounts,
    rejects_by_reason: dict[str, int],
    message: str | None,
    tallies: dict[str, SourceTally],
) -> RunSummary:
    """The summary; its message gets the deferred inputs' note after the run's own message."""
    deferred = _kept_deferred(tallies)
    note = deferred_note(deferred, sum(tally.counts["deferred"] for tally in tallies.values()))
    if note is not None:
        message = note if not message else f"{message}\n{note}"
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
        deferred_inputs=deferred,
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
    return _run_summary(run_id, flow_run_id, sources, started, status, counts, reasons, message, tallies)


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
    if summary.deferred_inputs:
        lines += ["", "## Deferred inputs (retried next run)", "", "| input | reason | detail |", "|---|---|---|"]
        lines += [
            f"| {d.uri} | {d.reason} | {_elide_middle(' '.join(d.detail.split()), DEFERRED_DETAIL_CHARS)} |"
            for d in summary.deferred_inputs
        ]
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
    rejected = {r: n for r, n in summary.rejects_by_reason.items() if not r.startswith("deferred:")}
    deferred = {r[len("deferred:") :]: n for r, n in summary.rejects_by_reason.items() if r.startswith("deferred:")}
    # Each hint names the run: a query over every run would show older rows, or none of this run's.
    this_run = "run_id = '" + summary.run_id.replace("'", "''") + "'"
    if rejected:
        console.print(f"rejects by reason: {_by_reason(rejected)}", markup=False)
        if c.rejected:
            _print_hint(console, f"select source_uri, stage, reason, detail from rejects where {this_run}")
    if deferred:
        console.print(f"deferred by reason (retried next run): {_by_reason(deferred)}", markup=False)
        listed = summary.deferred_inputs
        for item in listed[:DEFERRED_PRINTED]:
            why = item.reason + (f": {' '.join(item.detail.split())}" if item.detail else "")
            shown = f"  {item.uri}  {_elide_middle(why, DEFERRED_PRINTED_CHARS)}"  # the URL whole, the rest shortened
            console.print(shown, soft_wrap=True, markup=False, highlight=False)
        if listed:
            if c.deferred > DEFERRED_PRINTED:
                console.print(f"  … {c.deferred - DEFERRED_PRINTED} more")
            _print_hint(console, f"select source_uri, reason, detail from deferrals where {this_run}")


def _print_hint(console: Console, query: str) -> None:
    console.print(f'details: greenwire sql "{query}"', soft_wrap=True, markup=False, highlight=False)


def _by_reason(counts: dict[str, int]) -> str:
    return ", ".join(f"{reason} {n}" for reason, n in sorted(counts.items()))
