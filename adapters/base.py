"""The adapter protocol and its registry.

An adapter turns a declared source into inputs: `discover` yields item references (streaming:
never build the whole list), `fetch` reads one into a RawDocument (or says it is unchanged, or
why it failed). Adapters register by name with `@register`, or from other packages through the
entry-point group `greenwire.adapters`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, ClassVar, Protocol, runtime_checkable

from schemas import FetchResult, ItemRef, SourceConfig

ENTRY_POINT_GROUP = "greenwire.adapters"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class FetchContext:
    """What adapters reach for, passed in so tests can pin it."""

    clock: Callable[[], datetime] = utc_now
    http: Any = None  # adapters.http.HttpClient; created lazily by web adapters when None
    root: Path = field(default_factory=Path.cwd)  # relative source paths resolve against it
    allow_private_network: bool = False  # set by --allow-private-network (the source may allow too)


@runtime_checkable
class Adapter(Protocol):
    name: ClassVar[str]

    def discover(self, source: SourceConfig, ctx: FetchContext) -> Iterable[ItemRef]: ...

    def fetch(self, ref: ItemRef, source: SourceConfig, ctx: FetchContext) -> FetchResult: ...


_REGISTRY: dict[str, type[Adapter]] = {}


def register(name: str) -> Callable[[type], type]:
    """Class decorator: `@register("rss")` makes the adapter available to `sources.toml`."""

    def decorate(cls: type) -> type:
        cls.name = name
        _REGISTRY[name] = cls
        return cls

    return decorate


def _load_entry_points() -> None:
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name not in _REGISTRY:
            _REGISTRY[ep.name] = ep.load()


def get_adapter(name: str) -> Adapter:
    if name not in _REGISTRY:
        _load_entry_points()
    try:
        return _REGISTRY[name]()
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise KeyError(f"unknown adapter {name!r} (known: {known})") from None


def adapter_names() -> list[str]:
    _load_entry_points()
    return sorted(_REGISTRY)
