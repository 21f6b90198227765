"""QA5 finding 5: read-only commands on an older warehouse (pending migrations) upgrade it first.

`doctor` ran only the migration check and `export` failed on a table the old schema lacks; now
`sql` (without --write), `search`, `export` and `doctor` open the file once for writing, apply the
pending migrations, say so in one line on stderr, and go on read-only.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from warehouse.store import CURRENT_SCHEMA_VERSION, applied_versions, available_migrations, open_warehouse

T0 = datetime(2026, 11, 1, tzinfo=UTC)
OLD_VERSION = 4


def _old_warehouse(path: Path) -> Path:
    """A warehouse an older GreenWire left behind: migrations 1..4 applied, one article loaded."""
    con = duckdb.connect(str(path))
    con.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
        " applied_at TIMESTAMPTZ NOT NULL)"
    )
    for migration in available_migrations()[:OLD_VERSION]:
        con.execute(migration.sql)
        con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [migration.version, migration.name, T0])
    con.execute(
        "INSERT INTO articles (article_id, source_name, source_uri, canonical_key, title, title_source, language,"
        " editors, view_count, body_text, content_hash, raw_sha256, extractor, extractor_version, read_at,"
        " first_run_id, last_run_id, created_at, updated_at) VALUES ('a1', 'src', 'https://x.org/a',"
        " 'https://x.org/a', '标题', 'h1', 'zh', [], NULL, '正文', 'h', 'sha', 'html', '1.0.0', ?, 'r1', 'r1', ?, ?)",
        [T0, T0, T0],
    )
    con.execute(
        "INSERT INTO raw_documents (sha256, content, compression, size_bytes, stored_bytes, media_type, source_name,"
        " uri, input_key, read_at, timezone, first_run_id) VALUES ('sha', encode('正文'), 'none', 6, 6, 'text/plain',"
        " 'src', 'https://x.org/a', 'https://x.org/a', ?, 'Asia/Shanghai', 'r1')",
        [T0],
    )
    con.close()
    return path


def _versions(path: Path) -> list[int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return applied_versions(con)
    finally:
        con.close()


UPGRADED_LINE = (
    f"greenwire: upgraded {{db}} from schema version {OLD_VERSION} to {CURRENT_SCHEMA_VERSION}"
    f" (migrations {list(range(OLD_VERSION + 1, CURRENT_SCHEMA_VERSION + 1))})"
)


def test_doctor_upgrades_an_older_warehouse_and_runs_every_check(
    tmp_path: Path, cli_env: dict[str, str], run_cli
) -> None:
    db = _old_warehouse(tmp_path / "old.duckdb")
    result = run_cli(["doctor", "--db", str(db)], env=cli_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.splitlines() == [UPGRADED_LINE.format(db=db)]
    lines = result.stdout.splitlines()
    assert lines[0].startswith("ok    migrations") and lines[-1] == "all checks passed"
    assert len(lines) > 10  # every check ran, not only the migration check
    assert _versions(db) == list(range(1, CURRENT_SCHEMA_VERSION + 1))

    again = run_cli(["doctor", "--db", str(db)], env=cli_env)
    assert (again.returncode, again.stderr) == (0, "")  # nothing left to upgrade: nothing said


def test_export_upgrades_an_older_warehouse_and_exports_every_table(
    tmp_path: Path, cli_env: dict[str, str], run_cli
) -> None:
    db = _old_warehouse(tmp_path / "old.duckdb")
    out = tmp_path / "export"
    result = run_cli(["export", str(out), "--db", str(db)], env=cli_env)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [UPGRADED_LINE.format(db=db)]
    exported = {Path(line).name for line in result.stdout.splitlines()}
    assert {"articles.parquet", "listings.parquet", "deferrals.parquet"} <= exported
    con = duckdb.connect()
    assert con.execute(f"select title from '{out / 'articles.parquet'}'").fetchall() == [("标题",)]


def test_read_only_sql_and_search_upgrade_an_older_warehouse(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from flows.cli import app

    runner = CliRunner()
    db = _old_warehouse(tmp_path / "old.duckdb")
    result = runner.invoke(app, ["sql", "select count(*) as n from listings", "--db", str(db), "--format", "csv"])
    assert (result.exit_code, result.stdout.splitlines()) == (0, ["n", "0"])
    assert result.stderr.splitlines() == [UPGRADED_LINE.format(db=db)]

    older = _old_warehouse(tmp_path / "older.duckdb")
    hits = runner.invoke(app, ["search", "正文", "--db", str(older), "--format", "csv"])
    assert hits.exit_code == 0 and hits.stdout.splitlines()[1].startswith("a1,标题,")
    assert hits.stderr.splitlines() == [UPGRADED_LINE.format(db=older)]


def test_a_read_only_open_upgrades_then_stays_read_only(tmp_path: Path) -> None:
    db = _old_warehouse(tmp_path / "old.duckdb")
    upgrades: list[list[int]] = []
    with open_warehouse(db, read_only=True, on_upgrade=upgrades.append) as con:
        assert applied_versions(con) == list(range(1, CURRENT_SCHEMA_VERSION + 1))
        assert con.execute("select count(*) from listings").fetchone() == (0,)
        with pytest.raises(duckdb.Error):
            con.execute("CREATE TABLE x (a INTEGER)")
    assert upgrades == [list(range(OLD_VERSION + 1, CURRENT_SCHEMA_VERSION + 1))]


def test_a_duckdb_file_that_is_not_a_warehouse_is_left_alone(tmp_path: Path) -> None:
    """`greenwire sql --db other.duckdb` must not add GreenWire's tables to someone else's database."""
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE mine (x INTEGER)")
    con.close()
    with open_warehouse(path, read_only=True) as con:
        tables = {row[0] for row in con.execute("select table_name from information_schema.tables").fetchall()}
    assert tables == {"mine"}


def test_a_warehouse_that_cannot_be_written_is_read_as_it_is_and_doctor_says_what_to_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    import warehouse.store as store_module
    from flows.cli import app

    db = _old_warehouse(tmp_path / "old.duckdb")
    real_connect = store_module._connect_with_retry

    def read_only_mount(path: Path, *, read_only: bool, **kwargs: object) -> duckdb.DuckDBPyConnection:
        if not read_only:
            raise duckdb.IOException(f'IO Error: Cannot open file "{path}": Read-only file system')
        return real_connect(path, read_only=read_only, **kwargs)

    monkeypatch.setattr(store_module, "_connect_with_retry", read_only_mount)
    result = CliRunner().invoke(app, ["doctor", "--db", str(db)])
    assert result.exit_code == 1 and result.stderr == ""
    assert result.stdout.splitlines() == [
        f"FAIL  migrations  pending migrations {list(range(OLD_VERSION + 1, CURRENT_SCHEMA_VERSION + 1))}"
        " (`greenwire doctor` applies them where it can write the file)",
        "1 of 1 checks failed",
    ]
    assert _versions(db) == list(range(1, OLD_VERSION + 1))
