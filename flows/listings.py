"""The warehouse-backed listing store a run hands its adapters (`FetchContext.listings`).

Discovery asks it for what a feed, sitemap or listing page was last time (validators and bytes)
and puts what it read in full. Listings read during the run itself (the command line's target
sniff) are kept in memory and used without another request.

Saving a listing before its items load is safe: whether an item is skipped is decided against
`inputs` (what was loaded), never against the listing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from adapters.base import KnownListing
from schemas import RawDocument, canonical_url
from warehouse.listings import StoredListing, save_listing, stored_listing
from warehouse.store import WarehouseLocked, WarehouseWriter, open_warehouse


@dataclass(frozen=True)
class ReadListing:
    """A listing read in full during this run, not yet (or not only) in the warehouse."""

    source_name: str
    url: str
    kind: str
    raw: RawDocument

    def known(self) -> KnownListing:
        return KnownListing(
            kind=self.kind,
            content=self.raw.content,
            etag=self.raw.etag,
            last_modified=self.raw.last_modified,
            final_url=self.raw.final_url,
            headers=dict(self.raw.headers),
            read_this_run=True,
        )


class WarehouseListingStore:
    """`adapters.base.ListingStore` over the warehouse's `listings` table, with an in-memory layer.

    With a `run_id` (the flow) it reads and writes the warehouse through the run's writer (or one
    short connection per call without one).
    Without one (the command line, before the run starts) it only reads, and best-effort: a missing
    file, an older schema or a busy writer count as "nothing known"; what it is given stays in
    memory, to be handed to the run with `read_this_run()`.
    """

    def __init__(
        self,
        db_path: str | Path,
        *,
        lock_timeout: float,
        run_id: str | None = None,
        writer: WarehouseWriter | None = None,
    ) -> None:
        self.db_path = Path(db_path)
        self.writer = writer
        self.lock_timeout = lock_timeout
        self.run_id = run_id
        self._read: dict[tuple[str, str], ReadListing] = {}
        self._lock = threading.Lock()

    def get(self, source_name: str, url: str) -> KnownListing | None:
        with self._lock:
            fresh = self._read.get((source_name, canonical_url(url)))
        if fresh is not None:
            return fresh.known()
        stored = self._stored(source_name, url)
        if stored is None:
            return None
        return KnownListing(
            kind=stored.kind,
            content=stored.content,
            etag=stored.etag,
            last_modified=stored.last_modified,
            final_url=stored.final_url,
            headers=stored.headers,
        )

    def put(self, source_name: str, url: str, kind: str, raw: RawDocument) -> None:
        self.adopt([ReadListing(source_name, url, kind, raw)])

    def adopt(self, listings: Iterable[ReadListing]) -> None:
        """Keep listings read this run in memory and, in a run, save them to the warehouse."""
        listings = list(listings)
        with self._lock:
            for listing in listings:
                self._read[(listing.source_name, canonical_url(listing.url))] = listing
        if self.run_id is None or not listings:
            return
        with self._writable() as con:
            for listing in listings:
                save_listing(
                    con,
                    run_id=self.run_id,
                    source_name=listing.source_name,
                    url=listing.url,
                    kind=listing.kind,
                    raw=listing.raw,
                )

    def _writable(self) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
        if self.writer is not None:
            return self.writer.session()
        return open_warehouse(self.db_path, lock_timeout=self.lock_timeout)

    def read_this_run(self) -> list[ReadListing]:
        with self._lock:
            return list(self._read.values())

    def _stored(self, source_name: str, url: str) -> StoredListing | None:
        if self.run_id is not None:
            with self._writable() as con:
                return stored_listing(con, source_name, url)
        if not self.db_path.is_file():
            return None
        try:
            with open_warehouse(self.db_path, read_only=True, lock_timeout=self.lock_timeout) as con:
                return stored_listing(con, source_name, url)
        except (WarehouseLocked, duckdb.Error):
            return None  # an older schema, a busy writer: sniff instead


# Listings the command line read before starting the run (its target sniff), waiting for the run
# to take them. A module-level hand-over because flow parameters must stay small and serialisable.
_HANDED_OVER: list[ReadListing] = []
_HAND_OVER_LOCK = threading.Lock()


def hand_over(listings: Iterable[ReadListing]) -> None:
    with _HAND_OVER_LOCK:
        _HANDED_OVER[:] = list(listings)


def take_handed_over() -> list[ReadListing]:
    """The listings handed over for the run that starts now (each run takes them once)."""
    with _HAND_OVER_LOCK:
        taken = list(_HANDED_OVER)
        _HANDED_OVER.clear()
    return taken
