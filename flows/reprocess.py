"""Replay: re-extract every archived raw document with the current code; no fetching.

Wired like the ingest flow: the archive is read a page at a time (a range of raw documents),
each page is re-extracted and normalized on the process pool while the single writer loads the
previous one in one transaction, with the ingest run's writer settings and memory measures.
"""

from __future__ import annotations

import os
import uuid
from collections import deque
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run
from prefect.states import Failed
from pydantic import BaseModel, Field

from adapters.base import utc_now
from flows import progress
from flows.batch import Prepared, Sealed, chunk_size_for, prepare_many, process_pool
from flows.ingest import IN_FLIGHT_BATCHES, end_run_early, load_task, record_run_start
from flows.memory import long_lived_objects_frozen, map_large_blocks_separately
from flows.report import SourceTally, summarise, summary_markdown, tally_load
from schemas import RawDocument, RunSummary, SiteRules, SourceConfig
from warehouse.loader import (
    LoadBatch,
    finish_run,
    inputs_for_replay,
    mark_interrupted_runs,
    replay_pages,
    stored_sources,
)
from warehouse.store import WarehouseWriter


class ReprocessParams(BaseModel):
    db_path: str
    # One source's name or several (`reprocess --source a --source b`); None: every stored source.
    source: str | list[str] | None = None
    lock_timeout: float = Field(default=300.0, ge=0)
    workers: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1, le=64)
    # Raw documents per page. Replayed bytes are read in this process (ingest's come from files
    # or the network): at 100k documents the tree peaked at 899 MiB with 500 (125 s), 1,002 MiB
    # with 750 (114 s) and 1,035 MiB with 1,000 (109 s).
    batch_size: int = Field(default=500, ge=1, le=10_000)

    @property
    def source_names(self) -> list[str]:
        """The sources asked for, in the order given (empty: all of them)."""
        if self.source is None:
            return []
        return list(dict.fromkeys([self.source] if isinstance(self.source, str) else self.source))


@task(name="reextract-batch", cache_policy=NONE, persist_result=False)
def reextract_task(
    raws: Sealed[list[RawDocument]],
    rules: Sealed[dict[str, SiteRules | None]],
    run_id: str,
    now: datetime,
    workers: int,
) -> Sealed[Prepared]:
    """One page of the archive, each source's documents with that source's site rules."""
    by_source: dict[str, list[RawDocument]] = {}
    for raw in raws.value:
        by_source.setdefault(raw.source_name, []).append(raw)
    pool = process_pool(workers)
    parts = [
        prepare_many(
            documents,
            rules.value.get(name),
            run_id=run_id,
            now=now,
            pool=pool,
            chunk_size=chunk_size_for(len(documents), workers),
            archive=False,  # the bytes are archived already
        )
        for name, documents in by_source.items()
    ]
    return Sealed(Prepared.merged(parts))


@flow(name="greenwire-reprocess", log_prints=True, validate_parameters=True)
def reprocess(params: ReprocessParams) -> Any:
    """Every stored input is extracted again from its archived bytes and loaded in place."""
    logger = get_run_logger()
    run_id = str(uuid.uuid4())
    started = utc_now()
    flow_run_id = str(flow_run.id) if flow_run.id else None
    tally = SourceTally()
    pending: deque[PrefectFuture[Sealed[Prepared]]] = deque()

    def drain_one(writer: WarehouseWriter) -> None:
        prepared = pending.popleft().result().value
        batch = LoadBatch(run_id=run_id, loaded_at=utc_now(), rows=[prepared.rows], rejects=list(prepared.rejects))
        tally_load(tally, batch, load_task(Sealed(batch), Sealed(writer)))

    map_large_blocks_separately()  # before the writer's first batch: see flows.memory
    with long_lived_objects_frozen(), WarehouseWriter(params.db_path, lock_timeout=params.lock_timeout) as writer:
        with writer.session() as con:
            sources = stored_sources(con)
            unknown = sorted(set(params.source_names) - set(sources))
            if unknown:
                # Like `ingest --source`: refused before the run, which leaves no row behind.
                return Failed(message=f"unknown source(s): {', '.join(unknown)}")
            names = params.source_names or sorted(sources)
            mark_interrupted_runs(con, now=started)
            record_run_start(con, run_id=run_id, sources=names, started=started, flow_run_id=flow_run_id)
            pages = replay_pages(con, batch_size=params.batch_size)
        run_fields = {"run_id": run_id, "flow_run_id": flow_run_id, "sources": names, "started": started}
        try:
            summary = _replay(params, writer, sources, pages, tally, drain_one, pending, run_fields)
        except BaseException as exc:  # an error, Ctrl-C, SIGTERM: the run row says how the run ended
            return end_run_early(exc, writer, run_fields, {"reprocess": tally})
    logger.info("reprocessed %s inputs: %s", summary.counts.discovered, dict(tally.counts))
    create_markdown_artifact(
        key="reprocess-summary", markdown=summary_markdown(summary, {"reprocess": tally}), description="Replay run"
    )
    return summary


def _replay(
    params: ReprocessParams,
    writer: WarehouseWriter,
    sources: dict[str, SourceConfig],
    pages: Iterable[Any],
    tally: SourceTally,
    drain_one: Callable[[WarehouseWriter], None],
    pending: deque[PrefectFuture[Sealed[Prepared]]],
    run_fields: dict[str, Any],
) -> RunSummary:
    """Every page of the archive re-extracted and loaded; the run's row finished `completed`."""
    run_id = run_fields["run_id"]
    rules = Sealed({name: config.rules for name, config in sources.items()})
    for rows in pages:
        with writer.session() as con:
            # The chosen sources' inputs, each source in SQL (ordered by source, then key, as one query would be).
            replayed = [
                item
                for name in sorted(params.source_names) or [None]
                for item in inputs_for_replay(con, rows, source_name=name)
            ]
        if not replayed:
            continue
        # Started here, by this thread, before the first task needs it: two tasks in flight
        # must not each start a pool. A replay with nothing to replay never starts one.
        process_pool(params.workers)
        tally.counts["discovered"] += len(replayed)
        progress.sink().discovered(len(replayed))
        raws = Sealed([raw for raw, _last_version in replayed])
        pending.append(reextract_task.submit(raws, rules, run_id, utc_now(), params.workers))
        if len(pending) >= IN_FLIGHT_BATCHES:
            drain_one(writer)
    while pending:
        drain_one(writer)
    summary = summarise(**run_fields, tallies={"reprocess": tally}, status="completed", message="reprocess")
    with writer.session() as con:
        finish_run(con, summary)
    return summary
