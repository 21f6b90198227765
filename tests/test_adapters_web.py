"""Discovery for the web adapters over loopback: pages, RSS/Atom feeds, sitemap indexes, paginated listings."""

from __future__ import annotations

import gzip
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from adapters.base import DiscoveryError, FetchContext, get_adapter
from adapters.http import HttpClient
from adapters.sitemap import SitemapError, parse_sitemap
from schemas import ItemRef, RawDocument, SourceConfig, canonical_url

NOW = datetime(2024, 3, 20, 8, 0, tzinfo=UTC)
FIXTURES = Path(__file__).parent / "fixtures" / "web"


def fixture_bytes(name: str, base: str = "") -> bytes:
    """A fixture with {{BASE}} replaced by the test server's address (gzip fixtures re-compressed)."""
    data = (FIXTURES / name).read_bytes()
    if name.endswith(".gz"):
        return gzip.compress(gzip.decompress(data).replace(b"{{BASE}}", base.encode()), mtime=0)
    return data.replace(b"{{BASE}}", base.encode())


@pytest.fixture
def base(httpserver: HTTPServer) -> str:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    return f"http://127.0.0.1:{httpserver.port}"


@pytest.fixture
def ctx() -> FetchContext:
    client = HttpClient(sleep=lambda s: None, monotonic=lambda: 0.0, clock=lambda: NOW, rng=random.Random(1))
    return FetchContext(clock=lambda: NOW, http=client, allow_private_network=True)


def web_source(adapter: str, *urls: str, **extra: object) -> SourceConfig:
    return SourceConfig(name="site", adapter=adapter, urls=urls, rate_limit=1000.0, **extra)


def test_pages_discover_canonical_keys_once(ctx: FetchContext) -> None:
    source = web_source(
        "pages",
        "https://www.example.gov.cn/zhengce/content_1.htm?utm_source=weibo#top",
        "HTTPS://WWW.EXAMPLE.GOV.CN:443/zhengce/content_1.htm",
        "https://www.example.gov.cn/zhengce/content_2.htm",
    )
    refs = list(get_adapter("pages").discover(source, ctx))
    assert [(r.uri, r.key) for r in refs] == [
        (source.urls[0], "https://www.example.gov.cn/zhengce/content_1.htm"),
        (source.urls[2], "https://www.example.gov.cn/zhengce/content_2.htm"),
    ]


def test_rss_items_carry_hints_resolve_relative_links_and_deduplicate(
    httpserver: HTTPServer, base: str, ctx: FetchContext
) -> None:
    httpserver.expect_request("/feed.xml").respond_with_data(
        fixture_bytes("feed_rss.xml", base), content_type="application/rss+xml"
    )
    refs = list(get_adapter("rss").discover(web_source("rss", f"{base}/feed.xml"), ctx))
    assert [r.key for r in refs] == [
        f"{base}/2024/02/20/green-building-floor-area",
        f"{base}/2024/02/18/ultra-low-energy",
        f"{base}/2024/01/heat-pumps",
    ]
    first, second, _ = refs
    assert first.uri == f"{base}/2024/02/20/green-building-floor-area?utm_source=rss&utm_medium=feed"
    assert first.hint_title == "China's Green Building Floor Area Tops 10 Billion Square Meters"
    assert first.hint_published == "Tue, 20 Feb 2024 00:15:00 GMT"
    assert second.hint_title == "住房和城乡建设部：推动超低能耗建筑规模化发展"


def test_feed_entries_are_fetched_as_pages_with_their_hints(
    httpserver: HTTPServer, base: str, ctx: FetchContext
) -> None:
    httpserver.expect_request("/news/feed").respond_with_data(
        fixture_bytes("feed_atom.xml", base), content_type="application/atom+xml"
    )
    page = fixture_bytes("zh_association_news_gb2312.html")
    httpserver.expect_request("/news/2023/1108/318.html").respond_with_data(page, content_type="text/html")
    source = web_source("rss", f"{base}/news/feed", language="zh")
    adapter = get_adapter("rss")
    refs = list(adapter.discover(source, ctx))
    assert [r.hint_title for r in refs] == ["协会组织召开绿色建筑评价标准宣贯培训会", "协会赴外省考察学习超低能耗建筑"]
    assert refs[0].hint_published == "2023-11-08T10:00:00+08:00"
    result = adapter.fetch(refs[0], source, ctx)
    assert isinstance(result, RawDocument)
    assert result.content == page
    assert (result.hint_title, result.hint_published) == (refs[0].hint_title, refs[0].hint_published)
    assert result.declared_encoding is None  # the server named no charset; the page's <meta> does


