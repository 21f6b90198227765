"""The `sitemap` adapter: XML sitemaps and sitemap indexes (nested, gzip-compressed or not)."""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from urllib.parse import urljoin

from lxml import etree

from adapters.base import DiscoveryProblem, FetchContext, end_discovery, register
from adapters.sniff import GZIP_MAGIC
from adapters.web import PageFetcher, get_listing
from schemas import ItemRef, SourceConfig, canonical_url

SITEMAP_ACCEPT = "application/xml, text/xml;q=0.9, */*;q=0.5"
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit, uncompressed
MAX_INDEX_DEPTH = 3  # index -> index -> index -> urlset
LISTING_KIND = "sitemap"  # how the listing store files what discovery reads
WEB_SCHEMES = ("http://", "https://")


class SitemapError(ValueError):
    pass


def _safe_parser() -> etree.XMLParser:
    # No entity expansion, no DTD or network access: a sitemap is untrusted input.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )


def decompress_bounded(data: bytes, limit: int = MAX_SITEMAP_BYTES) -> bytes:
    """Gunzip `data` (if gzip) without ever holding more than `limit` bytes of output."""
    if not data.startswith(GZIP_MAGIC):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise SitemapError(f"bad gzip: {exc}") from None
    if len(out) > limit:
        raise SitemapError(f"larger than {limit} bytes once decompressed")
    return out


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child_text(element: etree._Element, name: str) -> str | None:
    for child in element:
        if _local(child.tag) == name:
            text = (child.text or "").strip()
            return text or None
    return None


def parse_sitemap(data: bytes) -> tuple[str, list[tuple[str, str | None]]]:
    """("urlset" | "sitemapindex", [(loc, lastmod), ...]) from sitemap bytes (gzip allowed)."""
    try:
        root = etree.fromstring(decompress_bounded(data), parser=_safe_parser())
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"not XML: {exc}") from None
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise SitemapError(f"root element is <{kind}>, not <urlset> or <sitemapindex>")
    entry_tag = "url" if kind == "urlset" else "sitemap"
    entries = []
    for element in root:
        if _local(element.tag) == entry_tag and (loc := _child_text(element, "loc")):
            entries.append((loc, _child_text(element, "lastmod")))
    return kind, entries


@register("sitemap")
class SitemapAdapter(PageFetcher):
    """`urls` are sitemaps or sitemap indexes; every <url><loc> is an article, <lastmod> its date hint."""

    max_depth: int = MAX_INDEX_DEPTH

    def discover(self, source: SourceConfig, ctx: FetchContext) -> Iterator[ItemRef]:
        problems: list[DiscoveryProblem] = []
        seen_items: set[str] = set()
        visited: set[str] = set()
        for url in source.urls:
            yield from self._walk(url, 0, source, ctx, seen_items, visited, problems)
        end_discovery(source.name, problems, ctx)

    def _walk(
        self,
        url: str,
        depth: int,
        source: SourceConfig,
        ctx: FetchContext,
        seen_items: set[str],
        visited: set[str],
        problems: list[DiscoveryProblem],
    ) -> Iterator[ItemRef]:
        key = canonical_url(url)
        if key in visited:
            return
        visited.add(key)
        response = get_listing(url, source, ctx, kind=LISTING_KIND, accept=SITEMAP_ACCEPT, max_bytes=MAX_SITEMAP_BYTES)
        if isinstance(response, DiscoveryProblem):
            problems.append(response)
            return
        try:
            kind, entries = parse_sitemap(response.content)
        except SitemapError as exc:
            problems.append(DiscoveryProblem(uri=url, reason="bad_sitemap", transient=False, detail=str(exc)))
            return
        for loc, lastmod in entries:
            absolute = urljoin(response.final_url, loc)
            if not absolute.lower().startswith(WEB_SCHEMES):
                continue
            if kind == "sitemapindex":
                if depth + 1 > self.max_depth:
                    problems.append(
                        DiscoveryProblem(
                            uri=absolute, reason="too_deep", transient=False, detail="sitemap index nesting"
                        )
                    )
                    continue
                yield from self._walk(absolute, depth + 1, source, ctx, seen_items, visited, problems)
                continue
            item_key = canonical_url(absolute)
            if item_key not in seen_items:
                seen_items.add(item_key)
                yield ItemRef(source_name=source.name, uri=absolute, key=item_key, hint_published=lastmod)
