"""Each HTTP behaviour ends as designed and shows in ingest_runs / rejects (flow end to end)."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
import pytest
from builders import article_page
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from flows.runner import run_ingest
from schemas import SourceConfig

pytestmark = [pytest.mark.usefixtures("prefect_harness"), pytest.mark.slow]


def _fail_then_succeed(status: int, headers: dict[str, str], body: str):
    calls = {"n": 0}

    def handler(request: Request) -> Response:
        calls["n"] += 1
        if calls["n"] == 1:
            return Response("try later", status=status, headers=headers)
        return Response(body, status=200, content_type="text/html; charset=utf-8")

    return handler


def _slow(request: Request) -> Response:
    time.sleep(1.5)
    return Response(article_page("Too slow"), content_type="text/html")


@pytest.fixture
def threaded_server() -> HTTPServer:
    """Fetches run concurrently: a slow handler must not hold up the other requests."""
    server = HTTPServer(threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


def test_http_behaviours_are_accounted_for(tmp_path: Path, threaded_server: HTTPServer) -> None:
    httpserver = threaded_server
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/\n")
    httpserver.expect_request("/ok").respond_with_data(
        article_page("Plain page"), content_type="text/html; charset=utf-8"
    )
    httpserver.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    httpserver.expect_request("/new").respond_with_data(article_page("Moved page"), content_type="text/html")
    httpserver.expect_request("/flaky").respond_with_handler(_fail_then_succeed(500, {}, article_page("Flaky page")))
    httpserver.expect_request("/busy").respond_with_handler(
        _fail_then_succeed(429, {"Retry-After": "1"}, article_page("Busy page"))
    )
    httpserver.expect_request("/slow").respond_with_handler(_slow)
    httpserver.expect_request("/huge").respond_with_data("<p>" + "x" * 300_000 + "</p>", content_type="text/html")
    httpserver.expect_request("/private/secret").respond_with_data(article_page("Secret"), content_type="text/html")
    httpserver.expect_request("/missing").respond_with_data("not here", status=404)
    paths = ["/ok", "/old", "/flaky", "/busy", "/slow", "/huge", "/private/secret", "/missing"]
    source = SourceConfig(
        name="loopback",
        adapter="pages",
        urls=tuple(httpserver.url_for(p) for p in paths),
        rate_limit=100,
        allow_private_network=True,
    )
    db = tmp_path / "w.duckdb"
    http = {"read_timeout": 0.5, "max_attempts": 2, "backoff_base": 0.1, "max_response_bytes": 100_000}
    summary = run_ingest(sources=[source], db_path=str(db), workers=1, http=http)

    c = summary.counts
    assert (c.discovered, c.new, c.rejected, c.deferred) == (8, 4, 3, 1)
    with duckdb.connect(str(db), read_only=True) as con:
        reasons = dict(con.execute("select split_part(source_uri, '/', -1), reason from rejects").fetchall())
        finals = dict(con.execute("select title, final_url from articles").fetchall())
        run = con.execute("select discovered, new, rejected, deferred from ingest_runs").fetchone()
    assert reasons == {"huge": "too_large", "secret": "robots", "missing": "http_404"}
    assert finals["Moved page"].endswith("/new")
    assert run == (8, 4, 3, 1)
    assert "/private/secret" not in [req.path for req, _ in httpserver.log]
    assert summary.rejects_by_reason.get("deferred:timeout") == 1


def test_unreadable_listing_is_an_input_rejected_at_discovery(tmp_path: Path, threaded_server: HTTPServer) -> None:
    server = threaded_server
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow:\n")
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Plain page</title><link>{server.url_for("/a")}</link></item></channel></rss>"""
    server.expect_request("/feed.xml").respond_with_data(feed, content_type="application/rss+xml")
    server.expect_request("/gone.xml").respond_with_data("gone", status=404)
    server.expect_request("/a").respond_with_data(article_page("Plain page"), content_type="text/html")
    source = SourceConfig(
        name="feeds",
        adapter="rss",
        urls=(server.url_for("/feed.xml"), server.url_for("/gone.xml")),
        rate_limit=100,
        allow_private_network=True,
    )
    db = tmp_path / "w.duckdb"
    summary = run_ingest(sources=[source], db_path=str(db), workers=1)
    assert (summary.counts.discovered, summary.counts.new, summary.counts.rejected) == (2, 1, 1)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select stage, reason from rejects").fetchall() == [("discover", "http_404")]
