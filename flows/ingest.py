"""The ingest flow: discover -> fetch -> archive -> extract -> validate -> load, in batches.

Only wiring lives here. Discovery streams; refs are cut into fixed-size batches; each batch is
fetched in this process, extracted on the task runner (a process pool locally, Dask workers
with `--task-runner dask`), and loaded by this process, the single warehouse writer, in one
transaction. Extraction of the next batch overlaps the load of the previous one.
"""

from __future__ import annotations

import os
import time
import uuid
from collections import deque
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE
from prefect.runtime import flow_run
from prefect.states import Failed
from pydantic import BaseModel, Field

from adapters import get_adapter
from adapters.base import DiscoveryError, DiscoveryProblem, FetchContext, utc_now
from adapters.http import (
    DEFAULT_BACKOFF_BASE,
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_MAX_ATTEMPTS,
    DEFAULT_MAX_BYTES,
    DEFAULT_READ_TIMEOUT,
    HttpClient,
)
from cleaning.version import EXTRACTOR_VERSION
from flows import progress
from flows.batch import (
    FetchedBatch,
    Prepared,
    Sealed,
    attach_validators,
    chunk_size_for,
    chunked,
    fetch_batch,
    make_deferral,
    make_reject,
    prepare_many,
    process_pool,
    settle_unchanged,
)
from flows.interruption import interruption_message, is_interruption
from flows.listings import WarehouseListingStore, take_handed_over
from flows.memory import long_lived_objects_frozen, map_large_blocks_separately, return_free_memory
from flows.report import (
    SourceTally,
    note_deferred,
    remember_ended_early,
    summarise,
    summarise_unfinished,
    summary_markdown,
    tally_load,
)
from schemas import Deferral, RawDocument, Reject, RunSummary, SiteRules, SourceConfig
from warehouse.crashpoints import crash_point
from warehouse.loader import (
    BatchResult,
    LoadBatch,
    begin_run,
    committed_outcomes,
    finish_run,
    load_batch,
    loaded_state,
    mark_interrupted_runs,
    register_sources,
)
from warehouse.store import DEFAULT_WAREHOUSE, WarehouseLocked, WarehouseWriter

if TYPE_CHECKING:
    import duckdb

IN_FLIGHT_BATCHES = 2  # extraction of batch k+1 overlaps the load of batch k; bounds memory
# Inputs per batch. Each load transaction has a fixed cost (lookups that scan the key columns,
# the commit): 1,000 per batch loaded ~17% faster than 500 at 50k pages, for ~45 MB more in flight.
DEFAULT_BATCH_SIZE = 1000


class SourceFailed(RuntimeError):
    """A source's adapter raised instead of reporting a problem: str() is one line naming the
    source, what failed, the exception and, when it carries one, the file or URL."""


def describe_failure(source: SourceConfig, what: str, exc: BaseException) -> str:
    """`source 'press': discovery failed: JSONDecodeError: Expecting value: ... (press.jsonl)`."""
    text = str(exc).splitlines()[0] if str(exc) else ""
    line = f"source {source.name!r}: {what}: {type(exc).__name__}" + (f": {text}" if text else "")
    where = _where(exc, source)
    return f"{line} ({where})" if where and where not in line else line


def _where(exc: BaseException, source: SourceConfig) -> str | None:
    """The file or URL an exception names; else the source's one path or URL, if it has just one."""
    for candidate in (getattr(exc, "filename", None), getattr(getattr(exc, "request", None), "url", None)):
        if candidate:
            return str(candidate)
    declared = [*source.paths, *source.urls]
    return declared[0] if len(declared) == 1 else None


class HttpParams(BaseModel):
    """How politely and patiently web sources are fetched."""

    connect_timeout: float = Field(default=DEFAULT_CONNECT_TIMEOUT, gt=0)
    read_timeout: float = Field(default=DEFAULT_READ_TIMEOUT, gt=0)
    max_attempts: int = Field(default=DEFAULT_MAX_ATTEMPTS, ge=1, le=10)
    backoff_base: float = Field(default=DEFAULT_BACKOFF_BASE, ge=0)
    max_response_bytes: int = Field(default=DEFAULT_MAX_BYTES, ge=1024)

    def client(self) -> HttpClient:
        return HttpClient(
            connect_timeout=self.connect_timeout,
            read_timeout=self.read_timeout,
            max_attempts=self.max_attempts,
            backoff_base=self.backoff_base,
            max_bytes=self.max_response_bytes,
        )


