"""The `listing` adapter: news-list pages (no feed, no sitemap) whose links a CSS selector picks.

`urls` are the first listing pages, `link_selector` picks the article links, `next_selector`
(optional) picks the "next page" link, followed up to `max_pages` pages per listing.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag
from soupsieve import SelectorSyntaxError

from adapters.base import DiscoveryProblem, FetchContext, end_discovery, register
from adapters.web import PageFetcher, get_listing
from schemas import ItemRef, SourceConfig, canonical_url

LISTING_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
LISTING_MAX_BYTES = 5 * 1024 * 1024
LISTING_KIND = "listing"  # how the listing store files what discovery reads
WEB_SCHEMES = ("http", "https")


def _href(element: Tag) -> str | None:
    """The link an element stands for: its own href, else its first descendant <a href>."""
    target = element if element.has_attr("href") else element.find("a", href=True)
    if not isinstance(target, Tag):
        return None
    href = str(target.get("href", "")).strip()
    return href or None


def _absolute(base: str, href: str) -> str | None:
    url = urljoin(base, href)
    return url if url.split(":", 1)[0].lower() in WEB_SCHEMES else None


def _base_url(soup: BeautifulSoup, page_url: str) -> str:
    base = soup.find("base", href=True)
    return urljoin(page_url, str(base["href"])) if isinstance(base, Tag) else page_url


def listing_links(
    content: bytes, page_url: str, link_selector: str, next_selector: str | None, encoding: str | None = None
) -> tuple[list[tuple[str, str | None]], str | None]:
    """([(article url, link text), ...], next page url) from one listing page."""
    soup = BeautifulSoup(content, "lxml", from_encoding=encoding)
    base = _base_url(soup, page_url)
    links: list[tuple[str, str | None]] = []
    for element in soup.select(link_selector):
        href = _href(element)
        url = _absolute(base, href) if href else None
        if url:
            text = element.get("title") or element.get_text(" ", strip=True)
            links.append((url, str(text).strip() or None))
    next_url = None
    if next_selector:
        for element in soup.select(next_selector):
            href = _href(element)
            if href and (next_url := _absolute(base, href)):
                break
    return links, next_url


@register("listing")
class ListingAdapter(PageFetcher):
    def discover(self, source: SourceConfig, ctx: FetchContext) -> Iterator[ItemRef]:
        if not source.link_selector:
            problem = DiscoveryProblem(uri=source.name, reason="config", transient=False, detail="needs link_selector")
            end_discovery(source.name, [problem], ctx)
            return
        problems: list[DiscoveryProblem] = []
        seen: set[str] = set()
        for start_url in source.urls:
            visited_pages: set[str] = set()
            page_url: str | None = start_url
            while page_url and len(visited_pages) < source.max_pages:
                page_key = canonical_url(page_url)
                if page_key in visited_pages:
                    break
                visited_pages.add(page_key)
                response = get_listing(
                    page_url, source, ctx, kind=LISTING_KIND, accept=LISTING_ACCEPT, max_bytes=LISTING_MAX_BYTES
                )
                if isinstance(response, DiscoveryProblem):
                    problems.append(response)
                    break
                try:
                    links, page_url = listing_links(
                        response.content,
                        response.final_url,
                        source.link_selector,
                        source.next_selector,
                        response.charset,
                    )
                except SelectorSyntaxError as exc:
                    problems.append(DiscoveryProblem(uri=start_url, reason="config", transient=False, detail=str(exc)))
                    break
                for url, text in links:
                    key = canonical_url(url)
                    if key not in seen:
                        seen.add(key)
                        yield ItemRef(source_name=source.name, uri=url, key=key, hint_title=text)
        end_discovery(source.name, problems, ctx)
