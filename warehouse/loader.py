"""Loading batches into the warehouse: set-based, one transaction per batch.

Python only arranges the batch into Arrow tables; every write is one INSERT/UPDATE/DELETE
statement over a registered table, so a batch of a thousand articles costs a few dozen
statements, not tens of thousands.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

import schemas
from schemas.archive import ArchivedRaw, archive_raw, decompress_raw
from warehouse.crashpoints import crash_point
from warehouse.rows import ARTICLE_ROW_FIELDS, CHILD_FIELDS, ArticleRows, article_rows, concat_rows, utc
from warehouse.store import transaction

TS = pa.timestamp("us", tz="UTC")
_ARROW_TYPES = {
    "string": pa.string(),
    "timestamp": TS,
    "int64": pa.int64(),
    "int32": pa.int32(),
    "int8": pa.int8(),
    "string_list": pa.list_(pa.string()),
}


def _schema(fields: Sequence[tuple[str, str]]) -> pa.Schema:
    return pa.schema([(column, _ARROW_TYPES[kind]) for column, kind in fields])


# The normalized rows (warehouse.rows), typed.
ARTICLE_ROW_SCHEMA = _schema(ARTICLE_ROW_FIELDS)
_CHILD_TARGETS = {
    "paragraphs": "article_paragraphs",
    "images": "article_images",
    "links": "article_links",
    "removed": "boilerplate_removed",
}
# Each child of the normalized rows: (name in warehouse.rows, warehouse table, typed columns).
CHILD_TABLES: tuple[tuple[str, str, pa.Schema], ...] = tuple(
    (name, _CHILD_TARGETS[name], _schema(fields)) for name, fields in CHILD_FIELDS.items()
)

# Tables and views worth handing to someone without DuckDB (raw bytes stay in the warehouse).
EXPORTED_RELATIONS = (
    "sources",
    "ingest_runs",
    "articles",
    "article_paragraphs",
    "article_images",
    "article_links",
    "boilerplate_removed",
    "article_aliases",
    "article_observations",
    "rejects",
    "deferrals",
    "inputs",
    "listings",
    "v_articles",
    "v_source_stats",
    "v_runs",
    "v_rejects_by_reason",
    "v_boilerplate_rules",
    "v_deferred_inputs",
)


@dataclass
class LoadBatch:
    run_id: str
    loaded_at: datetime
    raws: list[schemas.RawDocument | ArchivedRaw] = field(default_factory=list)  # archived by the caller or here
    articles: list[tuple[str, schemas.Article]] = field(default_factory=list)  # (input key, article)
    rows: list[ArticleRows] = field(default_factory=list)  # more articles, normalized already (by the workers)
    rejects: list[tuple[str | None, schemas.Reject]] = field(default_factory=list)  # (input key or None, reject)
    unchanged: list[tuple[str, str]] = field(default_factory=list)  # (source_name, input key) skipped before parsing
    deferred: list[schemas.Deferral] = field(default_factory=list)  # transient failures, retried next run


@dataclass
class BatchResult:
    new: int
    updated: int
    unchanged: int
    rejected: int
    outcomes: dict[tuple[str, str], str]  # (source_name, input key) -> new | updated | unchanged | rejected


# ---------------------------------------------------------------------------------------------
# small helpers


class _Staging:
    """Registers Arrow tables on a connection and unregisters them all afterwards."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.names: list[str] = []

    def add(self, name: str, columns: dict[str, list[Any]], schema: pa.Schema) -> None:
        self.register(name, pa.Table.from_pydict(columns, schema=schema))

    def register(self, name: str, table: pa.Table) -> None:
        self.con.register(name, table)
        self.names.append(name)

    def close(self) -> None:
        for name in self.names:
            self.con.unregister(name)
        self.names.clear()


def _take(table: pa.Table, indices: Sequence[int], columns: Sequence[str] | None = None) -> pa.Table:
    """Rows `indices` of `table` (only `columns`, when given). All rows in order (a first run's usual
    batch) are the table itself: a take copies every buffer, the article text included."""
    if columns is not None:
        table = table.select(list(columns))
    if len(indices) == table.num_rows and all(i == position for position, i in enumerate(indices)):
        return table
    return table.take(pa.array(indices, type=pa.int64()))  # typed: an empty list is no "null" array


def _columns(schema: pa.Schema) -> dict[str, list[Any]]:
    return {name: [] for name in schema.names}


def _with_keys(
    con: duckdb.DuckDBPyConnection, keys: Sequence[str], sql: str, params: Sequence[object] = ()
) -> list[tuple[Any, ...]]:
    """Run `sql` with the keys registered as table lookup_keys(value): one query for any number of keys.

    (Binding a long Python list as a VARCHAR[] parameter costs ~75 ms per 1000 keys; Arrow is ~1 ms.)
    """
    con.register("lookup_keys", pa.table({"value": pa.array(list(keys), type=pa.string())}))
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.unregister("lookup_keys")


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object] = ()) -> Any:
    row = con.execute(sql, list(params)).fetchone()
    return None if row is None else row[0]


# ---------------------------------------------------------------------------------------------
# sources and runs


