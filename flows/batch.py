"""One batch through the stages, without Prefect: fetch -> skip -> extract -> validate.

The flow wires these; tests call them directly. Extraction is a pure function of a raw
document, so it runs in worker processes (or Dask workers) while this process keeps the
single warehouse writer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Generic, TypeVar

from cleaning.errors import ExtractionError
from cleaning.pipeline import extract
from cleaning.version import EXTRACTOR_VERSION
from schemas import (
    Article,
    Deferral,
    FetchFailure,
    ItemRef,
    NotModified,
    RawDocument,
    Reject,
    SiteRules,
    SourceConfig,
    Validators,
    to_article,
)
from schemas.archive import ArchivedRaw, archive_raw
from warehouse.rows import ArticleRows, article_rows, concat_rows

if TYPE_CHECKING:  # adapters (requests, feedparser, bs4) stay out of the extraction workers
    from adapters.base import Adapter, FetchContext

T = TypeVar("T")
R = TypeVar("R")


class Sealed(Generic[T]):
    """A task argument Prefect passes along without looking inside.

    Prefect walks lists, dicts, dataclasses and pydantic models in task arguments to find
    upstream futures; for a batch of documents that walk cost more than the work itself. A plain
    class is not walked, and it pickles as is (process pools, Dask workers), unlike
    `prefect.utilities.annotations.quote`, which reached Dask workers as a bare tuple.
    """

    __slots__ = ("value",)

    def __init__(self, value: T) -> None:
        self.value = value

    def __getstate__(self) -> tuple[T]:
        return (self.value,)  # never falsy: pickle skips __setstate__ for a falsy state

    def __setstate__(self, state: tuple[T]) -> None:
        (self.value,) = state


@dataclass
class FetchedBatch:
    """What fetching one batch gave: documents to extract, and inputs already settled."""

    to_extract: list[RawDocument] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # input keys skipped before parsing
    rejects: list[tuple[str, Reject]] = field(default_factory=list)  # permanent fetch failures
    deferred: list[FetchFailure] = field(default_factory=list)  # transient: retried next run
    deferred_at: datetime | None = None  # when the fetch that deferred them ended


def attach_validators(refs: Sequence[ItemRef], state: dict[str, Validators]) -> list[ItemRef]:
    """Give each ref what the warehouse loaded for it, for conditional requests (ETag, file size
    and mtime). Inputs loaded by another extractor version are read again in full: their
    articles must be re-extracted, so a "not modified" answer would be of no use."""
    attached = []
    for ref in refs:
        loaded = state.get(ref.key)
        if loaded is not None and loaded.extractor_version != EXTRACTOR_VERSION:
            loaded = loaded.model_copy(update={"etag": None, "last_modified": None})
        attached.append(ref.model_copy(update={"validators": loaded}) if loaded is not None else ref)
    return attached


def settle_unchanged(refs: Sequence[ItemRef], state: dict[str, Validators]) -> tuple[list[ItemRef], list[str]]:
    """Split off the inputs whose discovery signature equals the validator the warehouse loaded
    (by this extractor version): they are unchanged without being fetched. Returns the refs still
    to fetch and the keys settled as unchanged."""
    to_fetch: list[ItemRef] = []
    settled: list[str] = []
    for ref in refs:
        loaded = state.get(ref.key) if ref.signature is not None else None
        if loaded is not None and loaded.etag == ref.signature and loaded.extractor_version == EXTRACTOR_VERSION:
            settled.append(ref.key)
        else:
            to_fetch.append(ref)
    return to_fetch, settled


def is_unchanged(raw: RawDocument, loaded: Validators | None) -> bool:
    """Same bytes, read by the same extractor version, as what the warehouse loaded."""
    return loaded is not None and loaded.raw_sha256 == raw.sha256 and loaded.extractor_version == EXTRACTOR_VERSION


def fetch_batch(
    refs: Sequence[ItemRef],
    source: SourceConfig,
    adapter: Adapter,
    ctx: FetchContext,
    *,
    run_id: str,
    threads: int = 1,
) -> FetchedBatch:
    """Read every ref; sort the results into extract / unchanged / rejected / deferred."""
    out = FetchedBatch()
    if not refs:
        return out
    if threads > 1:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            results = list(pool.map(lambda ref: adapter.fetch(ref, source, ctx), refs))
    else:
        results = [adapter.fetch(ref, source, ctx) for ref in refs]
    now = ctx.clock()
    out.deferred_at = now
    for ref, result in zip(refs, results, strict=True):
        if isinstance(result, NotModified):
            out.unchanged.append(ref.key)
        elif isinstance(result, FetchFailure):
            if result.transient:
                out.deferred.append(result)
            else:
                reject = make_reject(run_id, source.name, ref.uri, "fetch", result.reason, result.detail, now)
                out.rejects.append((ref.key, reject))
        elif is_unchanged(result, ref.validators):
            out.unchanged.append(ref.key)
        else:
            out.to_extract.append(result)
    return out


MAX_DETAIL_CHARS = 500


def make_reject(
    run_id: str,
    source_name: str,
    source_uri: str,
    stage: str,
    reason: str,
    detail: str,
    now: datetime,
    raw_sha256: str | None = None,
) -> Reject:
    """A reject row for an input that failed at `stage` (detail clipped to a readable length)."""
    return Reject(
        run_id=run_id,
        source_name=source_name,
        source_uri=source_uri,
        stage=stage,
        reason=reason,
        detail=detail[:MAX_DETAIL_CHARS],
        raw_sha256=raw_sha256,
        occurred_at=now,
    )


def make_deferral(
    source_name: str, source_uri: str, reason: str, detail: str, now: datetime, *, input_key: str | None = None
) -> Deferral:
    """A `deferrals` row: an input (`input_key` given) or a listing that a transient failure kept
    from being read (detail clipped like a reject's)."""
    return Deferral(
        source_name=source_name,
        source_uri=source_uri,
        input_key=input_key,
        stage="fetch" if input_key is not None else "discover",
        reason=reason,
        detail=detail[:MAX_DETAIL_CHARS],
        occurred_at=now,
    )


def extract_and_validate(raw: RawDocument, rules: SiteRules | None, run_id: str, now: datetime) -> Article | Reject:
    """Cleaning + validation of one document; never raises for bad input."""
    try:
        extracted = extract(raw, rules)
    except ExtractionError as exc:
        stage = exc.stage if exc.stage in ("decode", "extract") else "extract"
        return make_reject(run_id, raw.source_name, raw.uri, stage, exc.reason, exc.detail, now, raw.sha256)
    except Exception as exc:  # an extractor bug must cost one document, not the run
        detail = f"{type(exc).__name__}: {exc}"
        return make_reject(run_id, raw.source_name, raw.uri, "extract", "extractor_error", detail, now, raw.sha256)
    return to_article(raw, extracted, run_id=run_id, now=now)


ChunkArgs = tuple[list[RawDocument], SiteRules | None, str, datetime]


@dataclass
class Prepared:
    """A fetched batch made ready for its load where the bytes are (an extraction worker):
    articles extracted, validated and normalized into the warehouse's rows; rejects with their
    input keys; raw documents archived (compressed, hashed). The single writer only inserts."""

    rows: ArticleRows
    rejects: list[tuple[str, Reject]]
    raws: list[ArchivedRaw]

    @classmethod
    def merged(cls, parts: Sequence[Prepared]) -> Prepared:
        return cls(
            rows=concat_rows(part.rows for part in parts),
            rejects=[reject for part in parts for reject in part.rejects],
            raws=[raw for part in parts for raw in part.raws],
        )


# Pages per chunk sent to a worker: enough that a chunk's fixed costs (pickling, the pipe) are
# spread thin, few enough that every worker gets several chunks of a batch (no worker idles while
# another finishes a long one) and that the writer receives no large messages (64 pages per
# chunk kept ~50 MB more resident in the writer than 16 at 40k pages; 32 is between).
MAX_CHUNK_PAGES = 32
CHUNKS_PER_WORKER = 4


def chunk_size_for(batch_len: int, workers: int) -> int:
    return max(1, min(MAX_CHUNK_PAGES, batch_len // (max(1, workers) * CHUNKS_PER_WORKER)))


def _prepare_chunk(args: ChunkArgs) -> Prepared:
    prepared = _reextract_chunk(args)
    prepared.raws = [archive_raw(raw) for raw in args[0]]
    return prepared


def _reextract_chunk(args: ChunkArgs) -> Prepared:
    raws, rules, run_id, now = args
    articles, rejects = split_outcomes(raws, [extract_and_validate(raw, rules, run_id, now) for raw in raws])
    return Prepared(rows=article_rows(articles), rejects=rejects, raws=[])


def _map_chunks(
    work: Callable[[ChunkArgs], R],
    raws: Sequence[RawDocument],
    rules: SiteRules | None,
    run_id: str,
    now: datetime,
    pool: Executor | None,
    chunk_size: int,
) -> list[R]:
    """`work` over the batch in chunks, in order; spread over `pool` (a process pool) when one is given."""
    if pool is None or len(raws) <= chunk_size:
        return [work((list(raws), rules, run_id, now))]
    chunks = [list(raws[i : i + chunk_size]) for i in range(0, len(raws), chunk_size)]
    return list(pool.map(work, [(chunk, rules, run_id, now) for chunk in chunks]))


def prepare_many(
    raws: Sequence[RawDocument],
    rules: SiteRules | None,
    *,
    run_id: str,
    now: datetime,
    pool: Executor | None = None,
    chunk_size: int = MAX_CHUNK_PAGES,
    archive: bool = True,
) -> Prepared:
    """Everything a fetched batch needs before its load (see `Prepared`), in order; spread over
    `pool` (a process pool) when one is given. `archive=False` for documents archived already
    (a replay): `Prepared.raws` stays empty."""
    work = _prepare_chunk if archive else _reextract_chunk
    return Prepared.merged(_map_chunks(work, raws, rules, run_id, now, pool, chunk_size))


def split_outcomes(
    raws: Sequence[RawDocument | ArchivedRaw], outcomes: Sequence[Article | Reject]
) -> tuple[list[tuple[str, Article]], list[tuple[str, Reject]]]:
    """Pair each extraction outcome with its input key: (articles, rejects), as LoadBatch wants them."""
    articles: list[tuple[str, Article]] = []
    rejects: list[tuple[str, Reject]] = []
    for raw, outcome in zip(raws, outcomes, strict=True):
        if isinstance(outcome, Article):
            articles.append((raw.key, outcome))
        else:
            rejects.append((raw.key, outcome))
    return articles, rejects


_POOL: ProcessPoolExecutor | None = None


def _warm_up() -> None:
    """A worker's first task: it imports the extractor, so the first batch finds it ready."""


def _leave_interrupts_to_the_parent() -> None:
    """Worker initializer. A terminal's Ctrl-C reaches the whole process group: the flow process
    ends the run and shuts the pool down, and its workers must not each print a traceback."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def process_pool(workers: int) -> Executor | None:
    """One extraction pool per process, its workers started at once so that they are ready by the
    first batch. Spawned, not forked: the flow process has threads; and no fork server, whose
    preloaded copy of the extractor would be one more resident process (measured ~50 MB)."""
    global _POOL
    if workers <= 1:
        return None
    if _POOL is None:
        import multiprocessing

        _POOL = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_leave_interrupts_to_the_parent,
        )
        for _ in range(workers):
            _POOL.submit(_warm_up)
    return _POOL


def shutdown_pool() -> None:
    global _POOL
    if _POOL is not None:
        _POOL.shutdown(cancel_futures=True)
        _POOL = None


# The first batches are small and double up to the batch size: the workers start extracting
# after a few dozen reads instead of a full batch, and the first load comes sooner.
FIRST_BATCH_SIZE = 64


def chunked(items: Iterable[ItemRef], size: int, *, first: int = FIRST_BATCH_SIZE) -> Iterable[list[ItemRef]]:
    """Batches from a stream, never holding more than one: `first` items, then twice as many each
    time up to `size`, then `size` each."""
    limit = max(1, min(first, size))
    batch: list[ItemRef] = []
    for item in items:
        batch.append(item)
        if len(batch) >= limit:
            yield batch
            batch = []
            limit = min(size, limit * 2)
    if batch:
        yield batch
