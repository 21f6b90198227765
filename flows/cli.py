"""The `greenwire` command: thin wrappers over the flows and the warehouse's read helpers."""

from __future__ import annotations

import io
import json
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup, TyperOption

from adapters.http import DEFAULT_MAX_ATTEMPTS, DEFAULT_READ_TIMEOUT, shared_robots_cache
from flows.api_server import start_temporary_server
from flows.interruption import RunInterrupted
from flows.settings import configure_environment
from warehouse.crashpoints import crash_point
from warehouse.store import DEFAULT_WAREHOUSE


class _FlagsWithoutTypes(TyperGroup):
    """The command group; its help shows a flag without a value type.

    typer 0.29's rich help prints every option's type, flags included (`--help <bool>`, as if it took a
    value); where an option has a metavar it prints that instead, so flags get an empty one.
    """

    def get_params(self, ctx: typer.Context) -> list[Any]:
        return _flags_untyped(super().get_params(ctx))

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _flags_untyped(command.get_params(ctx))  # includes the (cached) --help option
        return command


def _flags_untyped(params: list[Any]) -> list[Any]:
    for param in params:
        if isinstance(param, TyperOption) and param.is_flag and not param.count and param.metavar is None:
            param.metavar = ""
    return params


app = typer.Typer(
    cls=_FlagsWithoutTypes,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="GreenWire: ingest green-building news and policy articles into DuckDB.",
)

# Every command's --db refuses a directory in one line (_refuse_directory_db, defined below: hence the lambda).
DbOption = Annotated[
    Path,
    typer.Option(
        "--db", envvar="GREENWIRE_DB", help="DuckDB warehouse file.", callback=lambda db: _refuse_directory_db(db)
    ),
]
SourcesOption = Annotated[
    Path, typer.Option("--sources", envvar="GREENWIRE_SOURCES", help="Source declarations (TOML).")
]
DEFAULT_SOURCES = Path("sources.toml")
# The ranges the flows' parameters accept (flows.ingest.IngestParams, HttpParams): checked when the
# options are parsed, so an error names the option instead of a pydantic model.
MAX_WORKERS = 64
MAX_BATCH_SIZE = 10_000
MAX_HTTP_ATTEMPTS = 10
DEFAULT_WORKERS = min(os.cpu_count() or 1, MAX_WORKERS)
WorkersOption = Annotated[int, typer.Option(min=1, max=MAX_WORKERS, help="Extraction processes.")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's logs.")]
ProgressOption = Annotated[bool, typer.Option("--progress/--no-progress", help="Show a progress bar (on a terminal).")]
DETECT_LOCK_TIMEOUT = 5.0  # seconds target detection waits to read the warehouse before sniffing instead


def _positive(value: float) -> float:
    """Option callback: a duration that must be more than zero (typer's `min=` includes its bound)."""
    if value <= 0:
        raise typer.BadParameter(f"must be more than 0, not {value:g}.")
    return value


@contextmanager
def _signals_end_in_one_line() -> Iterator[None]:
    """Ctrl-C or SIGTERM at any point of a run command ends in one line and exit 128 + the signal (used as
    the commands' decorator).

    During the run the flow records it (`RunInterrupted`, with what was kept); before the run starts
    (sources resolving, a URL being sniffed, the Prefect server starting) click would print `Aborted!`
    and exit 1 for a Ctrl-C, and a SIGTERM would end silently.
    """
    from flows.interruption import interrupted_line, interruption_signal

    try:
        yield
    except RunInterrupted as exc:
        typer.echo(f"greenwire: {exc}", err=True)
        raise typer.Exit(128 + exc.signum) from None
    except (KeyboardInterrupt, SystemExit) as exc:
        if isinstance(exc, SystemExit) and not (isinstance(exc.code, int) and exc.code > 128):
            raise  # an ordinary exit, not the SIGTERM handler's
        signum = interruption_signal(exc)
        typer.echo(f"greenwire: {interrupted_line(None, signum)}", err=True)
        raise typer.Exit(128 + signum) from None


class CliError(Exception):
    """A failure the user can act on: printed as one line, exit code 1."""


def fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"greenwire: error: {message}", err=True)
    return typer.Exit(code)


