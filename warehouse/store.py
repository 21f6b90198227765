"""Opening the warehouse: one writer or many readers per file, lock retries, versioned migrations."""

from __future__ import annotations

import contextlib
import os
import random
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import duckdb

DISPLAY_TIMEZONE = "Asia/Shanghai"
MIGRATION_FILE = re.compile(r"^(?P<version>\d{3})_(?P<name>[a-z0-9_]+)\.sql$")
# DuckDB names the process that holds the file lock in its error message.
LOCK_CONFLICT = re.compile(r"Could not set lock on file")
LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")
# Backoff between attempts to take the lock: doubles from FIRST to CAP seconds, with jitter.
BACKOFF_FIRST_S = 0.05
BACKOFF_CAP_S = 2.0


class WarehouseLocked(RuntimeError):
    """Another process holds the warehouse file; str() is one line naming the file and holder."""

    def __init__(self, path: str | Path, holder: str, waited_s: float) -> None:
        self.path = str(path)
        self.holder = holder
        self.waited_s = waited_s
        super().__init__(f"{self.path} is locked by another process ({holder}); gave up after {round(waited_s, 1):g}s")


class WarehouseIsDirectory(IsADirectoryError):
    """`--db` names a directory; str() is the one line every command prints."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        super().__init__(f"{self.path} is a directory, not a warehouse file (--db names the DuckDB file)")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def available_migrations() -> list[Migration]:
    """The migrations shipped in warehouse/migrations, in version order."""
    found: list[Migration] = []
    for entry in resources.files("warehouse").joinpath("migrations").iterdir():
        match = MIGRATION_FILE.match(entry.name)
        if match:
            found.append(Migration(int(match["version"]), match["name"], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"warehouse migrations must be numbered 1..N without gaps, found {versions}")
    return found


CURRENT_SCHEMA_VERSION: int = available_migrations()[-1].version


def applied_versions(con: duckdb.DuckDBPyConnection) -> list[int]:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables"
        " WHERE table_schema = 'main' AND table_name = 'schema_migrations'"
    ).fetchone()
    if not exists or not exists[0]:
        return []
    return [row[0] for row in con.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()]


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """One transaction around the block: committed if it finishes, rolled back if it raises."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def migrate(con: duckdb.DuckDBPyConnection, *, now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> list[int]:
    """Apply pending migrations in order, each in its own transaction; return the versions applied now."""
    done = set(applied_versions(con))
    if len(done) == CURRENT_SCHEMA_VERSION:  # fast path: nothing to do
        return []
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
    )
    applied: list[int] = []
    for migration in available_migrations():
        if migration.version in done:
            continue
        with transaction(con):
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                [migration.version, migration.name, now()],
            )
        applied.append(migration.version)
    return applied


def _holder(message: str) -> str:
    match = LOCK_HOLDER.search(message)
    if not match:
        return "holder unknown"
    return f"PID {match['pid']}: {Path(match['program']).name}"


DEFAULT_WAREHOUSE = Path("warehouse/greenwire.duckdb")

# The writer loads one batch at a time: a bounded buffer pool keeps a long ingest's memory flat
# (DuckDB would otherwise cache up to 80% of RAM). Readers keep DuckDB's default.
MEMORY_LIMIT_ENV = "GREENWIRE_DUCKDB_MEMORY_LIMIT"
WRITER_MEMORY_LIMIT = "512MB"


def _connect_with_retry(
    path: Path,
    *,
    read_only: bool,
    lock_timeout: float,
    sleep: Callable[[float], None],
    monotonic: Callable[[], float],
) -> duckdb.DuckDBPyConnection:
    started = monotonic()
    jitter = random.Random()
    attempt = 0
    waiting: Path | None = None
    try:
        while True:
            try:
                config = {} if read_only else {"memory_limit": os.environ.get(MEMORY_LIMIT_ENV, WRITER_MEMORY_LIMIT)}
                con = duckdb.connect(str(path), read_only=read_only, config=config)
                _no_progress_bar(con)
                return con
            except duckdb.IOException as exc:
                message = str(exc)
                if not LOCK_CONFLICT.search(message):
                    raise
                waited = monotonic() - started
                remaining = lock_timeout - waited
                if remaining <= 0:
                    raise WarehouseLocked(path, _holder(message), waited) from None
                if waiting is None:
                    waiting = _announce_waiting(path)
                delay = min(BACKOFF_CAP_S, BACKOFF_FIRST_S * 2**attempt) * (0.5 + jitter.random() / 2)
                sleep(min(delay, remaining))
                attempt += 1
    finally:
        if waiting is not None:
            _withdraw(waiting)