def register_sources(
    con: duckdb.DuckDBPyConnection, sources: Sequence[schemas.SourceConfig], *, now: datetime | None = None
) -> None:
    """Upsert the declared sources; a source keeps its source_id across runs and edits."""
    if not sources:
        return
    now = utc(now) or datetime.now(UTC)
    schema = pa.schema(
        [("name", pa.string()), ("adapter", pa.string()), ("config", pa.string()), ("schedule", pa.string())]
    )
    cols = _columns(schema)
    for source in {s.name: s for s in sources}.values():
        cols["name"].append(source.name)
        cols["adapter"].append(source.adapter)
        cols["config"].append(source.model_dump_json())
        cols["schedule"].append(source.schedule)
    staging = _Staging(con)
    try:
        staging.add("stage_sources", cols, schema)
        with transaction(con):
            con.execute(
                "UPDATE sources SET adapter = s.adapter, config = s.config, schedule = s.schedule, updated_at = ?"
                " FROM stage_sources s WHERE sources.name = s.name"
                " AND (sources.adapter IS DISTINCT FROM s.adapter OR sources.config::VARCHAR IS DISTINCT FROM s.config"
                "      OR sources.schedule IS DISTINCT FROM s.schedule)",
                [now],
            )
            con.execute(
                "INSERT INTO sources (name, adapter, config, schedule, created_at, updated_at)"
                " SELECT s.name, s.adapter, s.config, s.schedule, ?, ? FROM stage_sources s"
                " WHERE s.name NOT IN (SELECT name FROM sources) ORDER BY s.name",
                [now, now],
            )
    finally:
        staging.close()


def stored_sources(con: duckdb.DuckDBPyConnection) -> dict[str, schemas.SourceConfig]:
    """The source declarations as last registered, by name (replay uses their site rules)."""
    rows = con.execute("SELECT name, config FROM sources ORDER BY name").fetchall()
    return {name: schemas.SourceConfig.model_validate_json(str(config)) for name, config in rows}


def begin_run(
    con: duckdb.DuckDBPyConnection,
    *,
    run_id: str,
    sources: Sequence[str],
    started_at: datetime,
    extractor_version: str,
    flow_run_id: str | None,
) -> None:
    """Record a run as 'running' (a run that never finishes is later marked 'interrupted')."""
    con.execute(
        "INSERT INTO ingest_runs (run_id, flow_run_id, sources, status, started_at, extractor_version)"
        " VALUES (?, ?, ?, 'running', ?, ?)"
        " ON CONFLICT (run_id) DO UPDATE SET flow_run_id = excluded.flow_run_id, sources = excluded.sources,"
        " status = 'running', started_at = excluded.started_at, extractor_version = excluded.extractor_version",
        [run_id, flow_run_id, list(sources), utc(started_at), extractor_version],
    )


def finish_run(con: duckdb.DuckDBPyConnection, summary: schemas.RunSummary) -> None:
    """Write a run's final status and counts (inserting the row if begin_run was never called)."""
    counts = summary.counts
    duration = (summary.finished_at - summary.started_at).total_seconds() if summary.finished_at else None
    con.execute(
        "INSERT INTO ingest_runs (run_id, flow_run_id, sources, status, started_at, finished_at, duration_s,"
        " discovered, new, updated, unchanged, rejected, deferred, extractor_version, rejects_by_reason, message)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (run_id) DO UPDATE SET flow_run_id = coalesce(excluded.flow_run_id, ingest_runs.flow_run_id),"
        " sources = excluded.sources, status = excluded.status, started_at = excluded.started_at,"
        " finished_at = excluded.finished_at, duration_s = excluded.duration_s, discovered = excluded.discovered,"
        " new = excluded.new, updated = excluded.updated, unchanged = excluded.unchanged,"
        " rejected = excluded.rejected, deferred = excluded.deferred, extractor_version = excluded.extractor_version,"
        " rejects_by_reason = excluded.rejects_by_reason, message = excluded.message",
        [
            summary.run_id,
            summary.flow_run_id,
            list(summary.sources),
            summary.status,
            utc(summary.started_at),
            utc(summary.finished_at),
            duration,
            counts.discovered,
            counts.new,
            counts.updated,
            counts.unchanged,
            counts.rejected,
            counts.deferred,
            summary.extractor_version,
            json.dumps(summary.rejects_by_reason, ensure_ascii=False, sort_keys=True),
            summary.message,
        ],
    )


def mark_interrupted_runs(con: duckdb.DuckDBPyConnection, *, now: datetime) -> int:
    """Runs still 'running' belong to a process that died (only one writer at a time): mark them
    `interrupted`, counted from what their committed batches loaded (`committed_outcomes`).

    Its deferred inputs are those its committed batches wrote to `deferrals`. What such a run
    discovered but never loaded is not known (it lived in the dead process's memory): discovered
    is the sum of the outcomes, so the counts add up; the next run reads those inputs anyway."""
    running = [
        str(row[0])
        for row in con.execute("SELECT run_id FROM ingest_runs WHERE status = 'running' ORDER BY started_at").fetchall()
    ]
    finished_at = utc(now)
    with transaction(con):
        for run_id in running:
            done = committed_outcomes(con, run_id)
            con.execute(
                "UPDATE ingest_runs SET status = 'interrupted', finished_at = ?,"
                " duration_s = epoch(CAST(? AS TIMESTAMPTZ)) - epoch(started_at),"
                " discovered = ?, new = ?, updated = ?, unchanged = ?, rejected = ?, deferred = ?,"
                " rejects_by_reason = ?,"
                " message = coalesce(message, 'the process ended before the run finished;"
                " counted from the batches it committed')"
                " WHERE run_id = ? AND status = 'running'",
                [
                    finished_at,
                    finished_at,
                    done.total + done.deferred,
                    done.new,
                    done.updated,
                    done.unchanged,
                    done.rejected,
                    done.deferred,
                    json.dumps(
                        {**done.rejects_by_reason, **done.deferred_by_reason}, ensure_ascii=False, sort_keys=True
                    ),
                    run_id,
                ],
            )
    return len(running)


