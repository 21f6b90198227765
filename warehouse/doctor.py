"""`greenwire doctor`: checks the relations between tables after the fact (read-only queries)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from warehouse.store import CURRENT_SCHEMA_VERSION, applied_versions

# Child tables whose rows must belong to an article: (table, what a row is called).
ARTICLE_CHILDREN = (
    ("article_paragraphs", "paragraph"),
    ("article_images", "image"),
    ("article_links", "link"),
    ("boilerplate_removed", "boilerplate removal"),
    ("article_observations", "observation"),
    ("article_aliases", "alias"),
)
EXAMPLES_SHOWN = 3


@dataclass
class Finding:
    check: str
    ok: bool
    detail: str


def _count_and_examples(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[int, list[str]]:
    """Run a query returning one text column of offending items; count them and keep a few."""
    count = con.execute(f"SELECT count(*) FROM ({sql})").fetchone()
    examples = con.execute(f"SELECT * FROM ({sql}) LIMIT {EXAMPLES_SHOWN}").fetchall()
    return (int(count[0]) if count else 0), [str(row[0]) for row in examples]


def _finding(check: str, count: int, examples: Sequence[str], ok_detail: str, what: str) -> Finding:
    if count == 0:
        return Finding(check, True, ok_detail)
    shown = ", ".join(examples)
    return Finding(check, False, f"{count} {what} (e.g. {shown})")


def _check_migrations(con: duckdb.DuckDBPyConnection) -> Finding:
    versions = applied_versions(con)
    expected = list(range(1, CURRENT_SCHEMA_VERSION + 1))
    if versions == expected:
        return Finding("migrations", True, f"schema version {CURRENT_SCHEMA_VERSION}, all migrations applied")
    missing = sorted(set(expected) - set(versions))
    unknown = sorted(set(versions) - set(expected))
    parts = []
    if missing:
        # Every greenwire command applies them on open: left pending, the file was not writable for it.
        parts.append(f"pending migrations {missing} (`greenwire doctor` applies them where it can write the file)")
    if unknown:
        parts.append(f"migrations {unknown} are newer than this code (version {CURRENT_SCHEMA_VERSION})")
    return Finding("migrations", False, "; ".join(parts))


def run_checks(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    """Every check, in a stable order; ok=False findings name what is wrong and a few examples."""
    migrations = _check_migrations(con)
    findings = [migrations]
    if applied_versions(con) != list(range(1, CURRENT_SCHEMA_VERSION + 1)):
        return findings  # the other checks assume the current schema

    for table, noun in ARTICLE_CHILDREN:
        count, examples = _count_and_examples(
            con,
            f"SELECT DISTINCT c.article_id FROM {table} c"
            " WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.article_id = c.article_id)",
        )
        findings.append(
            _finding(
                f"orphans.{table}",
                count,
                examples,
                f"every {noun} belongs to an article",
                f"article ids in {table} have no article",
            )
        )

    for table, key in (
        ("articles", "article_id"),
        ("inputs", "source_name || ' ' || input_key"),
        ("listings", "source_name || ' ' || url"),
    ):
        count, examples = _count_and_examples(
            con,
            f"SELECT {key} FROM {table} t WHERE t.raw_sha256 IS NOT NULL"
            " AND NOT EXISTS (SELECT 1 FROM raw_documents r WHERE r.sha256 = t.raw_sha256)",
        )
        findings.append(
            _finding(
                f"raw_documents.{table}",
                count,
                examples,
                f"every raw_sha256 in {table} is archived",
                f"{table} rows point at a raw document that is not archived",
            )
        )

    count, examples = _count_and_examples(
        con,
        "SELECT source_name || ' ' || input_key FROM inputs i WHERE i.article_id IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.article_id = i.article_id)",
    )
    findings.append(
        _finding(
            "orphans.inputs", count, examples, "every loaded input points at an article", "inputs point at no article"
        )
    )

    count, examples = _count_and_examples(
        con,
        "SELECT concat(run_id, ' (', discovered, ' discovered, ', new + updated + unchanged + rejected + deferred,"
        " ' outcomes)') FROM ingest_runs WHERE status <> 'running'"
        " AND discovered <> new + updated + unchanged + rejected + deferred",
    )
    findings.append(
        _finding(
            "runs.counts",
            count,
            examples,
            "every finished run's outcomes add up to its discovered inputs",
            "finished runs whose outcomes do not add up",
        )
    )

    count, examples = _count_and_examples(
        con,
        "SELECT concat(r.run_id, ' (', r.deferred, ' deferred, ', count(d.run_id), ' rows)')"
        " FROM ingest_runs r JOIN deferrals d USING (run_id) WHERE r.status <> 'running'"
        " GROUP BY r.run_id, r.deferred HAVING count(d.run_id) > r.deferred",
    )
    findings.append(
        _finding(
            "runs.deferrals",
            count,
            examples,
            "no finished run has more rows in deferrals than inputs it counted deferred",
            "finished runs with more rows in deferrals than their deferred count",
        )
    )

    count, examples = _count_and_examples(
        con,
        "SELECT source_name || ' ' || canonical_key FROM articles"
        " GROUP BY source_name, canonical_key HAVING count(*) > 1",
    )
    findings.append(
        _finding(
            "duplicates.canonical_key",
            count,
            examples,
            "one article per (source, canonical key)",
            "(source, canonical key) pairs have several articles",
        )
    )

    count, examples = _count_and_examples(
        con,
        "SELECT source_name || ' ' || source_uri FROM articles GROUP BY source_name, source_uri HAVING count(*) > 1",
    )
    findings.append(
        _finding(
            "duplicates.source_uri",
            count,
            examples,
            "no source URI is shared by two articles of one source",
            "source URIs are shared by several articles of one source",
        )
    )

    count, examples = _count_and_examples(
        con, "SELECT source_name || ' ' || url FROM listings GROUP BY source_name, url HAVING count(*) > 1"
    )
    findings.append(
        _finding(
            "duplicates.listings",
            count,
            examples,
            "one listing row per (source, URL)",
            "(source, URL) pairs have several listing rows",
        )
    )

    count, examples = _count_and_examples(
        con, "SELECT concat(run_id, ' (started ', started_at, ')') FROM ingest_runs WHERE status = 'running'"
    )
    findings.append(
        _finding(
            "runs.running",
            count,
            examples,
            "no run is left 'running'",
            "runs are still 'running' (a live writer, or a killed process: the next ingest marks them interrupted)",
        )
    )
    return findings


def format_report(findings: Sequence[Finding]) -> str:
    """One line per check, then a verdict line."""
    width = max((len(f.check) for f in findings), default=0)
    lines = [f"{'ok  ' if f.ok else 'FAIL'}  {f.check.ljust(width)}  {f.detail}" for f in findings]
    failed = sum(not f.ok for f in findings)
    lines.append("all checks passed" if failed == 0 else f"{failed} of {len(findings)} checks failed")
    return "\n".join(lines)
