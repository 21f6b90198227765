"""adapters.http.RobotsCache / shared_robots_cache: clients of one command share robots.txt reads; each read
expires after `max_age`; outside the shared block every client keeps its own (over loopback, no waiting)."""

from __future__ import annotations

import socket

from pytest_httpserver import HTTPServer

from adapters.http import HttpClient, HttpFailure, RobotsCache, shared_robots_cache


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0

    def sleep(self, seconds: float) -> None:
        self.now += seconds

    def monotonic(self) -> float:
        return self.now


def _client(fake: FakeTime, **options: object) -> HttpClient:
    return HttpClient(sleep=fake.sleep, monotonic=fake.monotonic, max_attempts=1, **options)


def _robots_reads(server: HTTPServer) -> int:
    return [request.path for request, _ in server.log].count("/robots.txt")


def _site(server: HTTPServer, robots: str = "User-agent: *\nDisallow: /private/\n") -> None:
    server.expect_request("/robots.txt").respond_with_data(robots, content_type="text/plain")
    server.expect_request("/feed.xml").respond_with_data("<rss/>", content_type="application/rss+xml")
    server.expect_request("/article").respond_with_data("<p>text</p>", content_type="text/html")


def test_clients_made_inside_the_shared_block_read_robots_once(httpserver: HTTPServer) -> None:
    _site(httpserver)
    fake = FakeTime()
    with shared_robots_cache():
        sniff, run = _client(fake), _client(fake)
        sniff.get(httpserver.url_for("/feed.xml"), allow_private=True, rate_limit=1000)
        run.get(httpserver.url_for("/article"), allow_private=True, rate_limit=1000)
        refused = _failure(run, httpserver.url_for("/private/x"))  # the shared rules still apply
    assert _robots_reads(httpserver) == 1
    assert refused.reason == "robots"


def test_clients_outside_the_block_each_read_robots(httpserver: HTTPServer) -> None:
    _site(httpserver)
    fake = FakeTime()
    with shared_robots_cache():
        pass
    for path in ("/feed.xml", "/article"):
        _client(fake).get(httpserver.url_for(path), allow_private=True, rate_limit=1000)
    assert _robots_reads(httpserver) == 2


def test_a_shared_read_expires_after_max_age(httpserver: HTTPServer) -> None:
    _site(httpserver)
    fake = FakeTime()
    with shared_robots_cache(RobotsCache(max_age=60.0, monotonic=fake.monotonic)):
        first, second = _client(fake), _client(fake)
        first.get(httpserver.url_for("/feed.xml"), allow_private=True, rate_limit=1000)
        fake.now += 59.0
        second.get(httpserver.url_for("/article"), allow_private=True, rate_limit=1000)
        assert _robots_reads(httpserver) == 1
        fake.now += 1.0
        second.get(httpserver.url_for("/article"), allow_private=True, rate_limit=1000)
    assert _robots_reads(httpserver) == 2


def test_an_own_cache_expires_too(httpserver: HTTPServer) -> None:
    _site(httpserver)
    fake = FakeTime()
    client = _client(fake, robots_cache=RobotsCache(max_age=10.0, monotonic=fake.monotonic))
    client.get(httpserver.url_for("/article"), allow_private=True, rate_limit=1000)
    client.get(httpserver.url_for("/article"), allow_private=True, rate_limit=1000)
    assert _robots_reads(httpserver) == 1
    fake.now += 10.0
    client.get(httpserver.url_for("/article"), allow_private=True, rate_limit=1000)
    assert _robots_reads(httpserver) == 2


def test_an_unreachable_robots_is_judged_by_each_client(httpserver: HTTPServer) -> None:
    # robots.txt unreachable (HTTP 503): one read; a client set to disallow then refuses, the default allows.
    httpserver.expect_request("/robots.txt").respond_with_data("busy", status=503)
    httpserver.expect_request("/article").respond_with_data("<p>text</p>", content_type="text/html")
    fake = FakeTime()
    url = httpserver.url_for("/article")
    with shared_robots_cache():
        assert _client(fake).get(url, allow_private=True, rate_limit=1000).status == 200
        strict = _failure(_client(fake, robots_unreachable_allows=False), url)
    assert (strict.reason, strict.transient) == ("robots", False)
    assert _robots_reads(httpserver) == 1


def test_the_crawl_delay_of_a_shared_read_paces_every_client(httpserver: HTTPServer) -> None:
    _site(httpserver, "User-agent: GreenWire\nCrawl-delay: 5\n")
    fake = FakeTime()
    with shared_robots_cache():
        sniff, run = _client(fake), _client(fake)
        sniff.get(httpserver.url_for("/feed.xml"), allow_private=True, rate_limit=1000)
        start = fake.now
        run.get(httpserver.url_for("/article"), allow_private=True, rate_limit=1000)
        run.get(httpserver.url_for("/article"), allow_private=True, rate_limit=1000)
    assert fake.now - start == 5.0  # the run's second request waited the robots delay it never read itself
    assert _robots_reads(httpserver) == 1


def test_a_host_that_refuses_connections_is_kept_as_unreachable() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    fake = FakeTime()
    cache = RobotsCache(monotonic=fake.monotonic)
    with shared_robots_cache(cache):
        for _ in range(2):
            assert _failure(_client(fake), f"http://127.0.0.1:{port}/").reason == "connection"
    assert cache.get(f"http://127.0.0.1:{port}") is not None
    assert cache.get(f"http://127.0.0.1:{port}").unreachable


def _failure(client: HttpClient, url: str) -> HttpFailure:
    try:
        client.get(url, allow_private=True, rate_limit=1000)
    except HttpFailure as exc:
        return exc
    raise AssertionError(f"{url} was fetched")
