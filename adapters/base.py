"""The adapter protocol and its registry.

An adapter turns a declared source into inputs: `discover` yields item references (streaming:
never build the whole list), `fetch` reads one into a RawDocument (or says it is unchanged, or
why it failed). Adapters register by name with `@register`, or from other packages through the
entry-point group `greenwire.adapters`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, ClassVar, Protocol, runtime_checkable

from schemas import FetchResult, ItemRef, RawDocument, SourceConfig

ENTRY_POINT_GROUP = "greenwire.adapters"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class KnownListing:
    """A listing (feed, sitemap, listing page) as last read, handed back by a ListingStore."""

    kind: str  # "rss", "sitemap", "listing", or "page" for a command-line URL that was a plain page
    content: bytes = field(repr=False)
    etag: str | None = None
    last_modified: str | None = None
    final_url: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    # Read during this very run (say, by the command line's target detection): use it as is,
    # without asking the server again.
    read_this_run: bool = False


@runtime_checkable
class ListingStore(Protocol):
    """Where discovery keeps the listings it read, so the next read can be a conditional GET.

    Keys are (source name, listing URL); implementations compare URLs in canonical form. The
    flow provides one backed by the warehouse; adapters never reach for storage themselves.
    """

    def get(self, source_name: str, url: str) -> KnownListing | None: ...

    def put(self, source_name: str, url: str, kind: str, raw: RawDocument) -> None: ...


@dataclass
class FetchContext:
    """What adapters reach for, passed in so tests can pin it."""

    clock: Callable[[], datetime] = utc_now
    http: Any = None  # adapters.http.HttpClient; created lazily by web adapters when None
    root: Path = field(default_factory=Path.cwd)  # relative source paths resolve against it
    allow_private_network: bool = False  # set by --allow-private-network (the source may allow too)
    # Receives (source name, DiscoveryProblem) for listings discovery could not read; when None,
    # `discover` raises DiscoveryError after yielding everything it found (see end_discovery).
    on_discovery_problem: Callable[[str, DiscoveryProblem], None] | None = None
    # Listings read before (validators and bytes): discovery asks for them conditionally and, on a
    # 304, reads the stored bytes. None: every listing is fetched in full.
    listings: ListingStore | None = None


@dataclass(frozen=True)
class DiscoveryProblem:
    """One listing (feed, sitemap, listing page, file root) that discovery could not read."""

    uri: str
    reason: str  # short code, as in FetchFailure.reason
    transient: bool
    detail: str = ""


class DiscoveryError(Exception):
    """Raised by `discover` AFTER it has yielded every item it could find, naming what it could not read.

    A source with several feeds or roots keeps going past one bad listing; the caller records these.
    """

    def __init__(self, source_name: str, problems: Iterable[DiscoveryProblem]) -> None:
        self.source_name = source_name
        self.problems = tuple(problems)
        listed = "; ".join(f"{p.uri}: {p.reason} {p.detail}".strip() for p in self.problems)
        super().__init__(f"source {source_name!r}: could not discover from {listed}")

    @property
    def transient(self) -> bool:
        return all(problem.transient for problem in self.problems)


def end_discovery(source_name: str, problems: list[DiscoveryProblem], ctx: FetchContext) -> None:
    """Hand the problems of one discovery to the context's callback, or raise them as DiscoveryError."""
    if not problems:
        return
    if ctx.on_discovery_problem is None:
        raise DiscoveryError(source_name, problems)
    for problem in problems:
        ctx.on_discovery_problem(source_name, problem)


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
