"""Conditional listings: feeds, sitemaps and listing pages re-read with the validators a ListingStore keeps."""

from __future__ import annotations

import gzip
import hashlib
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from adapters.base import FetchContext, KnownListing, ListingStore, get_adapter
from adapters.detect import source_for_target
from adapters.http import HttpClient
from schemas import RawDocument, SourceConfig, canonical_url

NOW = datetime(2024, 3, 20, 8, 0, tzinfo=UTC)
FIXTURES = Path(__file__).parent / "fixtures" / "web"


class MemoryStore:
    """A ListingStore in a dict, as the flow's warehouse store behaves between runs."""

    def __init__(self) -> None:
        self.saved: dict[tuple[str, str], tuple[str, RawDocument]] = {}
        self.fresh: set[tuple[str, str]] = set()  # keys to hand back as read in this run

    def get(self, source_name: str, url: str) -> KnownListing | None:
        key = (source_name, canonical_url(url))
        if key not in self.saved:
            return None
        kind, raw = self.saved[key]
        return KnownListing(
            kind=kind,
            content=raw.content,
            etag=raw.etag,
            last_modified=raw.last_modified,
            final_url=raw.final_url,
            headers=raw.headers,
            read_this_run=key in self.fresh,
        )

    def put(self, source_name: str, url: str, kind: str, raw: RawDocument) -> None:
        self.saved[(source_name, canonical_url(url))] = (kind, raw)


def fixture_bytes(name: str, base: str) -> bytes:
    data = (FIXTURES / name).read_bytes()
    if name.endswith(".gz"):
        return gzip.compress(gzip.decompress(data).replace(b"{{BASE}}", base.encode()), mtime=0)
    return data.replace(b"{{BASE}}", base.encode())