@dataclass(frozen=True)
class CommittedOutcomes:
    """What a run's committed batches did, read back from the warehouse (for a run that ended early)."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejects_by_reason: dict[str, int] = field(default_factory=dict)
    deferred: int = 0  # rows in `deferrals`: not in `total` (a live run counts its deferrals itself)
    deferred_by_reason: dict[str, int] = field(default_factory=dict)  # `deferred:<reason>` keys

    @property
    def total(self) -> int:
        return self.new + self.updated + self.unchanged + self.rejected


def committed_outcomes(con: duckdb.DuckDBPyConnection, run_id: str) -> CommittedOutcomes:
    """The outcomes the warehouse holds for `run_id`, counted the way `load_batch` counts them:
    new / updated / unchanged from the inputs the run touched last (a rejected input it skipped
    unchanged included), rejected from its reject rows.

    A run stopped by Ctrl-C, SIGTERM or an error keeps every batch it committed; its tally in
    memory may lag behind the last commit, the warehouse does not."""
    # An input the run rejected has a reject row of the run; one still `rejected` from an earlier
    # run was skipped unchanged by this one, and counts so.
    by_outcome = dict(
        con.execute(
            "SELECT CASE WHEN last_outcome = 'rejected' THEN 'unchanged' ELSE last_outcome END, count(*)"
            " FROM inputs i WHERE last_run_id = ? AND NOT (last_outcome = 'rejected' AND EXISTS ("
            "   SELECT 1 FROM rejects r WHERE r.run_id = ? AND r.source_name = i.source_name"
            "   AND r.input_key = i.input_key))"
            " GROUP BY 1",
            [run_id, run_id],
        ).fetchall()
    )
    reasons = dict(
        con.execute("SELECT reason, count(*) FROM rejects WHERE run_id = ? GROUP BY reason", [run_id]).fetchall()
    )
    deferred = dict(
        con.execute("SELECT reason, count(*) FROM deferrals WHERE run_id = ? GROUP BY reason", [run_id]).fetchall()
    )
    return CommittedOutcomes(
        new=int(by_outcome.get("new", 0)),
        updated=int(by_outcome.get("updated", 0)),
        unchanged=int(by_outcome.get("unchanged", 0)),
        rejected=int(sum(reasons.values())),
        rejects_by_reason={str(reason): int(n) for reason, n in reasons.items()},
        deferred=int(sum(deferred.values())),
        deferred_by_reason={f"deferred:{reason}": int(n) for reason, n in deferred.items()},
    )


# ---------------------------------------------------------------------------------------------
# incremental state


def loaded_state(
    con: duckdb.DuckDBPyConnection, source_name: str, keys: Sequence[str]
) -> dict[str, schemas.Validators]:
    """What the warehouse loaded for these input keys (keys never loaded are absent). One query."""
    if not keys:
        return {}
    rows = _with_keys(
        con,
        keys,
        "SELECT input_key, raw_sha256, etag, last_modified, extractor_version FROM inputs"
        " WHERE source_name = ? AND input_key IN (SELECT value FROM lookup_keys)",
        [source_name],
    )
    return {
        key: schemas.Validators(raw_sha256=sha, etag=etag, last_modified=modified, extractor_version=version)
        for key, sha, etag, modified, version in rows
    }


# ---------------------------------------------------------------------------------------------
# the batch load

RAW_SCHEMA = pa.schema(
    [
        ("sha256", pa.string()),
        ("content", pa.binary()),
        ("compression", pa.string()),
        ("size_bytes", pa.int64()),
        ("stored_bytes", pa.int64()),
        ("media_type", pa.string()),
        ("declared_encoding", pa.string()),
        ("source_name", pa.string()),
        ("uri", pa.string()),
        ("input_key", pa.string()),
        ("final_url", pa.string()),
        ("http_status", pa.int32()),
        ("headers", pa.string()),
        ("etag", pa.string()),
        ("last_modified", pa.string()),
        ("read_at", TS),
        ("timezone", pa.string()),
        ("language_hint", pa.string()),
        ("hint_title", pa.string()),
        ("hint_published", pa.string()),
    ]
)
# The columns an article row is inserted with (the outcome only steers the load).
ARTICLE_COLUMNS = [
    *(name for name in ARTICLE_ROW_SCHEMA.names if name not in ("input_key", "etag", "last_modified")),
    "first_run_id",
    "created_at",
]
TOUCH_COLUMNS = ["article_id", "raw_sha256", "read_at", "final_url", "view_count"]
ALIAS_SCHEMA = pa.schema([("article_id", pa.string()), ("url_or_key", pa.string()), ("source_uri", pa.string())])
INPUT_SCHEMA = pa.schema(
    [
        ("source_name", pa.string()),
        ("input_key", pa.string()),
        ("source_uri", pa.string()),
        ("final_url", pa.string()),
        ("article_id", pa.string()),
        ("raw_sha256", pa.string()),
        ("etag", pa.string()),
        ("last_modified", pa.string()),
        ("read_at", TS),
        ("extractor_version", pa.string()),
        ("last_outcome", pa.string()),
    ]
)
REJECT_SCHEMA = pa.schema(
    [
        ("source_name", pa.string()),
        ("source_uri", pa.string()),
        ("input_key", pa.string()),
        ("stage", pa.string()),
        ("reason", pa.string()),
        ("field", pa.string()),
        ("detail", pa.string()),
        ("raw_sha256", pa.string()),
        ("occurred_at", TS),
    ]
)
KEY_SCHEMA = pa.schema([("source_name", pa.string()), ("input_key", pa.string())])
DEFERRAL_SCHEMA = pa.schema(
    [
        ("source_name", pa.string()),
        ("source_uri", pa.string()),
        ("input_key", pa.string()),
        ("stage", pa.string()),
        ("reason", pa.string()),
        ("detail", pa.string()),
        ("occurred_at", TS),
    ]
)


@dataclass(frozen=True)
class _Stored:
    """The parts of an already-loaded article that decide the outcome of loading it again."""

    content_hash: str
    extractor_version: str
    date_source: str | None
    date_text: str | None
    published_at: datetime | None
    created_at: datetime
    first_run_id: str


def _stored_articles(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> dict[str, _Stored]:
    if not article_ids:
        return {}
    rows = _with_keys(
        con,
        article_ids,
        "SELECT article_id, content_hash, extractor_version, date_source, date_text, published_at, created_at,"
        " first_run_id FROM articles WHERE article_id IN (SELECT value FROM lookup_keys)",
    )
    return {row[0]: _Stored(*row[1:]) for row in rows}


def _archived_hashes(con: duckdb.DuckDBPyConnection, hashes: list[str]) -> set[str]:
    if not hashes:
        return set()
    rows = _with_keys(con, hashes, "SELECT sha256 FROM raw_documents WHERE sha256 IN (SELECT value FROM lookup_keys)")
    return {row[0] for row in rows}


def _archived(raws: Iterable[schemas.RawDocument | ArchivedRaw]) -> list[ArchivedRaw]:
    """The batch's raw documents in archive form (the flow's workers archive them; anyone else may not)."""
    return [raw if isinstance(raw, ArchivedRaw) else archive_raw(raw) for raw in raws]


def _raw_columns(raws: Iterable[ArchivedRaw]) -> dict[str, list[Any]]:
    cols = _columns(RAW_SCHEMA)
    for raw in raws:
        cols["sha256"].append(raw.sha256)
        cols["content"].append(raw.content)
        cols["compression"].append(raw.compression)
        cols["size_bytes"].append(raw.size_bytes)
        cols["stored_bytes"].append(len(raw.content))
        cols["media_type"].append(raw.media_type)
        cols["declared_encoding"].append(raw.declared_encoding)
        cols["source_name"].append(raw.source_name)
        cols["uri"].append(raw.uri)
        cols["input_key"].append(raw.key)
        cols["final_url"].append(raw.final_url)
        cols["http_status"].append(raw.http_status)
        cols["headers"].append(json.dumps(raw.headers, ensure_ascii=False, sort_keys=True))
        cols["etag"].append(raw.etag)
        cols["last_modified"].append(raw.last_modified)
        cols["read_at"].append(utc(raw.read_at))
        cols["timezone"].append(raw.timezone)
        cols["language_hint"].append(raw.language_hint)
        cols["hint_title"].append(raw.hint_title)
        cols["hint_published"].append(raw.hint_published)
    return cols


def load_batch(con: duckdb.DuckDBPyConnection, batch: LoadBatch) -> BatchResult:
    """Load one batch in one transaction; every input of the batch gets exactly one outcome.

    Articles are upserted by article_id: new; updated when the content hash or the extractor
    version changed (child rows replaced, created_at kept); unchanged otherwise (only the run,
    raw document, validators and view count move). Two inputs resolving to one article_id in
    the same batch: the first by input key is loaded, the others become aliases ("unchanged").
    """
    run_id = batch.run_id
    loaded_at = utc(batch.loaded_at)
    outcomes: dict[tuple[str, str], str] = {}
    rows = concat_rows([article_rows(batch.articles), *batch.rows])
    cols = rows.articles
    # Python decides outcomes from a few columns; the rows go to DuckDB as one Arrow table.
    table = pa.Table.from_pydict(cols, schema=ARTICLE_ROW_SCHEMA)
    article_ids: list[str] = cols["article_id"]
    source_names: list[str] = cols["source_name"]
    keys: list[str] = cols["input_key"]

    # Within-batch duplicates: the first input (by source, key) of each article_id wins.
    primaries: dict[str, int] = {}
    duplicates: list[int] = []
    for index in sorted(range(len(keys)), key=lambda i: (source_names[i], keys[i])):
        if article_ids[index] in primaries:
            duplicates.append(index)
        else:
            primaries[article_ids[index]] = index

    stored = _stored_articles(con, list(primaries))
    archived = _archived(batch.raws)
    new_raws = {raw.sha256: raw for raw in archived}
    batch_shas = set(new_raws)  # all archived once this batch commits
    for sha in _archived_hashes(con, list(new_raws)):
        del new_raws[sha]
    raws_by_input = {(raw.source_name, raw.key): raw for raw in archived}

    content_hashes: list[str] = cols["content_hash"]
    versions: list[str] = cols["extractor_version"]
    counts = {"new": 0, "updated": 0, "unchanged": 0, "rejected": 0}
    loaded: list[int] = []  # new or updated: rows written in full
    touched: list[int] = []  # unchanged: only the run, raw document, validators and view count move
    loaded_outcomes: list[str] = []
    for index in sorted(primaries.values()):  # in table order: all of a new batch needs no copy
        previous = stored.get(article_ids[index])
        if previous is None:
            outcome = "new"
        elif previous.content_hash != content_hashes[index] or previous.extractor_version != versions[index]:
            outcome = "updated"
        else:
            outcome = "unchanged"
        counts[outcome] += 1
        outcomes[(source_names[index], keys[index])] = outcome
        if outcome == "unchanged":
            touched.append(index)
        else:
            loaded.append(index)
            loaded_outcomes.append(outcome)
    for index in duplicates:
        counts["unchanged"] += 1
        outcomes[(source_names[index], keys[index])] = "unchanged"

    stage_articles = _loaded_article_rows(table, cols, loaded, loaded_outcomes, stored, run_id, loaded_at)
    primary_rows = _take(table, sorted(primaries.values()), ["article_id", "view_count"])
    observations = primary_rows.filter(pc.is_valid(primary_rows["view_count"]))

    aliases = _columns(ALIAS_SCHEMA)
    seen_aliases: set[tuple[str, str]] = set()
    canonical_keys: list[str] = cols["canonical_key"]
    source_uris: list[str] = cols["source_uri"]
    for index in [*primaries.values(), *duplicates]:
        key = keys[index]
        if key != canonical_keys[index] and (article_ids[index], key) not in seen_aliases:
            seen_aliases.add((article_ids[index], key))
            aliases["article_id"].append(article_ids[index])
            aliases["url_or_key"].append(key)
            aliases["source_uri"].append(source_uris[index])

    reject_cols = _columns(REJECT_SCHEMA)
    reject_inputs: dict[tuple[str, str], tuple[Any, ...]] = {}
    for key, reject in batch.rejects:
        counts["rejected"] += 1
        reject_cols["source_name"].append(reject.source_name)
        reject_cols["source_uri"].append(reject.source_uri)
        reject_cols["input_key"].append(key)
        reject_cols["stage"].append(reject.stage)
        reject_cols["reason"].append(reject.reason)
        reject_cols["field"].append(reject.field)
        reject_cols["detail"].append(reject.detail)
        reject_cols["raw_sha256"].append(reject.raw_sha256)
        reject_cols["occurred_at"].append(utc(reject.occurred_at))
        if key is None:
            continue
        outcomes.setdefault((reject.source_name, key), "rejected")
        raw = raws_by_input.get((reject.source_name, key))
        same_bytes = raw is not None and raw.sha256 == reject.raw_sha256
        reject_inputs[(reject.source_name, key)] = (
            reject.source_name,
            key,
            reject.source_uri,
            raw.final_url if same_bytes and raw else None,
            None,
            reject.raw_sha256,
            raw.etag if same_bytes and raw else None,
            raw.last_modified if same_bytes and raw else None,
            utc(raw.read_at) if same_bytes and raw else None,
            None,  # filled from the run's extractor version in SQL
            "rejected",
        )
    # Articles override a reject of the same input (they are what was loaded).
    article_inputs = set(zip(source_names, keys, strict=True))
    input_cols = _columns(INPUT_SCHEMA)
    for input_id, values in reject_inputs.items():
        if input_id not in article_inputs:
            for name, value in zip(INPUT_SCHEMA.names, values, strict=True):
                input_cols[name].append(value)
    article_order = sorted([*primaries.values(), *duplicates])
    article_input_rows = _take(table, article_order, INPUT_SCHEMA.names[:-1])
    inputs = pa.concat_tables(
        [
            pa.Table.from_pydict(input_cols, schema=INPUT_SCHEMA),
            article_input_rows.append_column(
                INPUT_SCHEMA.field("last_outcome"),
                pa.array([outcomes[(source_names[i], keys[i])] for i in article_order], pa.string()),
            ),
        ]
    )

    skipped_cols = _columns(KEY_SCHEMA)
    for source_name, key in batch.unchanged:
        counts["unchanged"] += 1
        outcomes[(source_name, key)] = "unchanged"
        skipped_cols["source_name"].append(source_name)
        skipped_cols["input_key"].append(key)

    deferral_cols = _columns(DEFERRAL_SCHEMA)
    for deferral in batch.deferred:
        for name in DEFERRAL_SCHEMA.names:
            value = getattr(deferral, name)
            deferral_cols[name].append(utc(value) if name == "occurred_at" else value)

    plan = _WritePlan(
        replaces_articles=any(stored.get(aid) is not None for aid in primaries),
        raws_unverified=any(sha not in batch_shas for sha in cols["raw_sha256"]),
        input_shas_unverified=any(row[5] is not None and row[5] not in batch_shas for row in reject_inputs.values()),
    )
    staging = _Staging(con)
    try:
        staging.add("stage_raws", _raw_columns(new_raws.values()), RAW_SCHEMA)
        staging.register("stage_articles", stage_articles)
        staging.register("stage_touch", _take(table, touched, TOUCH_COLUMNS))
        for name, _table, schema in CHILD_TABLES:
            staging.add(f"stage_{name}", rows.children[name], schema)
        staging.register("stage_observations", observations)
        staging.add("stage_aliases", aliases, ALIAS_SCHEMA)
        staging.register("stage_inputs", inputs)
        staging.add("stage_rejects", reject_cols, REJECT_SCHEMA)
        staging.add("stage_skipped", skipped_cols, KEY_SCHEMA)
        staging.add("stage_deferrals", deferral_cols, DEFERRAL_SCHEMA)
        with transaction(con):
            _write_batch(con, run_id, loaded_at, plan)
    finally:
        staging.close()
    return BatchResult(
        new=counts["new"],
        updated=counts["updated"],
        unchanged=counts["unchanged"],
        rejected=counts["rejected"],
        outcomes=outcomes,
    )


def _loaded_article_rows(
    table: pa.Table,
    cols: dict[str, list[Any]],
    loaded: list[int],
    outcomes: list[str],
    stored: dict[str, _Stored],
    run_id: str,
    loaded_at: datetime | None,
) -> pa.Table:
    """The rows written in full, with what depends on the warehouse: outcome, first run, creation
    time, and a relative date's resolution ("3 days ago" is resolved once, against the first read)."""
    rows = _take(table, loaded)
    previous = [stored.get(cols["article_id"][i]) for i in loaded]
    if any(p is not None and p.date_source == "relative" for p in previous):
        published = [cols["published_at"][i] for i in loaded]
        for n, (i, p) in enumerate(zip(loaded, previous, strict=True)):
            if (
                p is not None
                and p.date_source == "relative"
                and cols["date_source"][i] == "relative"
                and p.date_text == cols["date_text"][i]
            ):
                published[n] = utc(p.published_at)
        rows = rows.set_column(rows.schema.get_field_index("published_at"), "published_at", pa.array(published, TS))
    return (
        rows.append_column("first_run_id", pa.array([p.first_run_id if p else run_id for p in previous], pa.string()))
        .append_column("created_at", pa.array([p.created_at if p else loaded_at for p in previous], TS))
        .append_column("outcome", pa.array(outcomes, pa.string()))
    )


