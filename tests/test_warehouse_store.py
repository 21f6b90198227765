"""warehouse.store: opening, migrations (fresh and upgrade in place), lock conflicts between processes."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from warehouse.store import (
    CURRENT_SCHEMA_VERSION,
    WarehouseLocked,
    WarehouseWriter,
    applied_versions,
    available_migrations,
    migrate,
    open_warehouse,
)

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
HOLD_WRITER = (
    "import duckdb, sys, time\ncon = duckdb.connect(sys.argv[1])\nprint('ready', flush=True)\ntime.sleep(60)\n"
)


def table_names(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}


def test_migrations_are_numbered_without_gaps() -> None:
    versions = [m.version for m in available_migrations()]
    assert versions == list(range(1, CURRENT_SCHEMA_VERSION + 1))
    assert CURRENT_SCHEMA_VERSION >= 2


def test_fresh_open_creates_directory_and_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "greenwire.duckdb"
    with open_warehouse(path) as con:
        assert applied_versions(con) == list(range(1, CURRENT_SCHEMA_VERSION + 1))
        names = table_names(con)
        assert {"articles", "inputs", "raw_documents", "article_observations", "article_aliases", "v_articles"} <= names
        assert con.execute("SELECT current_setting('TimeZone')").fetchone() == ("Asia/Shanghai",)
        shown = con.execute("SELECT TIMESTAMPTZ '2025-03-01 00:00:00+00'").fetchone()[0]
        assert shown.utcoffset().total_seconds() == 8 * 3600
    assert path.is_file()
    with open_warehouse(path) as con:
        assert migrate(con) == []  # already current: nothing applied


def test_opening_a_version_1_warehouse_upgrades_it_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    first = available_migrations()[0]
    con = duckdb.connect(str(path))
    con.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
        " applied_at TIMESTAMPTZ NOT NULL)"
    )
    con.execute(first.sql)
    con.execute("INSERT INTO schema_migrations VALUES (1, ?, ?)", [first.name, T0])
    con.execute(
        "INSERT INTO articles (article_id, source_name, source_uri, canonical_key, title, title_source, language,"
        " editors, view_count, body_text, content_hash, raw_sha256, extractor, extractor_version, read_at,"
        " first_run_id, last_run_id, created_at, updated_at) VALUES ('a1', 'src', 'https://x.org/a?p=1',"
        " 'https://x.org/a', '标题', 'h1', 'zh', [], 42, '正文', 'h', 'sha', 'html', '1.0.0', ?, 'r1', 'r1', ?, ?)",
        [T0, T0, T0],
    )
    con.execute(
        "INSERT INTO inputs (source_name, input_key, source_uri, article_id, raw_sha256, last_outcome, last_run_id,"
        " first_seen_at, updated_at) VALUES ('src', 'https://x.org/a?p=1', 'https://x.org/a?p=1', 'a1', 'sha',"
        " 'new', 'r1', ?, ?)",
        [T0, T0],
    )
    con.close()

    with open_warehouse(path) as con:
        assert applied_versions(con) == list(range(1, CURRENT_SCHEMA_VERSION + 1))
        assert con.execute("SELECT title, view_count FROM articles").fetchall() == [("标题", 42)]
        assert con.execute("SELECT article_id, metric, value FROM article_observations").fetchall() == [
            ("a1", "view_count", 42.0)
        ]
        assert con.execute("SELECT article_id, url_or_key FROM article_aliases").fetchall() == [
            ("a1", "https://x.org/a?p=1")
        ]
        assert con.execute("SELECT article_id, body_chars FROM v_articles").fetchall() == [("a1", 2)]


def test_read_only_open_of_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.duckdb"
    with pytest.raises(FileNotFoundError, match="no warehouse at"), open_warehouse(missing, read_only=True):
        pass
    assert not missing.exists()


def test_read_only_open_reads_and_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with open_warehouse(path):
        pass
    with open_warehouse(path, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (0,)
        with pytest.raises(duckdb.Error):
            con.execute("CREATE TABLE x (a INTEGER)")


@pytest.fixture
def writer_process(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    """Another process holding the warehouse open for writing."""
    path = tmp_path / "locked.duckdb"
    with open_warehouse(path):
        pass
    proc = subprocess.Popen([sys.executable, "-c", HOLD_WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        yield path, proc
    finally:
        proc.kill()
        proc.wait()


def test_second_writer_gives_up_after_lock_timeout_naming_the_holder(
    writer_process: tuple[Path, subprocess.Popen[str]],
) -> None:
    path, proc = writer_process
    started = time.monotonic()
    with pytest.raises(WarehouseLocked) as caught, open_warehouse(path, lock_timeout=1):
        pass
    elapsed = time.monotonic() - started
    assert 0.9 <= elapsed < 3
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path} is locked by another process (PID {proc.pid}: python")
    assert re.search(r"; gave up after 1(\.\d)?s$", message), message


def test_lock_retries_back_off_with_jitter_up_to_the_cap(writer_process: tuple[Path, subprocess.Popen[str]]) -> None:
    path, _ = writer_process
    clock = [0.0]
    delays: list[float] = []

    def fake_sleep(seconds: float) -> None:
        delays.append(seconds)
        clock[0] += seconds

    with (
        pytest.raises(WarehouseLocked),
        open_warehouse(path, lock_timeout=10, sleep=fake_sleep, monotonic=lambda: clock[0]),
    ):
        pass
    assert sum(delays) == pytest.approx(10)
    assert max(delays) <= 2.0
    assert delays[0] < 0.06 and delays[4] > delays[0] * 4  # grows exponentially
    assert len(delays) < 20


def test_reader_waits_and_gets_in_once_the_writer_leaves(writer_process: tuple[Path, subprocess.Popen[str]]) -> None:
    path, proc = writer_process

    def writer_finishes(_: float) -> None:
        proc.kill()
        proc.wait()

    with open_warehouse(path, read_only=True, lock_timeout=5, sleep=writer_finishes) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (0,)


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_run_writer_holds_one_connection_across_units_of_work(tmp_path: Path) -> None:
    clock = FakeClock()
    with WarehouseWriter(tmp_path / "w.duckdb", hold_seconds=30, monotonic=clock) as writer:
        with writer.session() as first:
            first.execute("CREATE TABLE t (x INTEGER)")
        clock.now = 10
        with writer.session() as second:
            second.execute("INSERT INTO t VALUES (1)")
        assert second is first  # no close (checkpoint) and reopen between batches
        settings = dict(
            first.execute(
                "SELECT name, value FROM duckdb_settings() WHERE name IN ('checkpoint_threshold', 'memory_limit', 'threads')"
            ).fetchall()
        )
        # 128MB, 64MB, one thread
        assert settings == {"checkpoint_threshold": "122.0 MiB", "memory_limit": "61.0 MiB", "threads": "1"}
    assert not writer.is_open
    with open_warehouse(tmp_path / "w.duckdb", read_only=True) as con:
        assert con.execute("SELECT x FROM t").fetchall() == [(1,)]


def test_the_run_writer_lets_go_after_holding_long_enough_for_readers(tmp_path: Path) -> None:
    clock = FakeClock()
    path = tmp_path / "w.duckdb"
    writer = WarehouseWriter(path, hold_seconds=30, monotonic=clock)
    with writer.session() as con:
        con.execute("CREATE TABLE t (x INTEGER)")
    clock.now = 31
    with writer.session() as con:
        con.execute("INSERT INTO t VALUES (1)")
    assert not writer.is_open  # released after the unit that passed the hold time
    reader = subprocess.run(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; print(duckdb.connect(sys.argv[1], read_only=True).sql('SELECT x FROM t').fetchall())",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert reader.stdout.strip() == "[(1,)]", reader.stderr
    with writer.session() as con:  # and reopened on demand
        assert con.execute("SELECT count(*) FROM t").fetchone() == (1,)
    writer.close()


def test_a_failed_unit_of_work_closes_the_connection_so_a_retry_starts_fresh(tmp_path: Path) -> None:
    writer = WarehouseWriter(tmp_path / "w.duckdb")
    with pytest.raises(duckdb.CatalogException), writer.session() as con:
        con.execute("SELECT * FROM no_such_table")
    assert not writer.is_open
    with writer.session() as con:
        assert con.execute("SELECT 1").fetchone() == (1,)
    writer.close()


READER = (
    "import sys, time\nfrom warehouse.store import open_warehouse\nt = time.monotonic()\n"
    "with open_warehouse(sys.argv[1], read_only=True, lock_timeout=60) as con:\n"
    "    n = con.execute('SELECT count(*) FROM t').fetchone()[0]\n"
    "print(n, round(time.monotonic() - t, 2), flush=True)\n"
)


def test_the_run_writer_steps_aside_for_a_waiting_reader_between_batches(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    writer = WarehouseWriter(path, hold_seconds=3600)  # never released for time: only for the reader
    with writer.session() as con:
        con.execute("CREATE TABLE t (x INTEGER)")
    reader = subprocess.Popen([sys.executable, "-c", READER, str(path)], stdout=subprocess.PIPE, text=True)
    batches = 0
    deadline = time.monotonic() + 30
    while reader.poll() is None and time.monotonic() < deadline:
        with writer.session() as con:  # one "batch" every 50 ms, as a run does
            con.execute("INSERT INTO t VALUES (1)")
        batches += 1
        time.sleep(0.05)
    out, _ = reader.communicate(timeout=30)
    count, waited = out.split()
    assert int(count) >= 1 and float(waited) < 10  # got in during the run, not after it
    with writer.session() as con:  # and the run goes on
        con.execute("INSERT INTO t VALUES (2)")
        assert con.execute("SELECT count(*) FROM t").fetchone()[0] == batches + 1
    writer.close()
    assert not list((tmp_path / "w.duckdb.waiting").glob("*"))  # the reader's note is gone
