"""Replay: re-extract every archived raw document with the current code; no fetching."""

from __future__ import annotations

import os
import uuid
from collections import Counter
from typing import Any

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run
from pydantic import BaseModel, Field

from adapters.base import utc_now
from cleaning.version import EXTRACTOR_VERSION
from flows.batch import extract_many
from flows.ingest import SourceTally, _process_pool, summary_markdown
from schemas import Article, Reject, RunCounts, RunSummary, SourceConfig
from warehouse.loader import LoadBatch, begin_run, finish_run, iter_inputs_for_replay, load_batch, stored_sources
from warehouse.store import open_warehouse


class ReprocessParams(BaseModel):
    db_path: str
    source: str | None = None
    lock_timeout: float = Field(default=300.0, ge=0)
    workers: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1, le=64)
    batch_size: int = Field(default=500, ge=1, le=10_000)


@flow(name="greenwire-reprocess", log_prints=True, validate_parameters=True)
def reprocess(params: ReprocessParams) -> Any:
    """Every stored input is extracted again from its archived bytes and loaded in place."""
    logger = get_run_logger()
    run_id = str(uuid.uuid4())
    started = utc_now()
    tally = SourceTally()
    pool = _process_pool(params.workers)
    with open_warehouse(params.db_path, lock_timeout=params.lock_timeout) as con:
        sources: dict[str, SourceConfig] = stored_sources(con)
        names = [params.source] if params.source else sorted(sources)
        begin_run(
            con,
            run_id=run_id,
            sources=names,
            started_at=started,
            extractor_version=EXTRACTOR_VERSION,
            flow_run_id=str(flow_run.id) if flow_run.id else None,
        )
        for batch in iter_inputs_for_replay(con, source_name=params.source, batch_size=params.batch_size):
            now = utc_now()
            articles: list[tuple[str, Article]] = []
            rejects: list[tuple[str | None, Reject]] = []
            by_source: dict[str, list] = {}
            for raw, _last_version in batch:
                by_source.setdefault(raw.source_name, []).append((raw, raw.key))
            for name, items in by_source.items():
                rules = sources[name].rules if name in sources else None
                outcomes = extract_many([raw for raw, _ in items], rules, run_id=run_id, now=now, pool=pool)
                for (_, key), outcome in zip(items, outcomes, strict=True):
                    if isinstance(outcome, Article):
                        articles.append((key, outcome))
                    else:
                        rejects.append((key, outcome))
                        tally.rejects[outcome.reason] += 1
            tally.counts["discovered"] += len(batch)
            result = load_batch(
                con, LoadBatch(run_id=run_id, loaded_at=now, raws=[], articles=articles, rejects=rejects, unchanged=[])
            )
            for outcome in result.outcomes.values():
                tally.counts[outcome] += 1
        counts = RunCounts(
            discovered=tally.counts["discovered"],
            new=tally.counts["new"],
            updated=tally.counts["updated"],
            unchanged=tally.counts["unchanged"],
            rejected=tally.counts["rejected"],
        )
        summary = RunSummary(
            run_id=run_id,
            flow_run_id=str(flow_run.id) if flow_run.id else None,
            sources=tuple(names),
            status="completed",
            started_at=started,
            finished_at=utc_now(),
            counts=counts,
            extractor_version=EXTRACTOR_VERSION,
            rejects_by_reason=dict(Counter(tally.rejects)),
            message="reprocess",
        )
        finish_run(con, summary)
    logger.info("reprocessed %s inputs: %s", counts.discovered, dict(tally.counts))
    create_markdown_artifact(
        key="reprocess-summary", markdown=summary_markdown(summary, {"reprocess": tally}), description="Replay run"
    )
    return summary