def archive_staged_raws(con: duckdb.DuckDBPyConnection, run_id: str, *, known_new: bool = False) -> None:
    """Insert the raw documents staged as `stage_raws` (RAW_SCHEMA) that are not archived yet
    (`known_new`: the caller already left out the archived ones, in this writer's session).

    Content-addressed: bytes already archived are never rewritten. The caller holds the transaction.
    """
    raw_columns = ", ".join(RAW_SCHEMA.names)
    unless_archived = "" if known_new else " WHERE NOT EXISTS (SELECT 1 FROM raw_documents r WHERE r.sha256 = s.sha256)"
    con.execute(
        f"INSERT INTO raw_documents ({raw_columns}, first_run_id) SELECT {raw_columns}, ? FROM stage_raws s"
        + unless_archived,
        [run_id],
    )


@dataclass(frozen=True)
class _WritePlan:
    """What Python already knows about a batch, so that no statement scans a large table for nothing.

    Without primary-key indexes (migration 004) every lookup against articles, inputs or
    raw_documents reads the whole key column: at 100k articles those scans were most of a load's
    growth with the warehouse's size.
    """

    replaces_articles: bool  # some article of the batch is already stored (updated)
    raws_unverified: bool  # some article's raw_sha256 is not among the batch's own raws
    input_shas_unverified: bool  # some input's raw_sha256 (a reject's) is not among the batch's raws