# A process waiting for the file leaves a note beside it (`<file>.waiting/<pid>`); a run's writer,
# which holds the file for the whole run, looks for notes after each unit of work and steps aside.
WAITING_SUFFIX = ".waiting"
STEP_ASIDE_MAX_S = 10.0  # a waiter that has not got in by then (or has died) no longer holds up the run
STEP_ASIDE_POLL_S = 0.05


def _waiting_dir(path: Path) -> Path:
    return path.with_name(path.name + WAITING_SUFFIX)


def _announce_waiting(path: Path) -> Path | None:
    note = _waiting_dir(path) / str(os.getpid())
    for _ in range(3):  # another waiter leaving may remove the empty directory between mkdir and touch
        try:
            note.parent.mkdir(exist_ok=True)
            note.touch()
            return note
        except FileNotFoundError:
            continue
        except OSError:
            return None  # a read-only directory: wait without a note
    return None


def _withdraw(note: Path) -> None:
    """Remove a waiter's note, and the notes' directory when it was the last one (nothing left beside the file)."""
    note.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # other waiters' notes are in it, or it is already gone
        note.parent.rmdir()


def others_waiting(path: Path) -> list[int]:
    """PIDs of other live processes waiting for the file (notes of dead ones are removed)."""
    try:
        names = os.listdir(_waiting_dir(path))
    except OSError:
        return []
    waiting = []
    for name in names:
        if not name.isdigit() or int(name) == os.getpid():
            continue
        try:
            os.kill(int(name), 0)
        except ProcessLookupError:
            (_waiting_dir(path) / name).unlink(missing_ok=True)
            continue
        except PermissionError:
            pass  # alive, another user's
        waiting.append(int(name))
    return waiting


def _no_progress_bar(con: duckdb.DuckDBPyConnection) -> None:
    """DuckDB draws its progress bar on stdout (a file too) once a query passes 2 s: a `greenwire sql
    --format csv > out.csv` would start with it. Printing it is switched off as well, because a later
    `SET progress_bar_time` turns the bar back on (both are per-connection settings, refused by connect())."""
    con.execute("SET enable_progress_bar = false")
    con.execute("SET enable_progress_bar_print = false")


def _is_older_warehouse(con: duckdb.DuckDBPyConnection) -> bool:
    """A GreenWire warehouse with migrations still to apply. A DuckDB file without `schema_migrations`
    is not one (say another database given to `greenwire sql`): a reader leaves it as it is."""
    applied = set(applied_versions(con))
    return bool(applied) and applied < set(range(1, CURRENT_SCHEMA_VERSION + 1))


def _upgrade(
    path: Path,
    *,
    lock_timeout: float,
    sleep: Callable[[float], None],
    monotonic: Callable[[], float],
    on_upgrade: Callable[[list[int]], None] | None,
) -> None:
    """Apply the pending migrations, waiting for the lock like any writer (WarehouseLocked after `lock_timeout`)."""
    try:
        con = _connect_with_retry(path, read_only=False, lock_timeout=lock_timeout, sleep=sleep, monotonic=monotonic)
    except duckdb.IOException:
        return  # not writable here (a read-only mount): read it as it is; `greenwire doctor` names what is pending
    try:
        applied = migrate(con)
    finally:
        con.close()
    if applied and on_upgrade is not None:  # another process may have upgraded it while we waited
        on_upgrade(applied)


