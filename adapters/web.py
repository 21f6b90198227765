"""The `pages` adapter (a list of article URLs) and the page fetch every web adapter shares."""

from __future__ import annotations

from collections.abc import Iterator

from adapters.base import DiscoveryProblem, FetchContext, KnownListing, register
from adapters.http import HttpFailure, HttpResponse, http_client_for
from adapters.sniff import sniff_media_type
from schemas import (
    FetchFailure,
    FetchResult,
    ItemRef,
    NotModified,
    RawDocument,
    SourceConfig,
    Validators,
    canonical_url,
)


def allows_private(source: SourceConfig, ctx: FetchContext) -> bool:
    return ctx.allow_private_network or source.allow_private_network


def fetch_page(ref: ItemRef, source: SourceConfig, ctx: FetchContext) -> FetchResult:
    """GET one page (conditionally, when the warehouse holds validators) and record how it was read."""
    client = http_client_for(ctx)
    try:
        response = client.get(
            ref.uri,
            allow_private=allows_private(source, ctx),
            rate_limit=source.rate_limit,
            validators=ref.validators,
        )
    except HttpFailure as failure:
        return FetchFailure(
            source_name=ref.source_name,
            uri=ref.uri,
            key=ref.key,
            transient=failure.transient,
            reason=failure.reason,
            detail=failure.detail[:500],
        )
    if response.not_modified:
        return NotModified(source_name=ref.source_name, uri=ref.uri, key=ref.key)
    return raw_document(
        response, source, ctx, uri=ref.uri, key=ref.key, hint_title=ref.hint_title, hint_published=ref.hint_published
    )


def raw_document(
    response: HttpResponse,
    source: SourceConfig,
    ctx: FetchContext,
    *,
    uri: str,
    key: str,
    hint_title: str | None = None,
    hint_published: str | None = None,
) -> RawDocument:
    """The RawDocument of a full (2xx) response: the bytes as read and how they were read."""
    return RawDocument(
        source_name=source.name,
        uri=uri,
        key=key,
        content=response.content,
        media_type=response.media_type or sniff_media_type(response.content),
        declared_encoding=response.charset,
        final_url=response.final_url,
        http_status=response.status,
        headers=response.headers,
        etag=response.header("ETag"),
        last_modified=response.header("Last-Modified"),
        read_at=ctx.clock(),
        timezone=source.timezone,
        language_hint=source.language,
        hint_title=hint_title,
        hint_published=hint_published,
    )


class PageFetcher:
    """Mixin: web adapters fetch their items as pages."""

    def fetch(self, ref: ItemRef, source: SourceConfig, ctx: FetchContext) -> FetchResult:
        return fetch_page(ref, source, ctx)


@register("pages")
class PagesAdapter(PageFetcher):
    """`urls` are the articles themselves."""

    def fetch(self, ref: ItemRef, source: SourceConfig, ctx: FetchContext) -> FetchResult:
        # The command line read this page to learn what the URL was (adapters.detect): that read is
        # the fetch. Asked for inputs the warehouse does not hold yet (no validators) only: a URL it
        # holds is known as a page and not sniffed.
        store = ctx.listings
        known = store.get(source.name, ref.uri) if store is not None and ref.validators is None else None
        if known is not None and known.read_this_run and known.kind == "page":
            response = _from_store(ref.uri, known, status=200, final_url=known.final_url or ref.uri)
            return raw_document(response, source, ctx, uri=ref.uri, key=ref.key)
        return fetch_page(ref, source, ctx)

    def discover(self, source: SourceConfig, ctx: FetchContext) -> Iterator[ItemRef]:
        seen: set[str] = set()
        for url in source.urls:
            key = canonical_url(url)
            if key not in seen:
                seen.add(key)
                yield ItemRef(source_name=source.name, uri=url, key=key)


def get_listing(
    url: str,
    source: SourceConfig,
    ctx: FetchContext,
    *,
    kind: str = "listing",
    accept: str | None = None,
    max_bytes: int | None = None,
) -> HttpResponse | DiscoveryProblem:
    """GET a feed, sitemap or listing page for discovery; a failure comes back as a DiscoveryProblem.

    With a listing store (`ctx.listings`) the GET is conditional on what the store holds: a 304
    gives back the stored bytes (status 304, stored headers), so discovery still names every item
    and each item's own conditional GET decides whether it changed; a full answer is stored.
    A copy read earlier in this run (the command line's sniff) is used without a request.
    """
    store = ctx.listings
    known = store.get(source.name, url) if store is not None else None
    if known is not None and known.read_this_run:
        return _from_store(url, known, status=200, final_url=known.final_url or url)
    validators = None
    if known is not None and (known.etag or known.last_modified):
        validators = Validators(etag=known.etag, last_modified=known.last_modified)
    try:
        response = http_client_for(ctx).get(
            url,
            allow_private=allows_private(source, ctx),
            rate_limit=source.rate_limit,
            validators=validators,
            accept=accept,
            max_bytes=max_bytes,
        )
    except HttpFailure as failure:
        return DiscoveryProblem(uri=url, reason=failure.reason, transient=failure.transient, detail=failure.detail)
    if response.not_modified:
        if known is None:  # no validators were sent, so a 304 here is a server quirk
            return DiscoveryProblem(uri=url, reason="http_304", transient=True, detail="unexpected 304")
        return _from_store(url, known, status=304, final_url=known.final_url or response.final_url)
    if store is not None and not _same_as_known(response, known):
        store.put(source.name, url, kind, raw_document(response, source, ctx, uri=url, key=canonical_url(url)))
    return response


def _same_as_known(response: HttpResponse, known: KnownListing | None) -> bool:
    """A full answer identical to the stored copy (a server without validators): nothing to save."""
    return (
        known is not None
        and known.content == response.content
        and known.etag == response.header("ETag")
        and known.last_modified == response.header("Last-Modified")
    )


def _from_store(url: str, known: KnownListing, *, status: int, final_url: str) -> HttpResponse:
    return HttpResponse(url, final_url, status, dict(known.headers), known.content)