def _write_batch(con: duckdb.DuckDBPyConnection, run_id: str, loaded_at: datetime | None, plan: _WritePlan) -> None:
    """The statements of one batch, over the staged tables (the caller holds the transaction)."""
    archive_staged_raws(con, run_id, known_new=True)
    missing = None
    if plan.raws_unverified:
        missing = con.execute(
            "SELECT source_uri, raw_sha256 FROM stage_inputs s WHERE article_id IS NOT NULL"
            " AND NOT EXISTS (SELECT 1 FROM raw_documents r WHERE r.sha256 = s.raw_sha256) LIMIT 1"
        ).fetchone()
    if missing:
        raise ValueError(
            f"the article read from {missing[0]} refers to raw document {missing[1]}, which is neither"
            " in the batch nor archived: pass its RawDocument in LoadBatch.raws"
        )

    article_columns = ", ".join(ARTICLE_COLUMNS)
    # Upsert without a primary-key index (see migration 004): replace the rows this batch rewrites.
    if plan.replaces_articles:
        con.execute("DELETE FROM articles WHERE article_id IN (SELECT article_id FROM stage_articles)")
    con.execute(
        f"INSERT INTO articles (source_id, {article_columns}, last_run_id, updated_at)"
        f" SELECT src.source_id, {', '.join('s.' + c for c in ARTICLE_COLUMNS)}, ?, ?"
        " FROM stage_articles s LEFT JOIN sources src ON src.name = s.source_name",
        [run_id, loaded_at],
    )
    crash_point("mid_load")
    con.execute(
        "UPDATE articles SET last_run_id = ?, raw_sha256 = t.raw_sha256, read_at = t.read_at,"
        " final_url = coalesce(t.final_url, articles.final_url),"
        " view_count = coalesce(t.view_count, articles.view_count)"
        " FROM stage_touch t WHERE articles.article_id = t.article_id",
        [run_id],
    )
    for name, table, schema in CHILD_TABLES:
        con.execute(
            f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM stage_articles WHERE outcome = 'updated')"
        )
        # Only the children of the inputs loaded in full (not of an unchanged or duplicate one).
        columns = ", ".join(f"c.{column}" for column in schema.names if column != "input_key")
        con.execute(
            f"INSERT INTO {table} SELECT {columns} FROM stage_{name} c"
            " SEMI JOIN stage_articles s ON s.article_id = c.article_id AND s.input_key = c.input_key"
        )
    con.execute(
        "INSERT INTO article_observations (article_id, run_id, observed_at, metric, value)"
        " SELECT article_id, ?, ?, 'view_count', view_count::DOUBLE FROM stage_observations",
        [run_id, loaded_at],
    )
    con.execute(
        "INSERT INTO article_aliases (article_id, url_or_key, source_uri, first_seen_run_id)"
        " SELECT s.article_id, s.url_or_key, s.source_uri, ? FROM stage_aliases s"
        " WHERE NOT EXISTS (SELECT 1 FROM article_aliases a"
        "                   WHERE a.article_id = s.article_id AND a.url_or_key = s.url_or_key)",
        [run_id],
    )
    _write_inputs(con, run_id, loaded_at, plan)
    # Inputs skipped before parsing (same bytes, 304): only the run moves, and the outcome of an
    # article's input. A rejected input skipped so is still rejected now (its reject row, from the
    # run that rejected it, stands); the run counts it unchanged. (article_id is NULL exactly for
    # rejected inputs: this also repairs rows older code set to 'unchanged'.)
    con.execute(
        "UPDATE inputs SET last_outcome = CASE WHEN inputs.article_id IS NULL THEN 'rejected' ELSE 'unchanged' END,"
        " last_run_id = ?, updated_at = ?"
        " FROM stage_skipped k WHERE inputs.source_name = k.source_name AND inputs.input_key = k.input_key",
        [run_id, loaded_at],
    )
    con.execute(
        "UPDATE articles SET last_run_id = ? WHERE article_id IN ("
        " SELECT i.article_id FROM inputs i JOIN stage_skipped k USING (source_name, input_key)"
        " WHERE i.article_id IS NOT NULL)",
        [run_id],
    )
    con.execute(
        "INSERT INTO rejects (run_id, source_name, source_uri, input_key, stage, reason, field, detail, raw_sha256,"
        " occurred_at) SELECT ?, source_name, source_uri, input_key, stage, reason, field, detail, raw_sha256,"
        " occurred_at FROM stage_rejects",
        [run_id],
    )
    con.execute(
        "INSERT INTO deferrals (run_id, source_name, source_uri, input_key, stage, reason, detail, occurred_at)"
        " SELECT ?, source_name, source_uri, input_key, stage, reason, detail, occurred_at FROM stage_deferrals",
        [run_id],
    )


