"""The `rss` adapter: RSS 1.0/2.0 and Atom feeds name the articles; each is then fetched as a page."""

from __future__ import annotations

import io
from collections.abc import Iterator
from urllib.parse import urljoin

import feedparser

from adapters.base import DiscoveryProblem, FetchContext, end_discovery, register
from adapters.web import PageFetcher, get_listing
from schemas import ItemRef, SourceConfig, canonical_url

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, */*;q=0.5"
FEED_MAX_BYTES = 10 * 1024 * 1024
LISTING_KIND = "rss"  # how the listing store files what discovery reads
WEB_SCHEMES = ("http://", "https://")


def _text(value: object) -> str | None:
    text = str(value).strip() if value else ""
    return text or None


def feed_items(content: bytes, feed_url: str, source_name: str) -> Iterator[ItemRef]:
    """One ItemRef per entry with a web link, in feed order (the feed's own URL resolves relative links)."""
    # A file-like object: feedparser would treat a str or bytes argument as a URL or a path to open.
    parsed = feedparser.parse(io.BytesIO(content), response_headers={"content-location": feed_url})
    for entry in parsed.entries:
        link = _text(entry.get("link"))
        if link is None:
            continue
        url = urljoin(feed_url, link)
        if not url.lower().startswith(WEB_SCHEMES):
            continue
        yield ItemRef(
            source_name=source_name,
            uri=url,
            key=canonical_url(url),
            hint_title=_text(entry.get("title")),
            hint_published=_text(entry.get("published") or entry.get("updated")),
        )


def parse_problem(content: bytes, feed_url: str) -> DiscoveryProblem | None:
    parsed = feedparser.parse(io.BytesIO(content), response_headers={"content-location": feed_url})
    if parsed.get("bozo") and not parsed.entries:
        return DiscoveryProblem(
            uri=feed_url, reason="bad_feed", transient=False, detail=str(parsed.get("bozo_exception"))
        )
    return None


@register("rss")
class FeedAdapter(PageFetcher):
    """`urls` are RSS or Atom feeds."""

    def discover(self, source: SourceConfig, ctx: FetchContext) -> Iterator[ItemRef]:
        problems: list[DiscoveryProblem] = []
        seen: set[str] = set()
        for feed_url in source.urls:
            response = get_listing(
                feed_url, source, ctx, kind=LISTING_KIND, accept=FEED_ACCEPT, max_bytes=FEED_MAX_BYTES
            )
            if isinstance(response, DiscoveryProblem):
                problems.append(response)
                continue
            found = 0
            for ref in feed_items(response.content, response.final_url, source.name):
                found += 1
                if ref.key not in seen:
                    seen.add(ref.key)
                    yield ref
            if found == 0 and (problem := parse_problem(response.content, response.final_url)):
                problems.append(problem)
        end_discovery(source.name, problems, ctx)