def test_sitemap_index_with_a_gzip_child(httpserver: HTTPServer, base: str, ctx: FetchContext) -> None:
    httpserver.expect_request("/sitemap.xml").respond_with_data(
        fixture_bytes("sitemap_index.xml", base), content_type="application/xml"
    )
    httpserver.expect_request("/sitemap-news.xml").respond_with_data(
        fixture_bytes("sitemap_news.xml", base), content_type="application/xml"
    )
    httpserver.expect_request("/sitemap-policy.xml.gz").respond_with_data(
        fixture_bytes("sitemap_policy.xml.gz", base), content_type="application/x-gzip"
    )
    refs = list(get_adapter("sitemap").discover(web_source("sitemap", f"{base}/sitemap.xml"), ctx))
    assert [(r.uri, r.hint_published) for r in refs] == [
        (f"{base}/zwgk/gzdt/202403/t20240315_1187654.html", "2024-03-15"),
        (f"{base}/zwgk/gzdt/202403/t20240312_1187321.html", "2024-03-12T18:20:00+08:00"),
        (f"{base}/zcfg/202401/t20240110_1180001.html", "2024-01-10"),
    ]
    assert all(r.key == canonical_url(r.uri) for r in refs)


def test_sitemap_index_loops_terminate(httpserver: HTTPServer, base: str, ctx: FetchContext) -> None:
    loop = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{base}/sitemap.xml</loc></sitemap></sitemapindex>"
    )
    httpserver.expect_request("/sitemap.xml").respond_with_data(loop, content_type="application/xml")
    assert list(get_adapter("sitemap").discover(web_source("sitemap", f"{base}/sitemap.xml"), ctx)) == []
    assert [r.path for r, _ in httpserver.log].count("/sitemap.xml") == 1


def test_sitemap_parser_expands_no_entities() -> None:
    hostile = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://e.org/&secret;</loc></url></urlset>"""
    kind, entries = parse_sitemap(hostile)
    assert kind == "urlset"
    assert len(entries) <= 1 and all("/etc" not in loc and len(loc) < 40 for loc, _ in entries)
    with pytest.raises(SitemapError, match="not <urlset>"):
        parse_sitemap(b"<html><body>not a sitemap</body></html>")


def test_paginated_gbk_listing_follows_next_and_deduplicates(
    httpserver: HTTPServer, base: str, ctx: FetchContext
) -> None:
    httpserver.expect_request("/zwgk/gzdt/index.html").respond_with_data(
        fixture_bytes("zh_listing_page1_gbk.html"), content_type="text/html"
    )
    httpserver.expect_request("/zwgk/gzdt/index_1.html").respond_with_data(
        fixture_bytes("zh_listing_page2_gbk.html"), content_type="text/html"
    )
    source = web_source(
        "listing", f"{base}/zwgk/gzdt/index.html", link_selector="ul.news-list li a", next_selector="div.page a.next"
    )
    refs = list(get_adapter("listing").discover(source, ctx))
    assert [(r.key, r.hint_title) for r in refs] == [
        (f"{base}/zwgk/gzdt/202403/t20240315_1187654.html", "关于推动城乡建设绿色发展的实施意见"),
        (f"{base}/zwgk/gzdt/202403/t20240312_1187321.html", "全省建筑节能与绿色建筑工作会议在省城召开"),
        (f"{base}/zwgk/gzdt/202403/t20240308_1186999.html", "省住房和城乡建设厅召开超低能耗建筑技术交流会"),
        (f"{base}/zwgk/gzdt/202402/t20240228_1185012.html", "全省既有建筑节能改造工作取得阶段性成效"),
    ]
    assert refs[2].uri == f"{base}/zwgk/gzdt/202403/t20240308_1186999.html?utm_source=list"


def test_listing_stops_at_max_pages(httpserver: HTTPServer, base: str, ctx: FetchContext) -> None:
    httpserver.expect_request("/zwgk/gzdt/index.html").respond_with_data(
        fixture_bytes("zh_listing_page1_gbk.html"), content_type="text/html"
    )
    source = web_source(
        "listing", f"{base}/zwgk/gzdt/index.html", link_selector="ul.news-list a", next_selector="a.next", max_pages=1
    )
    assert len(list(get_adapter("listing").discover(source, ctx))) == 3
    assert [r.path for r, _ in httpserver.log] == ["/robots.txt", "/zwgk/gzdt/index.html"]


def test_a_failed_feed_does_not_hide_the_others(httpserver: HTTPServer, base: str, ctx: FetchContext) -> None:
    httpserver.expect_request("/missing.xml").respond_with_data("", status=404)
    httpserver.expect_request("/feed.xml").respond_with_data(fixture_bytes("feed_rss.xml", base))
    source = web_source("rss", f"{base}/missing.xml", f"{base}/feed.xml")
    found: list[ItemRef] = []
    with pytest.raises(DiscoveryError) as caught:
        found.extend(get_adapter("rss").discover(source, ctx))
    assert len(found) == 3
    (problem,) = caught.value.problems
    assert (problem.uri, problem.reason, problem.transient) == (f"{base}/missing.xml", "http_404", False)
    reported: list[str] = []
    ctx.on_discovery_problem = lambda name, p: reported.append(f"{name} {p.reason}")
    assert len(list(get_adapter("rss").discover(source, ctx))) == 3
    assert reported == ["site http_404"]


def test_listing_without_link_selector_is_a_config_problem(ctx: FetchContext) -> None:
    with pytest.raises(DiscoveryError, match="needs link_selector"):
        list(get_adapter("listing").discover(web_source("listing", "https://e.org/"), ctx))