INPUT_COLUMNS = ", ".join([*INPUT_SCHEMA.names, "last_run_id", "first_seen_at", "updated_at"])


def _write_inputs(con: duckdb.DuckDBPyConnection, run_id: str, loaded_at: datetime | None, plan: _WritePlan) -> None:
    """Upsert of the inputs this batch loaded or rejected; an input keeps its first_seen_at."""
    # a reject whose bytes were not archived must not look loaded (doctor would flag it too)
    sha = (
        "CASE WHEN s.raw_sha256 IN (SELECT sha256 FROM raw_documents) THEN s.raw_sha256 END"
        if plan.input_shas_unverified
        else "s.raw_sha256"
    )
    staged = (
        f"SELECT s.source_name, s.input_key, s.source_uri, s.final_url, s.article_id, {sha} AS raw_sha256,"
        " s.etag, s.last_modified, s.read_at, coalesce(s.extractor_version, r.extractor_version) AS extractor_version,"
        " s.last_outcome, ?::VARCHAR AS last_run_id, coalesce(i.first_seen_at, ?::TIMESTAMPTZ) AS first_seen_at,"
        " ?::TIMESTAMPTZ AS updated_at"
        " FROM stage_inputs s LEFT JOIN ingest_runs r ON r.run_id = ?"
        " LEFT JOIN {existing} i ON i.source_name = s.source_name AND i.input_key = s.input_key"
    )
    params = [run_id, loaded_at, loaded_at, run_id]
    seen_before = con.execute(
        "SELECT count(*) FROM inputs i JOIN stage_inputs s USING (source_name, input_key)"
    ).fetchone()
    if not seen_before or not seen_before[0]:  # all new (a first run): no row to carry over or replace
        none_yet = "(SELECT * FROM inputs LIMIT 0)"
        con.execute(f"INSERT INTO inputs ({INPUT_COLUMNS}) " + staged.format(existing=none_yet), params)
        return
    con.execute("CREATE OR REPLACE TEMP TABLE staged_inputs AS " + staged.format(existing="inputs"), params)
    con.execute(
        "DELETE FROM inputs USING staged_inputs s"
        " WHERE inputs.source_name = s.source_name AND inputs.input_key = s.input_key"
    )
    con.execute(f"INSERT INTO inputs ({INPUT_COLUMNS}) SELECT * FROM staged_inputs")
    con.execute("DROP TABLE staged_inputs")