class IngestParams(BaseModel):
    """Flow parameters, validated by pydantic before the run starts."""

    sources: list[SourceConfig] = Field(min_length=1)
    db_path: str = str(DEFAULT_WAREHOUSE)
    batch_size: int = Field(default=DEFAULT_BATCH_SIZE, ge=1, le=10_000)
    workers: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1, le=64)
    fetch_threads: int = Field(default=8, ge=1, le=64)
    lock_timeout: float = Field(default=300.0, ge=0)
    allow_private_network: bool = False
    task_runner: Literal["local", "dask"] = "local"
    http: HttpParams = HttpParams()


def _run_name() -> str:
    params = flow_run.parameters.get("params")
    if isinstance(params, dict):  # deployments pass parameters as JSON
        params = IngestParams.model_validate(params)
    names = [s.name for s in params.sources] if params else ["ingest"]
    label = names[0] if len(names) == 1 else f"{names[0]}+{len(names) - 1}"
    return f"ingest-{label}-{datetime.now().astimezone():%Y%m%d-%H%M%S}"


@task(name="extract-batch", cache_policy=NONE, persist_result=False)
def extract_task(
    raws: Sealed[list[RawDocument]], rules: SiteRules | None, run_id: str, now: datetime, workers: int
) -> Sealed[Prepared]:
    # On Dask the task itself runs on a worker: no nested pool there. The result is sealed too:
    # Prefect links every item of a returned list to the task run (for dependency tracking).
    chunk_size = chunk_size_for(len(raws.value), workers)
    return Sealed(
        prepare_many(raws.value, rules, run_id=run_id, now=now, pool=process_pool(workers), chunk_size=chunk_size)
    )


def _retry_on_io_error(task: Any, task_run: Any, state: Any) -> bool:
    """A failed write (disk full, a transient file-system error) is worth another try; a bug is not."""
    import duckdb

    try:
        state.result()
    except duckdb.IOException:
        return True
    except Exception:
        return False
    return False


@task(
    name="load-batch",
    cache_policy=NONE,
    persist_result=False,
    retries=2,
    retry_delay_seconds=[2, 10],
    retry_condition_fn=_retry_on_io_error,
)
def load_task(batch: Sealed[LoadBatch], writer: Sealed[WarehouseWriter]) -> BatchResult:
    crash_point("before_load")
    with writer.value.session() as con:
        result = load_batch(con, batch.value)
    crash_point("after_load")
    return_free_memory()  # the batch is loaded: what it used goes back to the system, not to fragments
    return result


def record_run_start(
    con: duckdb.DuckDBPyConnection, *, run_id: str, sources: list[str], started: datetime, flow_run_id: str | None
) -> None:
    """The run's row in ingest_runs, 'running' until its summary (flows.report.summarise) finishes it."""
    begin_run(
        con,
        run_id=run_id,
        sources=sources,
        started_at=started,
        extractor_version=EXTRACTOR_VERSION,
        flow_run_id=flow_run_id,
    )


def _loaded_state(writer: WarehouseWriter, source: str, keys: list[str]) -> dict:
    with writer.session() as con:
        return loaded_state(con, source, keys)


def _unique_refs(refs: Iterator, seen: set[str]) -> Iterator:
    """An input discovered twice in one run (a feed and a sitemap, say) is processed once."""
    for ref in refs:
        if ref.key not in seen:
            seen.add(ref.key)
            yield ref


def _assemble(
    fetched: FetchedBatch, prepared: Prepared | None, source: SourceConfig, run_id: str, now: datetime
) -> LoadBatch:
    deferred_at = fetched.deferred_at or now
    return LoadBatch(
        run_id=run_id,
        loaded_at=now,
        raws=prepared.raws if prepared else [],
        rows=[prepared.rows] if prepared else [],
        rejects=[*fetched.rejects, *(prepared.rejects if prepared else [])],
        unchanged=[(source.name, key) for key in fetched.unchanged],
        deferred=[
            make_deferral(source.name, f.uri, f.reason, f.detail, deferred_at, input_key=f.key)
            for f in fetched.deferred
        ],
    )


