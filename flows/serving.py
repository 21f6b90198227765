"""`greenwire serve`'s life cycle: runs left behind are ended at start, and a stop leaves none behind.

Prefect's `serve()` on Ctrl-C or SIGTERM tears its runner down without ending the runs it executes:
their flow-run processes (same process group) got the terminal's Ctrl-C too and raced the runner's
own SIGTERM and the temporary API server's shutdown, so a run could stay Running in Prefect, holding
its deployment's concurrency slot (limit 1, CANCEL_NEW) for good: every later run of that source was
then cancelled. Here:

- Ctrl-C reaches `serve` only: SIGINT is blocked in the serving process before the runner starts any
  thread or process, so the flow-run processes and their extraction workers inherit it blocked (no
  second signal mid-recording, no `multiprocessing` tracebacks from workers being spawned); a
  dedicated thread takes it with `sigwait`. SIGTERM goes through the runner's `handle_sigterm`.
- Either signal ends the runs first: one SIGTERM to each flow-run process (after a few seconds' grace
  for a Ctrl-C, which reached them too), which records its warehouse row as interrupted and proposes
  its final state (releasing its slot); SIGKILL after 30 s. Then the runner's loops are stopped, all
  before the API server is.
- Runs of our deployments still Pending, Running or Cancelling once the runner has stopped, or found
  so when `serve` starts (a serve that was killed), have no process executing them: `serve` is their
  only executor. They are set Crashed (forced), which releases their slot; a slot still taken with no
  run holding it is reset. One line per run tells the operator.
"""

from __future__ import annotations

import _thread
import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType
from typing import TYPE_CHECKING, Any
from uuid import UUID

if TYPE_CHECKING:
    from prefect.client.orchestration import PrefectClient
    from prefect.client.schemas.objects import FlowRun
    from prefect.deployments.runner import RunnerDeployment

# States in which a run holds (or is about to hold) its deployment's concurrency slot.
ACTIVE_STATE_NAMES = ("PENDING", "RUNNING", "CANCELLING")
ORPHAN_MESSAGE = "greenwire serve stopped while this run was in progress; no process is executing it"
SHUTDOWN_MESSAGE = "greenwire serve was stopped; the run was interrupted and its warehouse row says so"
# Seconds a run's process gets to record its interruption after serve's SIGTERM (Prefect gives 30).
RUN_STOP_GRACE_S = 30.0
# Seconds the runs get to end on a terminal's Ctrl-C before serve sends them SIGTERM.
INTERRUPT_GRACE_S = 5.0
# Runs of one deployment read per request; a deployment has at most one active run (limit 1).
RUNS_PAGE = 200


@dataclass
class StopRequest:
    """The first Ctrl-C or SIGTERM: its number, and the event that wakes the serving loop."""

    signum: int | None = None
    _loop: asyncio.AbstractEventLoop | None = None
    _event: asyncio.Event | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def bind(self, loop: asyncio.AbstractEventLoop, event: asyncio.Event) -> None:
        with self._lock:
            self._loop, self._event = loop, event
            if self.signum is not None:
                loop.call_soon_threadsafe(event.set)

    def request(self, signum: int) -> None:
        with self._lock:
            if self._loop is None:
                # Before serving (sources, server start-up, deployments): a plain Ctrl-C in the main
                # thread, which the command turns into its one line.
                _thread.interrupt_main(signum)
                return
            if self.signum is not None:
                return  # the stop is under way: it ends the runs in progress, then exits
            self.signum = signum
            loop, event = self._loop, self._event
        if event is not None:
            with contextlib.suppress(RuntimeError):  # the loop has closed: the stop is past waking it
                loop.call_soon_threadsafe(event.set)


