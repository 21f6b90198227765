"""Polite fetching over loopback (pytest-httpserver): records, validators, retries, bounds, robots, policy."""

from __future__ import annotations

import gzip
import random
import socket
import time
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from adapters.base import FetchContext
from adapters.http import HttpClient, parse_content_type, parse_retry_after
from adapters.web import fetch_page
from schemas import (
    ExtractedArticle,
    FetchFailure,
    ItemRef,
    NotModified,
    RawDocument,
    SourceConfig,
    Validators,
    canonical_url,
    identity_key,
)

NOW = datetime(2024, 3, 20, 8, 0, tzinfo=UTC)
FIXTURES = Path(__file__).parent / "fixtures" / "web"
GBK_PAGE = (FIXTURES / "zh_gov_article_gbk.html").read_bytes()
EN_PAGE = (FIXTURES / "en_news_article.html").read_bytes()
ROBOTS = (FIXTURES / "robots_disallow.txt").read_bytes()


class FakeTime:
    """Sleep that only records (and advances a monotonic clock): no test waits for real backoff."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds

    def monotonic(self) -> float:
        return self.now


def make_client(fake: FakeTime, **options: object) -> HttpClient:
    settings: dict[str, object] = {"connect_timeout": 2.0, "read_timeout": 2.0, "rng": random.Random(7)}
    settings.update(options)
    return HttpClient(sleep=fake.sleep, monotonic=fake.monotonic, clock=lambda: NOW, **settings)


def base_url(server: HTTPServer) -> str:
    return f"http://127.0.0.1:{server.port}"


def serve_robots(server: HTTPServer, body: bytes | None = None) -> None:
    if body is None:
        server.expect_request("/robots.txt").respond_with_data("not found", status=404)
    else:
        server.expect_request("/robots.txt").respond_with_data(body, content_type="text/plain")


def source(name: str = "site", **extra: object) -> SourceConfig:
    settings: dict[str, object] = {"rate_limit": 1000.0}
    settings.update(extra)
    return SourceConfig(name=name, adapter="pages", **settings)


def ref_for(url: str, validators: Validators | None = None) -> ItemRef:
    return ItemRef(source_name="site", uri=url, key=canonical_url(url), validators=validators)


@pytest.fixture
def fake() -> FakeTime:
    return FakeTime()


@pytest.fixture
def ctx(fake: FakeTime) -> FetchContext:
    return FetchContext(clock=lambda: NOW, http=make_client(fake), allow_private_network=True)


def paths_requested(server: HTTPServer) -> list[str]:
    return [request.path for request, _ in server.log]


def test_gbk_page_is_recorded_with_headers_validators_and_charset(httpserver: HTTPServer, ctx: FetchContext) -> None:
    serve_robots(httpserver)
    httpserver.expect_request("/zwgk/gzdt/202403/t20240315_1187654.html").respond_with_data(
        GBK_PAGE,
        content_type="text/html; charset=GBK",
        headers={"ETag": '"5f3a-61b2"', "Last-Modified": "Fri, 15 Mar 2024 01:30:00 GMT"},
    )
    url = f"{base_url(httpserver)}/zwgk/gzdt/202403/t20240315_1187654.html"
    result = fetch_page(ref_for(url), source(language="zh"), ctx)
    assert isinstance(result, RawDocument)
    assert result.content == GBK_PAGE
    assert (result.media_type, result.declared_encoding, result.http_status) == ("text/html", "gbk", 200)
    assert (result.uri, result.final_url, result.key) == (url, url, canonical_url(url))
    assert (result.etag, result.last_modified) == ('"5f3a-61b2"', "Fri, 15 Mar 2024 01:30:00 GMT")
    assert result.headers["Content-Type"] == "text/html; charset=GBK"
    assert (result.read_at, result.language_hint, result.timezone) == (NOW, "zh", "Asia/Shanghai")
    request = httpserver.log[-1][0]
    assert request.headers["User-Agent"] == "GreenWire/0.1 (+https://github.com/greenwire)"
    assert "If-None-Match" not in request.headers


def test_redirects_are_followed_by_hand_and_the_final_url_decides_identity(
    httpserver: HTTPServer, ctx: FetchContext
) -> None:
    serve_robots(httpserver)
    base = base_url(httpserver)
    httpserver.expect_request("/old/article.php").respond_with_data("", status=301, headers={"Location": "/go?id=7"})
    httpserver.expect_request("/go").respond_with_data("", status=302, headers={"Location": f"{base}/news/7.html"})
    httpserver.expect_request("/news/7.html").respond_with_data(EN_PAGE, content_type="text/html; charset=utf-8")
    result = fetch_page(ref_for(f"{base}/old/article.php?utm_source=wechat"), source(), ctx)
    assert isinstance(result, RawDocument)
    assert result.final_url == f"{base}/news/7.html"
    assert result.uri == f"{base}/old/article.php?utm_source=wechat"
    assert result.key == f"{base}/old/article.php"
    assert paths_requested(httpserver) == ["/robots.txt", "/old/article.php", "/go", "/news/7.html"]
    extracted = ExtractedArticle(title="t", extractor="html", extractor_version="test")
    assert identity_key(result, extracted) == f"{base}/news/7.html"


def test_redirect_loops_stop_after_ten_hops(httpserver: HTTPServer, ctx: FetchContext) -> None:
    serve_robots(httpserver)
    httpserver.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop"})
    result = fetch_page(ref_for(f"{base_url(httpserver)}/loop"), source(), ctx)
    assert isinstance(result, FetchFailure)
    assert (result.reason, result.transient) == ("too_many_redirects", False)
    assert paths_requested(httpserver).count("/loop") == 11


def test_redirect_to_another_scheme_is_refused_at_the_hop(httpserver: HTTPServer, ctx: FetchContext) -> None:
    serve_robots(httpserver)
    httpserver.expect_request("/download").respond_with_data("", status=302, headers={"Location": "file:///etc/passwd"})
    result = fetch_page(ref_for(f"{base_url(httpserver)}/download"), source(), ctx)
    assert isinstance(result, FetchFailure)
    assert (result.reason, result.transient) == ("unsupported_scheme", False)
    assert "file:///etc/passwd" in result.detail


def test_redirect_to_a_private_address_is_refused_before_any_request(httpserver: HTTPServer, fake: FakeTime) -> None:
    # "localhost" is judged public by the fake resolver (the connection itself still goes to loopback);
    # the redirect target resolves to a private address and must never be requested.
    public = {"localhost": "93.184.216.34", "intranet.corp": "10.20.30.40"}

    def resolve(host: str, port: int, *args: object, **kwargs: object) -> list[tuple]:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (public[host], port))]

    ctx = FetchContext(clock=lambda: NOW, http=make_client(fake, resolver=resolve))
    serve_robots(httpserver)
    target = f"http://intranet.corp:{httpserver.port}/admin"
    httpserver.expect_request("/story").respond_with_data("", status=302, headers={"Location": target})
    result = fetch_page(ref_for(f"http://localhost:{httpserver.port}/story"), source(), ctx)
    assert isinstance(result, FetchFailure)
    assert (result.reason, result.transient) == ("private_network", False)
    assert "intranet.corp resolves to 10.20.30.40, a private address" in result.detail
    assert paths_requested(httpserver) == ["/robots.txt", "/story"]


def test_private_addresses_are_refused_with_zero_requests(httpserver: HTTPServer, fake: FakeTime) -> None:
    serve_robots(httpserver)
    httpserver.expect_request("/page").respond_with_data(EN_PAGE, content_type="text/html")
    ctx = FetchContext(clock=lambda: NOW, http=make_client(fake))  # no allowance anywhere
    result = fetch_page(ref_for(f"{base_url(httpserver)}/page"), source(), ctx)
    assert isinstance(result, FetchFailure)
    assert (result.reason, result.transient) == ("private_network", False)
    assert "127.0.0.1 is a loopback address (pass --allow-private-network" in result.detail
    assert httpserver.log == []
    allowed = fetch_page(ref_for(f"{base_url(httpserver)}/page"), source(allow_private_network=True), ctx)
    assert isinstance(allowed, RawDocument)


def test_conditional_get_turns_an_unchanged_page_into_not_modified(httpserver: HTTPServer, ctx: FetchContext) -> None:
    serve_robots(httpserver)
    httpserver.expect_request(
        "/page.html", headers={"If-None-Match": '"v1"', "If-Modified-Since": "Fri, 15 Mar 2024 01:30:00 GMT"}
    ).respond_with_data("", status=304)
    validators = Validators(raw_sha256="0" * 64, etag='"v1"', last_modified="Fri, 15 Mar 2024 01:30:00 GMT")
    url = f"{base_url(httpserver)}/page.html"
    result = fetch_page(ref_for(url, validators), source(), ctx)
    assert result == NotModified(source_name="site", uri=url, key=canonical_url(url))


def test_429_waits_for_retry_after_seconds_then_succeeds(
    httpserver: HTTPServer, ctx: FetchContext, fake: FakeTime
) -> None:
    serve_robots(httpserver)
    httpserver.expect_oneshot_request("/busy").respond_with_data("slow down", status=429, headers={"Retry-After": "7"})
    httpserver.expect_request("/busy").respond_with_data(EN_PAGE, content_type="text/html")
    result = fetch_page(ref_for(f"{base_url(httpserver)}/busy"), source(), ctx)
    assert isinstance(result, RawDocument) and result.content == EN_PAGE
    assert 7.0 in fake.sleeps
    assert paths_requested(httpserver) == ["/robots.txt", "/busy", "/busy"]


def test_429_with_an_http_date_retry_after(httpserver: HTTPServer, ctx: FetchContext, fake: FakeTime) -> None:
    serve_robots(httpserver)
    later = format_datetime(datetime(2024, 3, 20, 8, 0, 30, tzinfo=UTC), usegmt=True)
    httpserver.expect_oneshot_request("/busy").respond_with_data("", status=503, headers={"Retry-After": later})
    httpserver.expect_request("/busy").respond_with_data(EN_PAGE, content_type="text/html")
    result = fetch_page(ref_for(f"{base_url(httpserver)}/busy"), source(), ctx)
    assert isinstance(result, RawDocument)
    assert 30.0 in fake.sleeps


def test_retry_after_beyond_the_cap_defers_instead_of_sleeping(
    httpserver: HTTPServer, ctx: FetchContext, fake: FakeTime
) -> None:
    serve_robots(httpserver)
    httpserver.expect_request("/busy").respond_with_data("", status=429, headers={"Retry-After": "86400"})
    result = fetch_page(ref_for(f"{base_url(httpserver)}/busy"), source(), ctx)
    assert isinstance(result, FetchFailure)
    assert (result.reason, result.transient) == ("http_429", True)
    assert max(fake.sleeps, default=0) < 1
    assert paths_requested(httpserver).count("/busy") == 1


def test_500_then_success_backs_off_with_jitter(httpserver: HTTPServer, ctx: FetchContext, fake: FakeTime) -> None:
    serve_robots(httpserver)
    httpserver.expect_oneshot_request("/flaky").respond_with_data("oops", status=500)
    httpserver.expect_request("/flaky").respond_with_data(GBK_PAGE, content_type="text/html; charset=gbk")
    result = fetch_page(ref_for(f"{base_url(httpserver)}/flaky"), source(), ctx)
    assert isinstance(result, RawDocument) and result.content == GBK_PAGE
    backoffs = [s for s in fake.sleeps if s >= 0.1]
    assert len(backoffs) == 1 and 0.5 <= backoffs[0] <= 1.0  # base 1 s: half fixed, half jitter


def test_persistent_5xx_is_transient_after_the_last_attempt(
    httpserver: HTTPServer, ctx: FetchContext, fake: FakeTime
) -> None:
    serve_robots(httpserver)
    httpserver.expect_request("/down").respond_with_data("", status=503)
    result = fetch_page(ref_for(f"{base_url(httpserver)}/down"), source(), ctx)
    assert isinstance(result, FetchFailure)
    assert (result.reason, result.transient) == ("http_503", True)
    assert "gave up after 4 attempts" in result.detail
    assert paths_requested(httpserver).count("/down") == 4
    backoffs = [s for s in fake.sleeps if s >= 0.1]
    assert len(backoffs) == 3
    assert 0.5 <= backoffs[0] <= 1 and 1 <= backoffs[1] <= 2 and 2 <= backoffs[2] <= 4


def test_404_is_permanent_and_not_retried(httpserver: HTTPServer, ctx: FetchContext) -> None:
    serve_robots(httpserver)
    httpserver.expect_request("/gone").respond_with_data("not here", status=404)
    result = fetch_page(ref_for(f"{base_url(httpserver)}/gone"), source(), ctx)
    assert isinstance(result, FetchFailure)
    assert (result.reason, result.transient) == ("http_404", False)
    assert paths_requested(httpserver) == ["/robots.txt", "/gone"]


def test_read_timeout_is_transient(httpserver: HTTPServer, fake: FakeTime) -> None:
    serve_robots(httpserver)

    def slow(request: Request) -> Response:
        time.sleep(0.25)
        return Response(EN_PAGE, content_type="text/html")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    ctx = FetchContext(
        clock=lambda: NOW, http=make_client(fake, read_timeout=0.05, max_attempts=2), allow_private_network=True
    )
    result = fetch_page(ref_for(f"{base_url(httpserver)}/slow"), source(), ctx)
    assert isinstance(result, FetchFailure)
    assert (result.reason, result.transient) == ("timeout", True)


def test_body_over_the_limit_is_too_large_counting_decoded_bytes(httpserver: HTTPServer, fake: FakeTime) -> None:
    serve_robots(httpserver)
    httpserver.expect_request("/huge").respond_with_data(b"x" * 5000, content_type="text/html")
    bomb = gzip.compress(b"<p>" + b"a" * 200_000)
    httpserver.expect_request("/bomb").respond_with_data(
        bomb, content_type="text/html", headers={"Content-Encoding": "gzip"}
    )

    def untyped(request: Request) -> Response:
        response = Response(gzip.compress(b"<p>ok</p>"), headers={"Content-Encoding": "gzip"})
        del response.headers["Content-Type"]
        return response

    httpserver.expect_request("/small").respond_with_handler(untyped)
    ctx = FetchContext(clock=lambda: NOW, http=make_client(fake, max_bytes=4096), allow_private_network=True)
    for path in ("/huge", "/bomb"):
        result = fetch_page(ref_for(f"{base_url(httpserver)}{path}"), source(), ctx)
        assert isinstance(result, FetchFailure), path
        assert (result.reason, result.transient) == ("too_large", False)
    assert len(bomb) < 4096  # the compressed body fits: only the decoded size is over
    small = fetch_page(ref_for(f"{base_url(httpserver)}/small"), source(), ctx)
    assert isinstance(small, RawDocument) and small.content == b"<p>ok</p>"
    assert small.media_type == "text/html"  # no Content-Type: sniffed


def test_robots_disallow_is_permanent_and_robots_is_read_once(httpserver: HTTPServer, ctx: FetchContext) -> None:
    serve_robots(httpserver, ROBOTS)
    httpserver.expect_request("/news/1.html").respond_with_data(EN_PAGE, content_type="text/html")
    httpserver.expect_request("/news/2.html").respond_with_data(EN_PAGE, content_type="text/html")
    base = base_url(httpserver)
    blocked = fetch_page(ref_for(f"{base}/private/report.html"), source(), ctx)
    assert isinstance(blocked, FetchFailure)
    assert (blocked.reason, blocked.transient) == ("robots", False)
    for path in ("/news/1.html", "/news/2.html"):
        assert isinstance(fetch_page(ref_for(f"{base}{path}"), source(), ctx), RawDocument)
    assert paths_requested(httpserver) == ["/robots.txt", "/news/1.html", "/news/2.html"]


def test_per_host_rate_limit_spaces_requests(httpserver: HTTPServer, ctx: FetchContext, fake: FakeTime) -> None:
    serve_robots(httpserver)
    httpserver.expect_request("/a").respond_with_data("a", content_type="text/plain")
    httpserver.expect_request("/b").respond_with_data("b", content_type="text/plain")
    slow_site = source(rate_limit=0.5)
    for path in ("/a", "/b"):
        assert isinstance(fetch_page(ref_for(f"{base_url(httpserver)}{path}"), slow_site, ctx), RawDocument)
    assert fake.sleeps == [2.0, 2.0]  # robots -> /a -> /b, two seconds apart


def test_crawl_delay_from_robots_widens_the_interval(httpserver: HTTPServer, ctx: FetchContext, fake: FakeTime) -> None:
    serve_robots(httpserver, b"User-agent: GreenWire\nCrawl-delay: 5\nDisallow: /search\n")
    httpserver.expect_request("/a").respond_with_data("a", content_type="text/plain")
    httpserver.expect_request("/b").respond_with_data("b", content_type="text/plain")
    for path in ("/a", "/b"):
        assert isinstance(fetch_page(ref_for(f"{base_url(httpserver)}{path}"), source(), ctx), RawDocument)
    assert fake.sleeps[-1] == 5.0


def test_connection_refused_is_transient(fake: FakeTime) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    ctx = FetchContext(clock=lambda: NOW, http=make_client(fake, max_attempts=2), allow_private_network=True)
    result = fetch_page(ref_for(f"http://127.0.0.1:{port}/x"), source(), ctx)
    assert isinstance(result, FetchFailure)
    assert (result.reason, result.transient) == ("connection", True)


def test_header_parsers() -> None:
    assert parse_content_type('text/html; charset="GB2312"') == ("text/html", "gb2312")
    assert parse_content_type("application/xhtml+xml") == ("text/html", None)
    assert parse_content_type(None) == (None, None)
    assert parse_retry_after("120", NOW) == 120.0
    assert parse_retry_after("Wed, 20 Mar 2024 08:01:00 GMT", NOW) == 60.0
    assert parse_retry_after("Wed, 20 Mar 2024 07:00:00 GMT", NOW) == 0.0
    assert parse_retry_after("soon", NOW) is None


def test_threads_share_one_client_one_robots_request_and_spaced_slots(httpserver: HTTPServer) -> None:
    from concurrent.futures import ThreadPoolExecutor

    serve_robots(httpserver, ROBOTS)
    for number in range(8):
        httpserver.expect_request(f"/news/{number}.html").respond_with_data(f"page {number}", content_type="text/plain")
    waits: list[float] = []  # time stands still, so the waits are exactly the reserved slots
    client = HttpClient(sleep=waits.append, monotonic=lambda: 0.0, clock=lambda: NOW, rng=random.Random(7))
    ctx = FetchContext(clock=lambda: NOW, allow_private_network=True, http=client)
    refs = [ref_for(f"{base_url(httpserver)}/news/{number}.html") for number in range(8)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda ref: fetch_page(ref, source(rate_limit=4.0), ctx), refs))
    assert [r.content for r in results if isinstance(r, RawDocument)] == [f"page {n}".encode() for n in range(8)]
    assert paths_requested(httpserver).count("/robots.txt") == 1
    assert sorted(waits) == [0.25 * n for n in range(1, 9)]  # robots at 0, then one quarter-second slot each
