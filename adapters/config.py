"""Read `sources.toml`: one `[[sources]]` table per source, validated into SourceConfig."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from zoneinfo import ZoneInfoNotFoundError

import soupsieve
from pydantic import ValidationError

from schemas import SourceConfig
from schemas.common import SOURCE_LANGUAGES

DEFAULT_SOURCES_PATH = Path("sources.toml")  # relative to the project root (the working directory)
# pydantic puts this before the message of a ValueError a validator raises; the file's other errors have none.
PYDANTIC_VALUE_ERROR_PREFIX = "Value error, "


class SourcesError(ValueError):
    """sources.toml cannot be used; the message names the file and the entry."""


def _describe(index: int, table: object) -> str:
    name = table.get("name") if isinstance(table, dict) else None
    return f"[[sources]] entry {index + 1}" + (f" ({name!r})" if isinstance(name, str) else "")


def _problem(error: dict) -> str:
    where = ".".join(str(part) for part in error["loc"]) or "entry"
    message = str(error["msg"])
    if error.get("type") == "value_error":
        message = message.removeprefix(PYDANTIC_VALUE_ERROR_PREFIX)
    return f"{where}: {message}"


def _paths_from(table: dict, base: str) -> dict:
    """`table` with its relative `paths` made absolute against `base` (the sources file's directory).

    The file says where its data is, whatever directory the command runs in (cron, systemd, a
    deployment's worker). Lexically, like the files adapter: symlinks are resolved when walking.
    """
    paths = table.get("paths")
    if not isinstance(paths, list):
        return table  # absent, or wrong: SourceConfig says so
    resolved = [
        os.path.normpath(os.path.join(base, os.path.expanduser(entry))) if isinstance(entry, str) else entry
        for entry in paths
    ]
    return {**table, "paths": resolved}


def load_sources(path: str | os.PathLike[str] = DEFAULT_SOURCES_PATH) -> list[SourceConfig]:
    """The sources declared in `path` (a str or a Path), in file order. Raises SourcesError naming the file and entry.

    Relative `paths` are relative to the file's directory and come back absolute.
    """
    path = Path(path)  # callers write load_sources("sources.toml") as often as with a Path (README's deploy.py)
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except FileNotFoundError:
        raise SourcesError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise SourcesError(f"{path}: is a directory, not a sources file") from None
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{path}: not valid TOML: {exc}") from None
    unknown = sorted(set(document) - {"sources"})
    if unknown:
        raise SourcesError(f"{path}: unknown top-level key(s) {', '.join(unknown)} (expected [[sources]] tables)")
    tables = document.get("sources", [])
    if not isinstance(tables, list):
        raise SourcesError(f"{path}: 'sources' must be an array of tables ([[sources]])")
    from adapters.base import adapter_names  # late: the registry fills as adapters are imported

    known_adapters = adapter_names()
    base = os.path.dirname(os.path.abspath(path))
    sources: list[SourceConfig] = []
    seen: dict[str, int] = {}
    for index, table in enumerate(tables):
        where = f"{path}: {_describe(index, table)}"
        if not isinstance(table, dict):
            raise SourcesError(f"{where}: must be a table")
        # Checked here, not by SourceConfig: its Language type also holds any code detection finds.
        if "language" in table and table["language"] not in SOURCE_LANGUAGES:
            allowed = " or ".join(repr(code) for code in SOURCE_LANGUAGES)
            raise SourcesError(f"{where}: language: must be {allowed} (omit it to detect), not {table['language']!r}")
        try:
            source = SourceConfig.model_validate(_paths_from(table, base))
        except ValidationError as exc:
            problems = "; ".join(_problem(dict(error)) for error in exc.errors())
            raise SourcesError(f"{where}: {problems}") from None
        except ZoneInfoNotFoundError as exc:  # a KeyError, which pydantic does not wrap
            raise SourcesError(f"{where}: timezone: {exc.args[0] if exc.args else exc}") from None
        if source.adapter not in known_adapters:
            raise SourcesError(f"{where}: unknown adapter {source.adapter!r} (known: {', '.join(known_adapters)})")
        if source.name in seen:
            raise SourcesError(f"{where}: name {source.name!r} is already used by entry {seen[source.name] + 1}")
        if source.adapter == "files" and not source.paths:
            raise SourcesError(f"{where}: a files source needs paths")
        if source.adapter != "files" and source.adapter in WEB_ADAPTERS and not source.urls:
            raise SourcesError(f"{where}: a {source.adapter} source needs urls")
        if source.adapter == "listing" and not source.link_selector:
            raise SourcesError(f"{where}: a listing source needs link_selector")
        for field_name in ("link_selector", "next_selector"):
            selector = getattr(source, field_name)
            if selector:
                try:
                    soupsieve.compile(selector)
                except soupsieve.SelectorSyntaxError as exc:
                    reason = str(exc).splitlines()[0]
                    raise SourcesError(f"{where}: {field_name}: not a CSS selector: {reason}") from None
        seen[source.name] = index
        sources.append(source)
    return sources


WEB_ADAPTERS = frozenset({"pages", "rss", "sitemap", "listing"})