# ---------------------------------------------------------------------------------------------
# replay and export


RowIdRange = tuple[int, int]  # [first, stop) of raw_documents.rowid


def replay_pages(con: duckdb.DuckDBPyConnection, *, batch_size: int = 500) -> list[RowIdRange]:
    """The archive cut into row-id ranges of `batch_size` raw documents, for `inputs_for_replay`.

    A page by row id reads only its own documents' bytes: paging by (source, key) instead made
    every page scan and join the whole archive (~190 ms a page at 100k documents, quadratic over a
    replay). Row ids are stable here because raw documents are only ever appended; documents
    archived after this call (by a later run) are not replayed, and need not be.
    """
    last = _scalar(con, "SELECT max(rowid) FROM raw_documents")
    if last is None:
        return []
    return [(first, first + batch_size) for first in range(0, int(last) + 1, batch_size)]


def inputs_for_replay(
    con: duckdb.DuckDBPyConnection, rows: RowIdRange, *, source_name: str | None = None
) -> list[tuple[schemas.RawDocument, str]]:
    """Every input whose last raw document lies in the row-id range `rows` of raw_documents, as
    (RawDocument, extractor version that last ran on it; "" when unknown), by source and key."""
    found = con.execute(
        "SELECT i.source_name, i.input_key, i.source_uri, coalesce(i.final_url, r.final_url), i.etag,"
        " i.last_modified, coalesce(i.read_at, r.read_at), i.extractor_version, i.raw_sha256, r.content,"
        " r.compression, r.media_type, r.declared_encoding, r.http_status, r.headers, r.timezone,"
        " r.language_hint, r.hint_title, r.hint_published"
        " FROM raw_documents r JOIN inputs i ON i.raw_sha256 = r.sha256"
        " WHERE r.rowid >= ? AND r.rowid < ? AND (CAST(? AS VARCHAR) IS NULL OR i.source_name = ?)"
        " ORDER BY i.source_name, i.input_key",
        [rows[0], rows[1], source_name, source_name],
    ).fetchall()
    page: list[tuple[schemas.RawDocument, str]] = []
    for (
        src,
        key,
        uri,
        final_url,
        etag,
        last_modified,
        read_at,
        version,
        sha,
        content,
        compression,
        media_type,
        declared_encoding,
        http_status,
        headers,
        timezone,
        language_hint,
        hint_title,
        hint_published,
    ) in found:
        raw = schemas.RawDocument(
            source_name=src,
            uri=uri,
            key=key,
            content=decompress_raw(content, compression),
            media_type=media_type,
            declared_encoding=declared_encoding,
            final_url=final_url,
            http_status=http_status,
            headers=json.loads(headers) if headers else {},
            etag=etag,
            last_modified=last_modified,
            read_at=read_at,
            timezone=timezone,
            language_hint=language_hint,
            hint_title=hint_title,
            hint_published=hint_published,
        )
        if raw.sha256 != sha:
            raise ValueError(f"raw document {sha} is corrupt: its bytes hash to {raw.sha256}")
        page.append((raw, version or ""))
    return page


def iter_inputs_for_replay(
    con: duckdb.DuckDBPyConnection, *, source_name: str | None = None, batch_size: int = 500
) -> Iterator[list[tuple[schemas.RawDocument, str]]]:
    """Every input whose last raw document is archived, in pages (`replay_pages`, `inputs_for_replay`).

    Each page is a fresh query, so the caller may load between pages on the same connection.
    Pages that hold no input of the source are skipped.
    """
    for rows in replay_pages(con, batch_size=batch_size):
        page = inputs_for_replay(con, rows, source_name=source_name)
        if page:
            yield page


def export_parquet(con: duckdb.DuckDBPyConnection, out_dir: Path) -> list[Path]:
    """Write one Parquet file per shared table and analyst view; returns the files written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for relation in EXPORTED_RELATIONS:
        target = out_dir / f"{relation}.parquet"
        quoted = str(target).replace("'", "''")
        con.execute(f"COPY (SELECT * FROM {relation}) TO '{quoted}' (FORMAT parquet, COMPRESSION zstd)")
        written.append(target)
    return written