def _say_upgraded(db: Path) -> Callable[[list[int]], None]:
    """`open_warehouse`'s on_upgrade for the read-only commands: one line on stderr when they upgraded an older file."""

    def say(applied: list[int]) -> None:
        typer.echo(
            f"greenwire: upgraded {db} from schema version {applied[0] - 1} to {applied[-1]} (migrations {applied})",
            err=True,
        )

    return say


def _refuse_directory_db(db: Path) -> Path:
    """The `--db` option's check: a directory gives the same one line from every command, before any work."""
    if db.is_dir():
        from warehouse.store import WarehouseIsDirectory

        raise fail(str(WarehouseIsDirectory(db)))
    return db


def _configured_sources(path: Path, *, targets_hint: bool = False, named: bool = False) -> list[Any]:
    """The sources declared in `path`; `targets_hint`: the command also takes TARGETs (say so when it is missing);
    `named`: `--sources` was given on the command line (a missing file is named as the option, whatever its name)."""
    from adapters.config import load_sources

    if not path.exists():
        raise CliError(_missing_sources_message(path, targets_hint=targets_hint, named=named))
    return load_sources(path)


def _missing_sources_message(path: Path, *, targets_hint: bool, named: bool = False) -> str:
    """The file the user named is missing, or the default one is not in this directory."""
    from_env = os.environ.get("GREENWIRE_SOURCES")
    if not named and from_env is not None and Path(from_env) == path:
        return f"GREENWIRE_SOURCES={path}: no such file"
    if named or path != DEFAULT_SOURCES:
        return f"--sources {path}: no such file"
    hint = "pass --sources FILE" + (" or a TARGET to ingest" if targets_hint else "")
    return f"no {path} in {Path.cwd()} (the default --sources): {hint}"


def _parameter_source(ctx: typer.Context, name: str) -> str | None:
    """Where option `name`'s value came from: "commandline", "environment", "default", ... (None: unknown).

    By name: typer 0.29 parses with its own copy of click, whose ParameterSource enum is not click's.
    """
    source = ctx.get_parameter_source(name)
    return source.name.lower() if source is not None else None


def _resolve_sources(
    targets: list[str],
    sources_path: Path,
    only: list[str],
    allow_private: bool,
    listings: Any = None,
    *,
    takes_targets: bool = False,
    sources_given: str | None = None,
) -> list[Any]:
    """The sources to run; `listings` (a ListingStore) lets URL targets skip or keep their sniff.

    `sources_given`: where `sources_path` came from, `_parameter_source`'s answer. Beside TARGETs only the
    default file may be absent: one named on the command line or in GREENWIRE_SOURCES must exist.
    """
    from adapters.base import FetchContext

    named = sources_given == "commandline"
    explicit = sources_given in ("commandline", "environment")
    configured = (
        _configured_sources(sources_path, targets_hint=takes_targets, named=named)
        if sources_path.exists() or not targets or explicit
        else []
    )
    if not targets:
        chosen = [s for s in configured if not only or s.name in only]
        missing = set(only) - {s.name for s in chosen}
        if missing:
            raise CliError(f"unknown source(s): {', '.join(sorted(missing))}")
        return chosen
    ctx = FetchContext(allow_private_network=allow_private, listings=listings)
    try:
        resolved = _sources_for_targets(targets, configured, ctx)
    finally:
        if ctx.http is not None:
            ctx.http.close()
    if allow_private:
        resolved = {k: v.model_copy(update={"allow_private_network": True}) for k, v in resolved.items()}
    return list(resolved.values())


def _sources_for_targets(targets: list[str], configured: list[Any], ctx: Any) -> dict[str, Any]:
    from adapters.detect import source_for_target

    resolved: dict[str, Any] = {}
    for target in targets:
        source = source_for_target(target, configured=configured, ctx=ctx)
        if source.name in resolved:  # several targets of one source: one source, all their paths/urls
            prev = resolved[source.name]
            source = prev.model_copy(
                update={"paths": tuple(dict.fromkeys(prev.paths + source.paths)), "urls": prev.urls + source.urls}
            )
        resolved[source.name] = source
    return resolved