class Site:
    """Paths served with an ETag; a request presenting the current one gets 304. Bodies can change."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.bodies: dict[str, tuple[bytes, str]] = {}

    def serve(self, path: str, body: bytes, content_type: str) -> None:
        if path not in self.bodies:
            self.server.expect_request(path).respond_with_handler(lambda request, p=path: self._answer(p, request))
        self.bodies[path] = (body, content_type)

    def _answer(self, path: str, request: Request) -> Response:
        body, content_type = self.bodies[path]
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, status=200, headers={"ETag": etag, "Content-Type": content_type})

    def requests(self, since: int = 0) -> list[tuple[str, str | None, int]]:
        """(path, If-None-Match sent, status) of each request after the first `since`, robots.txt aside."""
        return [
            (req.path, req.headers.get("If-None-Match"), resp.status_code)
            for req, resp in self.server.log[since:]
            if req.path != "/robots.txt"
        ]


@pytest.fixture
def site(httpserver: HTTPServer) -> Site:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    return Site(httpserver)


def make_ctx(store: ListingStore | None) -> FetchContext:
    client = HttpClient(sleep=lambda s: None, monotonic=lambda: 0.0, clock=lambda: NOW, rng=random.Random(1))
    return FetchContext(clock=lambda: NOW, http=client, allow_private_network=True, listings=store)


def web_source(adapter: str, *urls: str, **extra: object) -> SourceConfig:
    return SourceConfig(name="site", adapter=adapter, urls=urls, rate_limit=1000.0, **extra)


def discover(source: SourceConfig, store: ListingStore | None) -> list[tuple[str, str | None, str | None]]:
    refs = get_adapter(source.adapter).discover(source, make_ctx(store))
    return [(ref.key, ref.hint_title, ref.hint_published) for ref in refs]


def test_a_stored_feed_is_asked_for_conditionally_and_a_304_still_yields_every_item(site: Site) -> None:
    base = f"http://127.0.0.1:{site.server.port}"
    site.serve("/feed.xml", fixture_bytes("feed_rss.xml", base), "application/rss+xml")
    source = web_source("rss", f"{base}/feed.xml")
    store = MemoryStore()

    first = discover(source, store)
    assert len(first) == 3
    kind, raw = store.saved[("site", f"{base}/feed.xml")]
    assert (kind, raw.http_status, raw.media_type, raw.key) == ("rss", 200, "application/rss+xml", f"{base}/feed.xml")
    assert raw.etag and raw.content == fixture_bytes("feed_rss.xml", base)

    seen = len(site.server.log)
    assert discover(source, store) == first  # same items, titles and dates, from the stored bytes
    assert site.requests(seen) == [("/feed.xml", raw.etag, 304)]


def test_a_changed_feed_is_read_in_full_and_replaces_the_stored_copy(site: Site) -> None:
    base = f"http://127.0.0.1:{site.server.port}"
    feed = fixture_bytes("feed_rss.xml", base)
    site.serve("/feed.xml", feed, "application/rss+xml")
    source = web_source("rss", f"{base}/feed.xml")
    store = MemoryStore()
    discover(source, store)
    old_etag = store.saved[("site", f"{base}/feed.xml")][1].etag

    site.serve("/feed.xml", feed.replace(b"heat-pumps", b"heat-pumps-2"), "application/rss+xml")
    seen = len(site.server.log)
    keys = [key for key, _, _ in discover(source, store)]
    assert f"{base}/2024/01/heat-pumps-2" in keys
    assert site.requests(seen) == [("/feed.xml", old_etag, 200)]
    assert store.saved[("site", f"{base}/feed.xml")][1].etag != old_etag


def test_a_sitemap_index_and_its_children_are_all_conditional_on_the_second_read(site: Site) -> None:
    base = f"http://127.0.0.1:{site.server.port}"
    site.serve("/sitemap.xml", fixture_bytes("sitemap_index.xml", base), "application/xml")
    site.serve("/sitemap-news.xml", fixture_bytes("sitemap_news.xml", base), "application/xml")
    site.serve("/sitemap-policy.xml.gz", fixture_bytes("sitemap_policy.xml.gz", base), "application/gzip")
    source = web_source("sitemap", f"{base}/sitemap.xml")
    store = MemoryStore()

    first = discover(source, store)
    assert len(first) == 3
    assert {kind for kind, _ in store.saved.values()} == {"sitemap"} and len(store.saved) == 3

    seen = len(site.server.log)
    assert discover(source, store) == first  # the gzip child is read back from its stored bytes too
    rerun = site.requests(seen)
    assert sorted(path for path, _, _ in rerun) == ["/sitemap-news.xml", "/sitemap-policy.xml.gz", "/sitemap.xml"]
    assert all(etag and status == 304 for _, etag, status in rerun)


def test_listing_pages_are_conditional_and_their_next_links_still_followed(site: Site) -> None:
    base = f"http://127.0.0.1:{site.server.port}"
    page = '<html><body><ul><li><a href="/news/{n}.html">Story {n}</a></li></ul>{next}</body></html>'
    site.serve("/list", page.format(n=1, next='<a class="next" href="/list/2">next</a>').encode(), "text/html")
    site.serve("/list/2", page.format(n=2, next="").encode(), "text/html")
    source = web_source("listing", f"{base}/list", link_selector="li a", next_selector="a.next")
    store = MemoryStore()

    first = discover(source, store)
    assert [title for _, title, _ in first] == ["Story 1", "Story 2"]
    seen = len(site.server.log)
    assert discover(source, store) == first
    assert [(path, status) for path, _, status in site.requests(seen)] == [("/list", 304), ("/list/2", 304)]
    assert {kind for kind, _ in store.saved.values()} == {"listing"}


def test_a_listing_read_this_run_is_used_without_a_request(site: Site) -> None:
    base = f"http://127.0.0.1:{site.server.port}"
    site.serve("/feed.xml", fixture_bytes("feed_rss.xml", base), "application/rss+xml")
    source = web_source("rss", f"{base}/feed.xml")
    store = MemoryStore()
    first = discover(source, store)
    store.fresh.add(("site", f"{base}/feed.xml"))

    seen = len(site.server.log)
    assert discover(source, store) == first
    assert site.requests(seen) == []


def test_without_a_store_listings_are_fetched_in_full(site: Site) -> None:
    base = f"http://127.0.0.1:{site.server.port}"
    site.serve("/feed.xml", fixture_bytes("feed_rss.xml", base), "application/rss+xml")
    source = web_source("rss", f"{base}/feed.xml")
    discover(source, None)
    discover(source, None)
    assert site.requests() == [("/feed.xml", None, 200), ("/feed.xml", None, 200)]


def test_detection_puts_the_sniffed_feed_and_later_reuses_its_kind_without_a_request(site: Site) -> None:
    base = f"http://127.0.0.1:{site.server.port}"
    site.serve("/feed.xml", fixture_bytes("feed_rss.xml", base), "text/xml")
    url = f"{base}/feed.xml"
    store = MemoryStore()
    name = f"127.0.0.1_{site.server.port}"

    source = source_for_target(url, configured=[], ctx=make_ctx(store))
    assert (source.name, source.adapter) == (name, "rss")
    kind, raw = store.saved[(name, url)]
    assert (kind, raw.source_name, raw.content) == ("rss", name, fixture_bytes("feed_rss.xml", base))

    # The run's discovery takes the sniffed bytes: still one request for the feed.
    store.fresh.add((name, url))
    assert len(discover(source, store)) == 3
    assert site.requests() == [("/feed.xml", None, 200)]

    # A later detection: the kind is known, nothing is sent.
    store.fresh.clear()
    again = source_for_target(url, configured=[], ctx=make_ctx(store))
    assert (again.name, again.adapter, again.urls) == (name, "rss", (url,))
    assert len(site.requests()) == 1


def test_detection_records_a_plain_page_as_kind_page(site: Site) -> None:
    base = f"http://127.0.0.1:{site.server.port}"
    site.serve("/article.html", (FIXTURES / "en_news_article.html").read_bytes(), "text/html")
    store = MemoryStore()
    url = f"{base}/article.html"
    assert source_for_target(url, configured=[], ctx=make_ctx(store)).adapter == "pages"
    assert store.saved[(f"127.0.0.1_{site.server.port}", url)][0] == "page"
    assert source_for_target(url, configured=[], ctx=make_ctx(store)).adapter == "pages"
    assert len(site.requests()) == 1


def test_a_server_without_validators_is_read_in_full_and_unchanged_bytes_are_not_saved_again(
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    base = f"http://127.0.0.1:{httpserver.port}"
    httpserver.expect_request("/feed.xml").respond_with_data(
        fixture_bytes("feed_rss.xml", base), content_type="application/rss+xml"
    )
    source = web_source("rss", f"{base}/feed.xml")

    class CountingStore(MemoryStore):
        puts = 0

        def put(self, source_name: str, url: str, kind: str, raw: RawDocument) -> None:
            self.puts += 1
            super().put(source_name, url, kind, raw)

    store = CountingStore()
    assert discover(source, store) == discover(source, store)
    feed_requests = [req for req, _ in httpserver.log if req.path == "/feed.xml"]
    assert [req.headers.get("If-None-Match") for req in feed_requests] == [None, None]
    assert store.puts == 1