@contextmanager
def open_warehouse(
    path: str | Path,
    *,
    read_only: bool = False,
    lock_timeout: float = 300.0,
    settings: Mapping[str, str] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    monotonic: Callable[[], float] = time.monotonic,
    on_upgrade: Callable[[list[int]], None] | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the warehouse for one short unit of work and close it afterwards.

    A writer creates the file and its directory if needed and brings the schema up to date.
    A DuckDB file takes one writing process or many reading ones: on a lock conflict we retry
    with exponential backoff until `lock_timeout` seconds, then raise WarehouseLocked.
    `settings` are DuckDB settings for this connection (`SET name = 'value'`).
    A reader of a warehouse an older GreenWire left (pending migrations) first opens it once for
    writing, waiting for the lock like a writer, and applies them: `on_upgrade` is told the versions.
    """
    path = Path(path)
    if path.is_dir():
        raise WarehouseIsDirectory(path)
    if read_only:
        if not path.is_file():
            raise FileNotFoundError(f"no warehouse at {path} (run an ingest first to create it)")
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = _connect_with_retry(path, read_only=read_only, lock_timeout=lock_timeout, sleep=sleep, monotonic=monotonic)
    if read_only and _is_older_warehouse(con):
        con.close()
        _upgrade(path, lock_timeout=lock_timeout, sleep=sleep, monotonic=monotonic, on_upgrade=on_upgrade)
        con = _connect_with_retry(path, read_only=True, lock_timeout=lock_timeout, sleep=sleep, monotonic=monotonic)
    try:
        con.execute(f"SET TimeZone = '{DISPLAY_TIMEZONE}'")
        for name, value in (settings or {}).items():
            if name == "memory_limit" and MEMORY_LIMIT_ENV in os.environ:
                continue  # the operator's word wins (applied when connecting)
            con.execute(f"SET {name} = '{value}'")
        if not read_only:
            migrate(con)
        yield con
    finally:
        con.close()


# A run's writer keeps its connection across batches (closing one checkpoints the whole file and
# reopening reloads the catalog: that cost more than the load itself), but lets go of it at least
# this often so that a reader waiting on the lock gets its turn.
WRITER_HOLD_SECONDS = 30.0
# How the run's writer trades memory, disk and CPU (measured on 20k-100k generated pages, load only):
# - one DuckDB thread: the extraction workers keep every core busy, and a second DuckDB thread
#   only contended with them (60k pages loaded with 2 threads: 30 s, 26 s of CPU; with one:
#   15 s, 14 s of CPU);
# - a small buffer pool: the writer appends and looks up keys, it never re-reads much. 128MB kept
#   the process ~100 MB smaller than 512MB at the same speed; 64MB another ~50 MB smaller at
#   100k pages (end to end 139-153 s against 130-144 s with 128MB: within the machine's noise),
#   though loading alone was ~30% slower (appended data spills before its checkpoint);
# - checkpoints every 128 MB of WAL: every 16 MB cost ~40% more CPU per page (each checkpoint
#   re-compresses the tables' open row groups), but past the buffer pool's size the appended
#   data spills before the checkpoint (256 MB: slower, and a file 40% larger at 60k pages);
# - no FSST string compression while loading: analysing it was ~15% of the load's CPU, for a
#   file ~9% smaller. Other writers (`sql --write`, the search index build) keep DuckDB's defaults.
# The ingest and reprocess flows' writers use these settings.
RUN_WRITER_SETTINGS: dict[str, str] = {
    "threads": "1",
    "memory_limit": "64MB",
    "checkpoint_threshold": "128MB",
    "disabled_compression_methods": "fsst",
}


class WarehouseWriter:
    """The single writer of one run: a connection opened on first use and held between units of work.

    `session()` yields the connection for one unit of work. A unit that raises closes the
    connection (a retry starts from a fresh one). After a unit, the connection is closed when
    another process is waiting for the file (`greenwire sql` during a run: the writer steps aside
    until it is in, then reopens, waiting for it if need be) or when it has been held longer than
    `hold_seconds`. `close()` ends it (a checkpoint).
    """

    def __init__(
        self,
        path: str | Path,
        *,
        lock_timeout: float = 300.0,
        hold_seconds: float = WRITER_HOLD_SECONDS,
        settings: Mapping[str, str] = RUN_WRITER_SETTINGS,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.path = Path(path)
        self.settings = dict(settings)
        self.lock_timeout = lock_timeout
        self.hold_seconds = hold_seconds
        self._monotonic = monotonic
        self._sleep = sleep
        self._lock = threading.RLock()
        self._context: contextlib.AbstractContextManager[duckdb.DuckDBPyConnection] | None = None
        self._con: duckdb.DuckDBPyConnection | None = None
        self._opened_at = 0.0

    @contextmanager
    def session(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock:
            if self._con is None:
                self._context = open_warehouse(self.path, lock_timeout=self.lock_timeout, settings=self.settings)
                self._con = self._context.__enter__()
                self._opened_at = self._monotonic()
            try:
                yield self._con
            except BaseException:
                self.close()
                raise
            if others_waiting(self.path):
                self.close()
                self._step_aside()
            elif self._monotonic() - self._opened_at >= self.hold_seconds:
                self.close()

    def _step_aside(self) -> None:
        """Closed for a process waiting on the file: give it time to get in before reopening."""
        deadline = self._monotonic() + STEP_ASIDE_MAX_S
        while others_waiting(self.path) and self._monotonic() < deadline:
            self._sleep(STEP_ASIDE_POLL_S)

    @property
    def is_open(self) -> bool:
        return self._con is not None

    def close(self) -> None:
        with self._lock:
            context, self._context, self._con = self._context, None, None
            if context is not None:
                context.__exit__(None, None, None)

    def __enter__(self) -> WarehouseWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