@app.command()
@_signals_end_in_one_line()
@shared_robots_cache()  # the target sniff's HTTP client and the run's read each host's robots.txt once
def ingest(
    ctx: typer.Context,
    targets: Annotated[
        list[str] | None, typer.Argument(help="Files, directories or URLs (feed, sitemap, page).")
    ] = None,
    db: DbOption = DEFAULT_WAREHOUSE,
    sources_file: SourcesOption = DEFAULT_SOURCES,
    source: Annotated[list[str] | None, typer.Option("--source", help="Only these configured sources.")] = None,
    batch_size: Annotated[
        int, typer.Option(min=1, max=MAX_BATCH_SIZE, help="Inputs per batch (one load transaction each).")
    ] = 1000,
    workers: WorkersOption = DEFAULT_WORKERS,
    lock_timeout: Annotated[float, typer.Option(min=0, help="Seconds to wait for the warehouse write lock.")] = 300.0,
    allow_private_network: Annotated[
        bool, typer.Option("--allow-private-network", help="Allow loopback and private addresses.")
    ] = False,
    task_runner: Annotated[str, typer.Option(help="local (process pool) or dask.")] = "local",
    dask_address: Annotated[str | None, typer.Option(help="Existing Dask scheduler (with --task-runner dask).")] = None,
    read_timeout: Annotated[
        float, typer.Option(callback=_positive, help="HTTP read timeout, seconds (more than 0).")
    ] = DEFAULT_READ_TIMEOUT,
    max_attempts: Annotated[
        int,
        typer.Option(min=1, max=MAX_HTTP_ATTEMPTS, help="HTTP attempts per request (retries on 429/5xx/errors)."),
    ] = DEFAULT_MAX_ATTEMPTS,
    progress_bar: ProgressOption = True,
    verbose: VerboseOption = False,
) -> None:
    """Ingest the configured sources, or the given TARGETs, into the warehouse."""
    if targets and source:  # --source selects among configured sources; beside TARGETs it would be ignored
        raise fail(
            "--source picks configured sources and TARGETs name what to read: give one or the other"
            f" (--source {', '.join(source)}, TARGET {' '.join(targets)})",
            code=2,
        )
    configure_environment(verbose=verbose)
    start_temporary_server()  # its start-up overlaps resolving the sources
    from flows.listings import WarehouseListingStore

    # URL targets: a listing the warehouse knows keeps its kind (no sniff); a sniffed one is handed to the run.
    sniffed = WarehouseListingStore(db, lock_timeout=min(lock_timeout, DETECT_LOCK_TIMEOUT))
    try:
        sources = _resolve_sources(
            list(targets or []),
            sources_file,
            list(source or []),
            allow_private_network,
            listings=sniffed,
            takes_targets=True,
            sources_given=_parameter_source(ctx, "sources_file"),
        )
    except CliError as exc:
        raise fail(str(exc)) from None
    except Exception as exc:  # refused URLs, bad config: one line, no traceback
        raise fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
    if not sources:
        raise fail("nothing to ingest: no sources selected")
    crash_point("sources_resolved")
    from flows.runner import run_ingest

    try:
        summary = run_ingest(
            sources=sources,
            db_path=str(db),
            batch_size=batch_size,
            workers=workers,
            lock_timeout=lock_timeout,
            allow_private_network=allow_private_network,
            task_runner=task_runner,
            dask_address=dask_address,
            show_progress=progress_bar and sys.stderr.isatty(),
            http={"read_timeout": read_timeout, "max_attempts": max_attempts},
            listings=sniffed.read_this_run(),
        )
    except RunInterrupted:
        raise  # told by _signals_end_in_one_line
    except Exception as exc:
        raise fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
    from flows.report import print_summary

    print_summary(summary, db)