def _ingest_source(
    source: SourceConfig,
    params: IngestParams,
    ctx: FetchContext,
    writer: WarehouseWriter,
    run_id: str,
    tally: SourceTally,
) -> None:
    logger = get_run_logger()
    adapter = get_adapter(source.adapter)
    use_pool = params.task_runner == "local"
    pending: deque[tuple[FetchedBatch, Any]] = deque()
    # Inputs skipped before parsing, from batches with nothing else to load: their "seen in this
    # run" marks are written once at the end, so an unchanged batch costs no write transaction.
    untouched: list[str] = []

    def drain_one() -> None:
        fetched, future = pending.popleft()
        if future is None and not fetched.rejects and not fetched.deferred:
            untouched.extend(fetched.unchanged)
            return
        prepared = future.result().value if future is not None else None
        crash_point("after_extract")
        batch = _assemble(fetched, prepared, source, run_id, ctx.clock())
        tally_load(tally, batch, load_task(Sealed(batch), Sealed(writer)))

    # Web fetches wait on the network and overlap in threads; local reads are faster without.
    threads = params.fetch_threads if getattr(adapter, "fetch_in_threads", True) else 1
    seen: set[str] = set()
    problems: list[DiscoveryProblem] = []
    for refs in chunked(_unique_refs(_discover(adapter, source, ctx, problems), seen), params.batch_size):
        tally.counts["discovered"] += len(refs)
        progress.sink().discovered(len(refs))
        crash_point("after_discover")
        state = _loaded_state(writer, source.name, [r.key for r in refs])
        refs, settled = settle_unchanged(refs, state)
        if refs and use_pool:
            # The workers start with the first input that may need extracting (they import for ~1 s
            # of CPU): a re-run over unchanged inputs never starts them.
            process_pool(params.workers)
        # A plain call, not a task: per-task bookkeeping cost more than reading an unchanged batch.
        fetched = fetch_batch(attach_validators(refs, state), source, adapter, ctx, run_id=run_id, threads=threads)
        fetched.unchanged.extend(settled)
        crash_point("after_fetch")
        for failure in fetched.deferred:
            note_deferred(tally, failure.uri, failure.reason, failure.detail)
            logger.warning("deferred %s: %s %s", failure.uri, failure.reason, failure.detail)
        progress.sink().processed(len(fetched.deferred))
        future = None
        if fetched.to_extract:
            future = extract_task.submit(
                Sealed(fetched.to_extract), source.rules, run_id, ctx.clock(), params.workers if use_pool else 1
            )
            fetched.to_extract = []  # the workers hand back archived copies: keep no second copy here
        pending.append((fetched, future))
        if len(pending) >= IN_FLIGHT_BATCHES:
            drain_one()
    while pending:
        drain_one()
    if untouched:
        batch = LoadBatch(run_id=run_id, loaded_at=ctx.clock(), unchanged=[(source.name, key) for key in untouched])
        tally_load(tally, batch, load_task(Sealed(batch), Sealed(writer)))
    if problems:
        _account_discovery_problems(problems, source, writer, run_id, ctx, tally)


def record_ended_early(
    writer: WarehouseWriter, run_fields: dict[str, Any], tallies: dict[str, SourceTally], status: str, message: str
) -> RunSummary | None:
    """Finish the run's row as `failed` or `interrupted`, with the counts of the batches it
    committed; remembered for the command line (`flows.report.take_ended_early`). None if the
    warehouse could not be written (the next run marks the row `interrupted`)."""
    try:
        with writer.session() as con:
            committed = committed_outcomes(con, run_fields["run_id"])
            summary = summarise_unfinished(
                **run_fields, tallies=tallies, committed=committed, status=status, message=message
            )
            finish_run(con, summary)
    except Exception:
        get_run_logger().exception("could not record the run as %s", status)
        return None
    remember_ended_early(summary)
    return summary


def end_run_early(
    exc: BaseException,
    writer: WarehouseWriter,
    run_fields: dict[str, Any],
    tallies: dict[str, SourceTally],
    *,
    recorded: bool = True,
) -> Any:
    """End a run (ingest or reprocess) that an error or a signal stopped. An error: the row (if
    `recorded`, i.e. written already) becomes `failed` and a Failed state carrying the summary is
    returned. A signal: the row becomes `interrupted` and the interruption goes on up, DuckDB's
    "Query interrupted" as the KeyboardInterrupt it was."""
    interrupted = is_interruption(exc)
    if interrupted:
        message = interruption_message(exc)
    else:
        message = str(exc) if isinstance(exc, SourceFailed) else f"{type(exc).__name__}: {exc}".splitlines()[0]
        get_run_logger().error("run failed: %s", message, exc_info=exc)
    status = "interrupted" if interrupted else "failed"
    ended = record_ended_early(writer, run_fields, tallies, status, message) if recorded else None
    if not interrupted:
        return Failed(message=message, data=ended)
    if isinstance(exc, Exception):
        raise KeyboardInterrupt from exc
    raise exc


