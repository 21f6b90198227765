"""Run the flows from the CLI: task-runner choice, progress display, state to result or error."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any

from flows import progress
from flows.interruption import RunInterrupted, interruption_signal, is_interruption
from flows.report import take_ended_early
from schemas import RunSummary, SourceConfig

if TYPE_CHECKING:
    from flows.listings import ReadListing


class FlowFailed(RuntimeError):
    """The flow ended Failed or Crashed; the message is one line for the operator."""


@contextmanager
def _progress_display(enabled: bool, label: str = "ingesting") -> Iterator[None]:
    if not enabled:
        yield
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True)

    class Sink:
        def __init__(self) -> None:
            self.task = bar.add_task("inputs", total=0)

        def discovered(self, count: int) -> None:
            bar.update(self.task, total=(bar.tasks[0].total or 0) + count)

        def processed(self, count: int) -> None:
            bar.advance(self.task, count)

    with bar:
        progress.set_sink(Sink())
        try:
            yield
        finally:
            progress.set_sink(None)


def _task_runner(kind: str, workers: int, dask_address: str | None) -> Any:
    if kind == "local":
        return None
    if kind != "dask":
        raise ValueError(f"unknown task runner {kind!r} (local or dask)")
    from prefect_dask import DaskTaskRunner

    if dask_address:
        return DaskTaskRunner(address=dask_address)
    return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True})


@contextmanager
def _flow_settings() -> Iterator[None]:
    """Prefect settings for a flow run from the command line.

    A flow run's heartbeat thread sleeps in one-second steps, and the run's end waits for it
    (measured: 0 to 1 s per run). Heartbeats tell a server that outlives the command that the run
    is alive; a temporary server started for this command dies with it, so they are left off.
    """
    from flows.api_server import temporary_server_running

    if not temporary_server_running():
        yield
        return
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield


# Imported by the first flow run (the engines, Prefect's flow graph, Arrow's scanner that DuckDB
# uses for the batches' lookups); imported earlier, they load while the API server starts.
RUN_MACHINERY = (
    "prefect.flow_engine",
    "prefect.task_engine",
    "prefect.utilities.visualization",
    "fastapi.encoders",  # Prefect encodes the flow parameters with it
    "pyarrow.dataset",
)


def _import_run_machinery() -> None:
    import importlib

    for name in RUN_MACHINERY:
        # A module moved in another Prefect or Arrow release: the run imports what it needs itself.
        with suppress(ImportError):
            importlib.import_module(name)


def _result(state: Any) -> RunSummary:
    if state.is_completed():
        return state.result()
    message = (state.message or state.name or "flow failed").splitlines()[0]
    raise FlowFailed(message)


def _run_flow(flow_call: Callable[[], Any], *, show_progress: bool = False, label: str = "ingesting") -> RunSummary:
    """One flow run from the command line: Prefect's engines are imported while the API server
    starts, the server is waited for, heartbeats are off against the command's own server, and the
    extraction pool (started by the flow with its first work) is shut down afterwards."""
    from flows.api_server import ensure_ready
    from flows.batch import shutdown_pool

    take_ended_early()  # nothing left over from an earlier run in this process
    try:
        _import_run_machinery()  # while the API server starts
        ensure_ready()
        with _flow_settings(), _progress_display(show_progress, label):
            state = flow_call()
    except BaseException as exc:
        if is_interruption(exc):
            raise RunInterrupted(take_ended_early(), interruption_signal(exc)) from None
        raise
    finally:
        shutdown_pool()
    return _result(state)


def run_ingest(
    *,
    sources: Sequence[SourceConfig],
    db_path: str,
    batch_size: int = 1000,
    workers: int = 2,
    lock_timeout: float = 300.0,
    allow_private_network: bool = False,
    task_runner: str = "local",
    dask_address: str | None = None,
    show_progress: bool = False,
    http: dict | None = None,
    listings: Sequence[ReadListing] = (),
) -> RunSummary:
    """Run the ingest flow in this process; `listings` were read before the run (the target sniff)."""
    from flows.ingest import HttpParams, IngestParams, ingest
    from flows.listings import hand_over, take_handed_over

    params = IngestParams(
        sources=list(sources),
        db_path=db_path,
        batch_size=batch_size,
        workers=workers,
        lock_timeout=lock_timeout,
        allow_private_network=allow_private_network,
        task_runner="dask" if task_runner == "dask" else "local",
        http=HttpParams(**(http or {})),
    )
    runner = _task_runner(task_runner, workers, dask_address)
    flow_fn = ingest.with_options(task_runner=runner) if runner is not None else ingest
    hand_over(listings)
    try:
        return _run_flow(lambda: flow_fn(params, return_state=True), show_progress=show_progress)
    finally:
        take_handed_over()  # a run that failed before taking them must not pass them to the next


def run_reprocess(
    *,
    db_path: str,
    source: str | list[str] | None,
    lock_timeout: float,
    workers: int,
    show_progress: bool = False,
) -> RunSummary:
    """Run the reprocess flow in this process: every archived input of `source` (a name, several, or all)."""
    from flows.reprocess import ReprocessParams, reprocess

    params = ReprocessParams(db_path=db_path, source=source, lock_timeout=lock_timeout, workers=workers)
    return _run_flow(lambda: reprocess(params, return_state=True), show_progress=show_progress, label="reprocessing")