@app.command()
@_signals_end_in_one_line()
def reprocess(
    db: DbOption = DEFAULT_WAREHOUSE,
    source: Annotated[list[str] | None, typer.Option("--source", help="Only these stored sources.")] = None,
    lock_timeout: Annotated[float, typer.Option(min=0, help="Seconds to wait for the warehouse write lock.")] = 300.0,
    workers: WorkersOption = DEFAULT_WORKERS,
    progress_bar: ProgressOption = True,
    verbose: VerboseOption = False,
) -> None:
    """Re-extract every archived raw document with the current code (no fetching)."""
    configure_environment(verbose=verbose)
    if not db.exists():
        raise fail(f"no warehouse at {db}")
    start_temporary_server()
    from flows.report import print_summary
    from flows.runner import run_reprocess

    try:
        # Several names travel as one list (ReprocessParams.source takes a name or a list of names).
        chosen: Any = list(dict.fromkeys(source)) if source else None
        summary = run_reprocess(
            db_path=str(db),
            source=chosen,
            lock_timeout=lock_timeout,
            workers=workers,
            show_progress=progress_bar and sys.stderr.isatty(),
        )
    except RunInterrupted:
        raise  # told by _signals_end_in_one_line
    except Exception as exc:
        raise fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
    print_summary(summary, db)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def _cell_text(value: Any) -> str:
    """A non-NULL value as one cell of a table or CSV: lists, structs and JSON as compact JSON text."""
    if isinstance(value, list | tuple | dict):
        return json.dumps(_jsonable(value), ensure_ascii=False)
    return str(value)