def _discover(adapter: Any, source: SourceConfig, ctx: FetchContext, problems: list[DiscoveryProblem]) -> Iterator:
    """The adapter's refs; listings it could not read (a feed's 404, a bad sitemap) go to `problems`."""
    try:
        yield from adapter.discover(source, ctx)
    except DiscoveryError as exc:
        problems.extend(exc.problems)
    except Exception as exc:  # an adapter that raised instead of reporting a DiscoveryProblem
        if is_interruption(exc):
            raise
        raise SourceFailed(describe_failure(source, "discovery failed", exc)) from exc


def _account_discovery_problems(
    problems: list[DiscoveryProblem],
    source: SourceConfig,
    writer: WarehouseWriter,
    run_id: str,
    ctx: FetchContext,
    tally: SourceTally,
) -> None:
    """A listing that could not be read is an input too: deferred when transient, else a reject."""
    logger = get_run_logger()
    now = ctx.clock()
    rejects: list[tuple[str | None, Reject]] = []
    deferred: list[Deferral] = []
    for problem in problems:
        tally.counts["discovered"] += 1
        logger.warning("could not read listing %s: %s %s", problem.uri, problem.reason, problem.detail)
        if problem.transient:
            note_deferred(tally, problem.uri, problem.reason, problem.detail)
            deferred.append(make_deferral(source.name, problem.uri, problem.reason, problem.detail, now))
            continue
        reject = make_reject(run_id, source.name, problem.uri, "discover", problem.reason, problem.detail, now)
        rejects.append((None, reject))
    if rejects or deferred:
        batch = LoadBatch(run_id=run_id, loaded_at=now, rejects=rejects, deferred=deferred)
        tally_load(tally, batch, load_task(Sealed(batch), Sealed(writer)))


@flow(name="greenwire-ingest", flow_run_name=_run_name, log_prints=True, validate_parameters=True)
def ingest(params: IngestParams) -> Any:
    """Ingest the given sources into the warehouse; returns the run summary."""
    logger = get_run_logger()
    run_id = str(uuid.uuid4())
    started = utc_now()
    ctx = FetchContext(
        clock=utc_now,
        http=params.http.client(),
        root=Path.cwd(),
        allow_private_network=params.allow_private_network,
    )
    tallies: dict[str, SourceTally] = {}
    flow_run_id = str(flow_run.id) if flow_run.id else None
    names = [s.name for s in params.sources]
    run_fields = {"run_id": run_id, "flow_run_id": flow_run_id, "sources": names, "started": started}
    handed_over = take_handed_over()
    map_large_blocks_separately()  # before the writer's first batch: see flows.memory
    begun = False  # the run's row exists: a run that ends early is recorded as failed or interrupted
    # The run's single writer: one connection held across batches (released now and then for readers).
    with long_lived_objects_frozen(), WarehouseWriter(params.db_path, lock_timeout=params.lock_timeout) as writer:
        try:
            with writer.session() as con:
                mark_interrupted_runs(con, now=started)
                register_sources(con, params.sources)
                record_run_start(con, **run_fields)
            begun = True
            # Discovery reads listings conditionally; what the command line already read is reused.
            listings = WarehouseListingStore(
                params.db_path, lock_timeout=params.lock_timeout, run_id=run_id, writer=writer
            )
            listings.adopt(listing for listing in handed_over if listing.source_name in names)
            ctx.listings = listings
            for source in params.sources:
                tally = tallies.setdefault(source.name, SourceTally())
                t0 = time.monotonic()
                try:
                    _ingest_source(source, params, ctx, writer, run_id, tally)
                except (SourceFailed, WarehouseLocked):
                    raise
                except Exception as exc:
                    if is_interruption(exc):
                        raise
                    raise SourceFailed(describe_failure(source, "failed", exc)) from exc
                tally.seconds = time.monotonic() - t0
                logger.info("source %s: %s", source.name, dict(tally.counts))
        except WarehouseLocked as exc:
            # What was fetched but not loaded is simply fetched again next run: nothing to keep.
            failed = summarise(**run_fields, tallies=tallies, status="failed", message=str(exc))
            return Failed(message=str(exc), data=failed)
        except BaseException as exc:  # an error, Ctrl-C, SIGTERM: the run row says how the run ended
            return end_run_early(exc, writer, run_fields, tallies, recorded=begun)
        finally:
            ctx.http.close()
        summary = summarise(**run_fields, tallies=tallies, status="completed")
        with writer.session() as con:
            finish_run(con, summary)
    create_markdown_artifact(
        key="ingest-summary", markdown=summary_markdown(summary, tallies), description="GreenWire ingest run"
    )
    return summary
