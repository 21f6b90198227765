"""Turn a command-line target (a path or a URL) into the source that should read it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from adapters.base import FetchContext
from adapters.files import ABSOLUTE_KEYS_OPTION, KEY_ROOT_OPTION
from adapters.http import HttpFailure, HttpResponse, http_client_for
from adapters.netpolicy import UrlRefused
from adapters.sitemap import SitemapError, decompress_bounded
from adapters.sniff import GZIP_MAGIC, looks_like_feed, looks_like_sitemap
from adapters.web import raw_document
from schemas import SourceConfig, canonical_url

LOCAL_SOURCE_NAME = "local"
SNIFF_MAX_BYTES = 10 * 1024 * 1024
_UNSAFE_NAME_CHARS = re.compile(r"[^A-Za-z0-9_.\-]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")
FEED_MEDIA_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
# What a URL target can turn out to be (the listing store's kind) and the adapter that reads it.
TARGET_ADAPTERS = {"rss": "rss", "sitemap": "sitemap", "page": "pages"}


def source_name_for_url(url: str) -> str:
    """ "example.org", or "127.0.0.1_8080" when a port is given; safe for SourceConfig.name."""
    parts = urlsplit(url)
    host = (parts.hostname or "web").lower()
    netloc = f"{host}:{parts.port}" if parts.port else host
    return _UNSAFE_NAME_CHARS.sub("_", netloc)[:100] or "web"


def source_for_target(target: str, *, configured: Sequence[SourceConfig], ctx: FetchContext) -> SourceConfig:
    """The source for `greenwire ingest TARGET`.

    A path inside a configured files root reuses that source (same name, keys relative to its root),
    so an ad-hoc run and the scheduled run share article ids; any other path becomes source "local", keyed
    by the files' absolute paths.
    A URL is checked against the network policy (UrlRefused), fetched once and sniffed: a feed, a
    sitemap, or else a single page. A URL a configured web source lists reuses that source. With a
    listing store (`ctx.listings`), a URL already read under its ad-hoc source name keeps the kind
    it was read as (no request), and a sniffed response is put in the store for the run to reuse.
    """
    scheme = _SCHEME.match(target)
    if scheme:
        return _web_source(target, configured, ctx)
    return _file_source(target, configured, ctx)


def _file_source(target: str, configured: Sequence[SourceConfig], ctx: FetchContext) -> SourceConfig:
    path = Path(target).expanduser()
    absolute = (path if path.is_absolute() else ctx.root / path).resolve()
    if not absolute.exists():
        raise FileNotFoundError(f"no such file or directory: {target}")
    for source in configured:
        if source.adapter != "files":
            continue
        for root_text in source.paths:
            root_path = Path(root_text).expanduser()
            root = (root_path if root_path.is_absolute() else ctx.root / root_path).resolve()
            # The key root is set even for the root itself, so merged targets of one source agree.
            if absolute == root or (root.is_dir() and absolute.is_relative_to(root)):
                options = {**source.options, KEY_ROOT_OPTION: root_text}
                return source.model_copy(update={"paths": (target,), "options": options})
    # Keyed and located by absolute path: two directories' `article.txt` stay two articles, and a file named
    # through its parent directory one article; a later run from another directory still finds it.
    return SourceConfig(
        name=LOCAL_SOURCE_NAME, adapter="files", paths=(absolute.as_posix(),), options={ABSOLUTE_KEYS_OPTION: True}
    )


def _web_source(url: str, configured: Sequence[SourceConfig], ctx: FetchContext) -> SourceConfig:
    client = http_client_for(ctx)
    key = canonical_url(url)
    for source in configured:
        if any(canonical_url(listed) == key for listed in source.urls):
            allow = ctx.allow_private_network or source.allow_private_network
            client.check(url, allow_private=allow)
            return source.model_copy(update={"urls": (url,)})
    client.check(url, allow_private=ctx.allow_private_network)  # raises UrlRefused before any request
    name = source_name_for_url(url)
    store = ctx.listings
    known = store.get(name, url) if store is not None else None
    if known is not None and known.kind in TARGET_ADAPTERS:
        # Read before under this name: no need to ask the server what it is (discovery will ask
        # conditionally whether it changed).
        return SourceConfig(name=name, adapter=TARGET_ADAPTERS[known.kind], urls=(url,))
    source = SourceConfig(name=name, adapter="pages", urls=(url,))
    try:
        response = client.get(url, allow_private=ctx.allow_private_network, max_bytes=SNIFF_MAX_BYTES)
    except HttpFailure:
        return source  # the page fetch will fail again and be accounted for as a failure
    if response.not_modified:
        return source
    source = source.model_copy(update={"adapter": _sniffed_adapter(response)})
    if store is not None:
        # Handed to the run, so discovery reads these bytes instead of fetching the URL again.
        kind = next(kind for kind, adapter in TARGET_ADAPTERS.items() if adapter == source.adapter)
        store.put(name, url, kind, raw_document(response, source, ctx, uri=url, key=key))
    return source


def _sniffed_adapter(response: HttpResponse) -> str:
    body = response.content
    if body.startswith(GZIP_MAGIC):
        try:
            body = decompress_bounded(body)
        except SitemapError:
            body = b""
    if response.media_type in FEED_MEDIA_TYPES or looks_like_feed(body):
        return "rss"
    if looks_like_sitemap(body):
        return "sitemap"
    return "pages"


__all__ = ["LOCAL_SOURCE_NAME", "UrlRefused", "source_for_target", "source_name_for_url"]