@contextmanager
def interrupts_taken() -> Iterator[StopRequest]:
    """Keep Ctrl-C from everything `serve` starts while the block runs: enter it first, before any thread.

    SIGINT is blocked in this thread, and so in every thread and process started after (a blocked
    mask is inherited), and taken by a thread of its own with `sigwait`: only `serve` gets a
    terminal's Ctrl-C, and it stops its runs with one signal each. On leaving, that thread ends and
    the mask is restored (a process that goes on, a test runner say, must not start its children
    with SIGINT blocked).
    """
    stop = StopRequest()
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    closed = threading.Event()

    def wait_for_interrupts() -> None:
        while True:
            signum = signal.sigwait({signal.SIGINT})
            if closed.is_set():
                return
            stop.request(signum)

    waiter = threading.Thread(target=wait_for_interrupts, name="greenwire-serve-interrupts", daemon=True)
    waiter.start()
    try:
        yield stop
    finally:
        closed.set()
        if waiter.ident is not None and waiter.is_alive():
            signal.pthread_kill(waiter.ident, signal.SIGINT)  # wakes its sigwait (blocked there: no handler runs)
            waiter.join(timeout=1.0)
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _runner(stop: StopRequest) -> Any:
    from prefect.runner import Runner

    class ServeRunner(Runner):
        """Prefect's runner, whose SIGTERM handler asks for our stop instead of calling `stop()` from
        inside the event loop (a coroutine never awaited) and exiting 0."""

        def handle_sigterm(self, signum: int = signal.SIGTERM, frame: FrameType | None = None, **_: Any) -> None:
            stop.request(signum)

    return ServeRunner(pause_on_shutdown=True)