def _csv_field(value: Any) -> str:
    """RFC 4180 field: NULL is an empty field and an empty string a quoted one (`""`), so the two stay apart."""
    if value is None:
        return ""
    scalar = _jsonable(value)
    text = _cell_text(scalar)
    if text == "" or any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def render_rows(columns: list[str], rows: list[tuple], fmt: str) -> str:
    """Format a result set as an aligned table (NULL shown as NULL), CSV or JSON (one object per row)."""
    if fmt == "json":
        return json.dumps(
            [dict(zip(columns, map(_jsonable, row), strict=True)) for row in rows], ensure_ascii=False, indent=2
        )
    if fmt == "csv":
        return "\n".join(",".join(_csv_field(v) for v in row) for row in [tuple(columns), *rows])
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table

    cells = [["NULL" if v is None else _cell_text(v) for v in row] for row in rows]
    widths = [max([cell_len(c), *(cell_len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    table = Table(*columns, box=None, header_style="bold", pad_edge=False)
    for row in cells:
        table.add_row(*row)
    # As wide as the data: a terminal scrolls or a pager wraps; the table itself never does.
    console = Console(file=io.StringIO(), width=sum(widths) + 2 * len(widths) + 1, record=True, color_system=None)
    console.print(table)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


def _parsed_json_columns(description: list[tuple], rows: list[tuple]) -> list[tuple]:
    """Values of JSON-typed columns parsed, so `--format json` nests them instead of quoting them as strings."""
    json_columns = [i for i, column in enumerate(description) if str(column[1]) == "JSON"]
    if not json_columns:
        return rows
    parsed = []
    for row in rows:
        values = list(row)
        for i in json_columns:
            if isinstance(values[i], str):
                values[i] = json.loads(values[i])
        parsed.append(tuple(values))
    return parsed


# Statements whose result is DuckDB's status rather than data: a `Count` of changed rows, or
# `Success` with no row. INSERT/UPDATE/DELETE ... RETURNING and every query keep their result set.
CHANGED_ROWS_STATEMENTS = ("INSERT", "UPDATE", "DELETE")
STATUS_STATEMENTS = frozenset(
    {
        "CREATE",
        "DROP",
        "ALTER",
        "COPY",
        "SET",
        "VARIABLE_SET",
        "TRANSACTION",
        "ATTACH",
        "DETACH",
        "VACUUM",
        "CALL",
        "LOAD",
        "EXPORT",
    }
)


def _status_line(statement_type: Any, description: list[tuple], rows: list[tuple]) -> str | None:
    """One plain line for a statement that returns no data (`OK`, `N rows changed`); None: print the result set."""
    kind = getattr(statement_type, "name", str(statement_type))
    shape = [(d[0], str(d[1])) for d in description]
    if kind in CHANGED_ROWS_STATEMENTS and shape == [("Count", "BIGINT")] and len(rows) == 1:
        changed = rows[0][0]
        return f"{changed} row{'' if changed == 1 else 's'} changed"
    no_data = (shape == [("Success", "BOOLEAN")] and not rows) or (
        shape == [("Count", "BIGINT")] and len(rows) <= 1 and kind != "CALL"  # a table function's own column
    )
    if kind in STATUS_STATEMENTS and no_data:
        return "OK"
    return None


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL to run against the warehouse.")],
    db: DbOption = DEFAULT_WAREHOUSE,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    write: Annotated[bool, typer.Option("--write", help="Open read-write (default: read-only).")] = False,
    lock_timeout: Annotated[float, typer.Option(min=0, help="Seconds to wait while a writer holds the file.")] = 30.0,
) -> None:
    """Run one SQL statement on a read-only connection and print its result.

    One statement per call (a trailing semicolon is fine); several are refused before any of them runs.
    """
    if fmt not in ("table", "csv", "json"):
        raise fail("--format must be table, csv or json", code=2)
    if not db.exists():
        raise fail(f"no warehouse at {db} (run `greenwire ingest` first)")
    import duckdb

    from warehouse.store import open_warehouse

    try:
        with open_warehouse(db, read_only=not write, lock_timeout=lock_timeout, on_upgrade=_say_upgraded(db)) as con:
            statements = con.extract_statements(query)
            if len(statements) != 1:
                raise CliError(
                    f"one statement per call, got {len(statements)}: run them one by one"
                    if statements
                    else "no SQL statement given"
                )
            cursor = con.execute(statements[0])
            if cursor.description is None:
                return
            columns = [d[0] for d in cursor.description]
            rows = _parsed_json_columns(cursor.description, cursor.fetchall())
            status = _status_line(statements[0].type, cursor.description, rows)
    except duckdb.Error as exc:
        raise fail(str(exc).splitlines()[0]) from None
    except Exception as exc:
        raise fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
    typer.echo(status if status is not None else render_rows(columns, rows, fmt))


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words or Chinese text to look for (BM25 over titles and bodies).")],
    db: DbOption = DEFAULT_WAREHOUSE,
    limit: Annotated[int, typer.Option(min=1, help="Best N articles.")] = 10,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    lock_timeout: Annotated[
        float, typer.Option(min=0, help="Seconds to wait for the lock to refresh the index.")
    ] = 30.0,
) -> None:
    """Full-text search; the index is refreshed first when articles changed since it was built."""
    if not db.exists():
        raise fail(f"no warehouse at {db} (run `greenwire ingest` first)")
    from warehouse.search import build_search_index, index_is_stale
    from warehouse.search import search as run_search
    from warehouse.store import open_warehouse

    try:
        with open_warehouse(db, read_only=True, lock_timeout=lock_timeout, on_upgrade=_say_upgraded(db)) as con:
            stale = index_is_stale(con)
        if stale:
            with open_warehouse(db, lock_timeout=lock_timeout) as con:
                build_search_index(con)
        with open_warehouse(db, read_only=True, lock_timeout=lock_timeout) as con:
            hits = run_search(con, query, limit=limit)
    except Exception as exc:
        raise fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
    typer.echo(render_rows(["article_id", "title", "score"], [(a, t, round(s, 3)) for a, t, s in hits], fmt))


@app.command()
def sources(sources_file: SourcesOption = DEFAULT_SOURCES) -> None:
    """List the declared sources."""
    try:
        declared = _configured_sources(sources_file)
    except Exception as exc:
        raise fail(str(exc).splitlines()[0]) from None
    rows = [
        (s.name, s.adapter, ", ".join(s.paths + s.urls), s.schedule or "", s.language or "auto", s.timezone)
        for s in declared
    ]
    typer.echo(render_rows(["name", "adapter", "paths/urls", "schedule", "language", "timezone"], rows, "table"))


@app.command()
def doctor(db: DbOption = DEFAULT_WAREHOUSE) -> None:
    """Check the warehouse's integrity; exit non-zero with a report when something is wrong."""
    if not db.exists():
        raise fail(f"no warehouse at {db}")
    from warehouse.doctor import format_report, run_checks
    from warehouse.store import open_warehouse

    try:
        with open_warehouse(db, read_only=True, lock_timeout=30.0, on_upgrade=_say_upgraded(db)) as con:
            findings = run_checks(con)
    except Exception as exc:
        raise fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
    typer.echo(format_report(findings))
    if not all(f.ok for f in findings):
        raise typer.Exit(1)


def _serve_stopped_line(signum: int, stopped_runs: list[str]) -> str:
    """`serve`'s one line when a signal stopped it, naming the runs it stopped."""
    from flows.interruption import signal_name

    how = "interrupted" if signum == signal.SIGINT else f"interrupted by {signal_name(signum)}"
    if not stopped_runs:
        return f"serve {how}; no run was in progress"
    what = "the run" if len(stopped_runs) == 1 else f"the {len(stopped_runs)} runs"
    return f"serve {how}; stopped {what} in progress ({', '.join(stopped_runs)}), the next run continues"


@app.command()
@_signals_end_in_one_line()
def serve(
    db: DbOption = DEFAULT_WAREHOUSE,
    sources_file: SourcesOption = DEFAULT_SOURCES,
    source: Annotated[list[str] | None, typer.Option("--source", help="Only these configured sources.")] = None,
    lock_timeout: Annotated[float, typer.Option(min=0, help="Seconds each run waits for the write lock.")] = 300.0,
    verbose: VerboseOption = False,
) -> None:
    """Serve one deployment per source on its cron schedule (Ctrl-C or SIGTERM stops).

    Without a configured Prefect API this starts a local server with its scheduler for as long as
    `serve` runs; its address is printed, for `prefect flow-run ls` and the like. A stop ends the runs
    in progress (interrupted in the warehouse, Cancelled in Prefect) and exits 128 + the signal; runs
    left behind by a serve that was killed are set Crashed when the next one starts.
    """
    from flows.serving import interrupts_taken, serve_until_stopped

    # first: what serve starts (server, runs, their workers) never gets a Ctrl-C; restored on the way out
    with interrupts_taken() as stop:
        configure_environment(verbose=verbose)
        server = start_temporary_server(scheduled=True)  # its start-up overlaps reading the sources
        try:
            declared = _resolve_sources([], sources_file, list(source or []), False)
        except Exception as exc:
            raise fail(str(exc).splitlines()[0]) from None
        from flows.api_server import ServerFailed, ensure_ready
        from flows.deployments import build_deployments

        deployments = build_deployments(declared, db_path=str(db.resolve()), lock_timeout=lock_timeout)
        try:
            ensure_ready()
        except ServerFailed as exc:
            raise fail(str(exc)) from None
        if server is not None:
            typer.echo(f"prefect api: {server.api_url}  (a local server with its scheduler, stopped with serve)")
        for dep, src in zip(deployments, declared, strict=True):
            typer.echo(f"deployment greenwire-ingest/{dep.name}  schedule: {src.schedule or 'manual only'}")
        ended = serve_until_stopped(deployments, stop, echo=typer.echo)
        if ended.signum is not None:
            typer.echo(f"greenwire: {_serve_stopped_line(ended.signum, ended.stopped_runs)}", err=True)
            raise typer.Exit(128 + ended.signum)


@app.command()
def export(
    out: Annotated[Path, typer.Argument(help="Directory for the Parquet files.")],
    db: DbOption = DEFAULT_WAREHOUSE,
) -> None:
    """Export the warehouse's tables and views as Parquet, for sharing."""
    if not db.exists():
        raise fail(f"no warehouse at {db}")
    from warehouse.loader import export_parquet
    from warehouse.store import open_warehouse

    try:
        with open_warehouse(db, read_only=True, lock_timeout=30.0, on_upgrade=_say_upgraded(db)) as con:
            paths = export_parquet(con, out)
    except FileExistsError as exc:  # Path.mkdir: `out` (or a parent) is a file
        raise fail(f"{exc.filename or out} exists and is not a directory") from None
    except OSError as exc:
        raise fail(f"{exc.filename or out}: {exc.strerror or exc}") from None
    except Exception as exc:  # a busy warehouse, a COPY that failed: one line
        raise fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
    for path in paths:
        typer.echo(str(path))


def _terminate(signum: int, frame: object) -> None:
    # SIGTERM (a scheduler stopping the run) unwinds like Ctrl-C: the run is recorded as
    # interrupted, the worker pool and the temporary Prefect server are shut down instead of being
    # left behind, and the exit code is 128 + the signal (flows.interruption.interruption_signal reads it).
    raise SystemExit(128 + signum)


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    # A shell starts background jobs (`greenwire ingest ... &` in a script, `timeout -s INT`) with
    # SIGINT ignored, and Python keeps that: `kill -INT <pid>` would then do nothing. An ingest is
    # stopped by SIGINT wherever it was started.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    app()


if __name__ == "__main__":
    main()
