"""Validated articles as the warehouse's rows: the normalize stage, between validation and load.

Pure Python (no DuckDB, no Arrow), so it runs where the articles are made: in the extraction
workers, which hand the single writer columns ready to insert instead of thousands of pydantic
objects to take apart again (at 1,000 articles, rebuilding those objects in the writer cost
0.33 s; these columns unpickle in ~20 ms). The loader turns them into Arrow tables
(`warehouse.loader.ARTICLE_ROW_SCHEMA` and friends give each column its type). Whether a row is
new, updated or unchanged is decided at load time, against the warehouse: those columns are not here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from schemas import Article

# One row per article, as read: the `articles` columns plus what its input row needs.
# (column, type) with the loader's type names: string, timestamp, int64, int32, int8, string_list.
ARTICLE_ROW_FIELDS: tuple[tuple[str, str], ...] = (
    ("article_id", "string"),
    ("source_name", "string"),
    ("source_uri", "string"),
    ("input_key", "string"),
    ("canonical_key", "string"),
    ("canonical_url", "string"),
    ("final_url", "string"),
    ("title", "string"),
    ("title_source", "string"),
    ("published_at", "timestamp"),
    ("date_precision", "string"),
    ("date_text", "string"),
    ("date_source", "string"),
    ("language", "string"),
    ("author", "string"),
    ("editors", "string_list"),
    ("publisher", "string"),
    ("site_name", "string"),
    ("section", "string"),
    ("view_count", "int64"),
    ("body_text", "string"),
    ("content_hash", "string"),
    ("raw_sha256", "string"),
    ("extractor", "string"),
    ("extractor_version", "string"),
    ("read_at", "timestamp"),
    ("etag", "string"),
    ("last_modified", "string"),
)
# Child rows carry their article's input key: two inputs of one batch may resolve to the same
# article_id, and only the children of the input that is loaded may be inserted.
_CHILD_KEYS = (("article_id", "string"), ("input_key", "string"))
CHILD_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "paragraphs": (*_CHILD_KEYS, ("position", "int32"), ("kind", "string"), ("level", "int8"), ("text", "string")),
    "images": (*_CHILD_KEYS, ("position", "int32"), ("src", "string"), ("alt", "string"), ("caption", "string")),
    "links": (*_CHILD_KEYS, ("position", "int32"), ("href", "string"), ("text", "string")),
    "removed": (*_CHILD_KEYS, ("position", "int32"), ("rule", "string"), ("text", "string")),
}
_CHILD_VALUES = {name: tuple(column for column, _ in fields[2:]) for name, fields in CHILD_FIELDS.items()}
_COMPUTED = {"input_key", "content_hash", "published_at", "read_at", "editors"}
_PLAIN = tuple(column for column, _ in ARTICLE_ROW_FIELDS if column not in _COMPUTED)

Columns = dict[str, list[Any]]


def utc(value: datetime | None) -> datetime | None:
    return None if value is None else value.astimezone(UTC)


def _empty(fields: Sequence[tuple[str, str]]) -> Columns:
    return {column: [] for column, _ in fields}


@dataclass
class ArticleRows:
    """Articles and their children, column by column (name -> values), one set per warehouse table."""

    articles: Columns = field(default_factory=lambda: _empty(ARTICLE_ROW_FIELDS))
    children: dict[str, Columns] = field(
        default_factory=lambda: {name: _empty(fields) for name, fields in CHILD_FIELDS.items()}
    )

    def __len__(self) -> int:
        return len(self.articles["article_id"])

    def extend(self, other: ArticleRows) -> None:
        for column, values in other.articles.items():
            self.articles[column].extend(values)
        for name, columns in other.children.items():
            for column, values in columns.items():
                self.children[name][column].extend(values)


def article_rows(articles: Sequence[tuple[str, Article]]) -> ArticleRows:
    """Normalize (input key, article) pairs into rows, in the order given."""
    rows = ArticleRows()
    cols = rows.articles
    for key, article in articles:
        values = article.__dict__
        for column in _PLAIN:
            cols[column].append(values[column])
        cols["input_key"].append(key)
        cols["content_hash"].append(article.content_hash)
        cols["published_at"].append(utc(article.published_at))
        cols["read_at"].append(utc(article.read_at))
        cols["editors"].append(list(article.editors))
        aid = article.article_id
        for name, child_cols in rows.children.items():
            children = values[name]
            if not children:
                continue
            child_cols["article_id"].extend([aid] * len(children))
            child_cols["input_key"].extend([key] * len(children))
            for column in _CHILD_VALUES[name]:
                child_cols[column].extend([child.__dict__[column] for child in children])
    return rows


def concat_rows(parts: Iterable[ArticleRows]) -> ArticleRows:
    """One ArticleRows from several (chunks made by different workers), in order. A single part
    with rows is returned as it is: the writer's batch arrives merged once already."""
    nonempty = [part for part in parts if len(part)]
    if len(nonempty) == 1:
        return nonempty[0]
    merged = ArticleRows()
    for part in nonempty:
        merged.extend(part)
    return merged