async def _active_runs(client: PrefectClient, deployment_ids: Sequence[UUID]) -> list[FlowRun]:
    from prefect.client.schemas.filters import (
        FlowRunFilter,
        FlowRunFilterDeploymentId,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType
    from prefect.client.schemas.sorting import FlowRunSort

    if not deployment_ids:
        return []
    return await client.read_flow_runs(
        flow_run_filter=FlowRunFilter(
            deployment_id=FlowRunFilterDeploymentId(any_=list(deployment_ids)),
            state=FlowRunFilterState(
                type=FlowRunFilterStateType(any_=[StateType[name] for name in ACTIVE_STATE_NAMES])
            ),
        ),
        # Explicit sort and limit: the server of the pinned stack rejects the client's default nulls.
        sort=FlowRunSort.EXPECTED_START_TIME_ASC,
        limit=RUNS_PAGE,
    )


async def end_orphaned_runs(client: PrefectClient, deployments: Mapping[UUID, str]) -> list[str]:
    """Set Crashed (forced) every run of `deployments` (id -> name) still Pending, Running or
    Cancelling, and free a deployment's concurrency slot that no run holds any more.

    Only for when nothing executes these deployments: at `serve`'s start (a previous serve was
    killed) and after its runner has stopped. Returns one line per run or slot, for the operator.
    """
    from prefect.client.schemas.actions import GlobalConcurrencyLimitUpdate
    from prefect.states import Crashed

    lines = []
    for run in await _active_runs(client, list(deployments)):
        state = run.state.name if run.state is not None else "without a state"
        # Forced: the transition skips the orchestration rules that would refuse it, but still
        # releases the deployment's concurrency slot (the server's MinimalFlowPolicy keeps that rule).
        await client.set_flow_run_state(run.id, Crashed(message=ORPHAN_MESSAGE), force=True)
        name = deployments.get(run.deployment_id, str(run.deployment_id)) if run.deployment_id else "?"
        lines.append(f"run {run.name} of {name} was left {state} by a serve that is gone: set Crashed, slot released")
    still_active = {run.deployment_id for run in await _active_runs(client, list(deployments))}
    for deployment_id, name in deployments.items():
        if deployment_id in still_active:
            continue
        limit = (await client.read_deployment(deployment_id)).global_concurrency_limit
        if limit is not None and limit.active_slots > 0:
            await client.update_global_concurrency_limit(limit.name, GlobalConcurrencyLimitUpdate(active_slots=0))
            lines.append(f"deployment {name}: {limit.active_slots} concurrency slot(s) held by no run released")
    return lines


async def _end_run_processes(runner: Any, signum: int | None) -> None:
    """One SIGTERM to each run's process (its flow records the warehouse row as interrupted and
    proposes its final state, which frees its slot), then up to RUN_STOP_GRACE_S for them to exit;
    SIGKILL after that (the sweep that follows sets such a run Crashed)."""
    import anyio

    manager = runner._process_manager  # Prefect 3.8.8: the runner's map of run id -> process handle
    handles = [handle for run_id in manager.flow_run_ids() if (handle := manager.get(run_id)) is not None]
    # A run killed by SIGTERM skips its exit handlers: its extraction workers would outlive it,
    # holding its output pipe open, and the runner would wait on that pipe for ever.
    workers = [pid for handle in handles if handle.pid is not None for pid in _descendants(handle.pid)]
    if signum == signal.SIGINT:
        # A terminal's Ctrl-C reached the runs' processes too (their main thread does not keep
        # SIGINT blocked): give them time to end on it, and a second signal only to those that did not.
        deadline = anyio.current_time() + INTERRUPT_GRACE_S
        while any(_running(handle) for handle in handles) and anyio.current_time() < deadline:
            await anyio.sleep(0.1)
    for handle in handles:
        with contextlib.suppress(ProcessLookupError):
            handle.graceful_kill()
    deadline = anyio.current_time() + RUN_STOP_GRACE_S
    while any(_running(handle) for handle in handles) and anyio.current_time() < deadline:
        await anyio.sleep(0.1)
    for handle in handles:
        if _running(handle):
            with contextlib.suppress(ProcessLookupError):
                handle.hard_kill()
    for pid in workers:  # orphans of a run that has ended: SIGKILL, or the resource tracker warns on stderr
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


def _descendants(pid: int) -> list[int]:
    """The processes below `pid` (Linux /proc; none found elsewhere)."""
    from pathlib import Path

    parents: dict[int, int] = {}
    with contextlib.suppress(OSError):
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError, IndexError, ValueError):
                    parents[int(entry.name)] = int(entry.joinpath("stat").read_text().rsplit(")", 1)[1].split()[1])
    found, frontier = [], {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found += sorted(frontier)
    return found


def _running(handle: Any) -> bool:
    return handle.returncode is None and handle.is_alive()


@dataclass(frozen=True)
class ServeEnded:
    """How `serve` ended: the signal that stopped it (None: the runner ended on its own) and the runs
    that were in progress then."""

    signum: int | None
    stopped_runs: list[str]


async def _serve(deployments: Sequence[RunnerDeployment], stop: StopRequest, echo: Callable[[str], None]) -> list[str]:
    import anyio
    from prefect.client.orchestration import get_client

    woken = asyncio.Event()
    stop.bind(asyncio.get_running_loop(), woken)
    runner = _runner(stop)
    ours = {await runner.aadd_deployment(deployment): deployment.name for deployment in deployments}
    async with get_client() as client:
        for line in await end_orphaned_runs(client, ours):
            echo(line)
    stopped: list[str] = []
    if stop.signum is None:

        async def run_until_stopped() -> None:
            try:
                await runner.start()
            finally:
                woken.set()  # the runner ended on its own (an error): nothing left to wait for

        async with anyio.create_task_group() as group:
            group.start_soon(run_until_stopped)
            await woken.wait()
            if runner.started:
                async with get_client() as client:
                    # The runs this serve was executing (a Ctrl-C may already be ending them in Prefect).
                    executing = runner._process_manager.flow_run_ids()
                    stopped = [(await client.read_flow_run(run_id)).name for run_id in executing]
                await _end_run_processes(runner, stop.signum)

                async def runs_already_ended() -> None:
                    """`Runner.astop` without its cancellation of the runs, which waits on each run's
                    control channel: a run that has already ended may never answer (seen: serve hung)."""

                runner.cancel_all = runs_already_ended
                await runner.astop()
            else:
                group.cancel_scope.cancel()
    async with get_client() as client:
        for line in await end_orphaned_runs(client, ours):
            echo(line)
    return stopped


def serve_until_stopped(
    deployments: Sequence[RunnerDeployment], stop: StopRequest, echo: Callable[[str], None]
) -> ServeEnded:
    """Serve `deployments` until Ctrl-C or SIGTERM; runs in progress are then stopped and ended.
    `stop` comes from `interrupts_taken`, called when the command began."""

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.request(signum)

    # A thread started before `interrupts_taken` (none is expected) may still receive a Ctrl-C.
    previous = {signum: signal.signal(signum, request_stop) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        stopped = asyncio.run(_serve(deployments, stop, echo))
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return ServeEnded(signum=stop.signum, stopped_runs=stopped)
