"""Opening the warehouse: one writer or many readers per file, lock retries, versioned migrations."""

from __future__ import annotations

import os
import random
import re
import time
from collections.abc import Callable, Iterator
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
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                [migration.version, migration.name, now()],
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
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
    while True:
        try:
            config = {} if read_only else {"memory_limit": os.environ.get(MEMORY_LIMIT_ENV, WRITER_MEMORY_LIMIT)}
            return duckdb.connect(str(path), read_only=read_only, config=config)
        except duckdb.IOException as exc:
            message = str(exc)
            if not LOCK_CONFLICT.search(message):
                raise
            waited = monotonic() - started
            remaining = lock_timeout - waited
            if remaining <= 0:
                raise WarehouseLocked(path, _holder(message), waited) from None
            delay = min(BACKOFF_CAP_S, BACKOFF_FIRST_S * 2**attempt) * (0.5 + jitter.random() / 2)
            sleep(min(delay, remaining))
            attempt += 1


@contextmanager
def open_warehouse(
    path: str | Path,
    *,
    read_only: bool = False,
    lock_timeout: float = 300.0,
    sleep: Callable[[float], None] = time.sleep,
    monotonic: Callable[[], float] = time.monotonic,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the warehouse for one short unit of work and close it afterwards.

    A writer creates the file and its directory if needed and brings the schema up to date.
    A DuckDB file takes one writing process or many reading ones: on a lock conflict we retry
    with exponential backoff until `lock_timeout` seconds, then raise WarehouseLocked.
    """
    path = Path(path)
    if read_only:
        if not path.is_file():
            raise FileNotFoundError(f"no warehouse at {path} (run an ingest first to create it)")
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = _connect_with_retry(path, read_only=read_only, lock_timeout=lock_timeout, sleep=sleep, monotonic=monotonic)
    try:
        con.execute(f"SET TimeZone = '{DISPLAY_TIMEZONE}'")
        if not read_only:
            migrate(con)
        yield con
    finally:
        con.close()
