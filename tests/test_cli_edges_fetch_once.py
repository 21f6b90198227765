"""`greenwire ingest PAGE_URL`: the read that told what the URL was (a page) is the page's fetch."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from schemas import canonical_url

pytestmark = pytest.mark.slow

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Heat pumps spread in northern China | Low-Carbon Cities Review</title>
<meta property="article:published_time" content="2024-01-15T09:00:00+08:00"></head><body>
<nav><a href="/">Home</a> <a href="/policy">Policy</a> <a href="/about">About us</a></nav>
<article><h1>Heat pumps spread in northern China</h1><p class="byline">By Chen Wei</p>
{paragraphs}</article>
<footer>Copyright © 2024 Low-Carbon Cities Review. All rights reserved.</footer></body></html>"""
BODY = PAGE.format(
    paragraphs="".join(
        f"<p>Air-source heat pumps are replacing coal boilers across Hebei and Shanxi. Point {i} on costs.</p>"
        for i in range(1, 6)
    )
).encode("utf-8")
ETAG = '"' + hashlib.sha256(BODY).hexdigest()[:16] + '"'


def _page(request: Request) -> Response:
    if request.headers.get("If-None-Match") == ETAG:
        return Response(status=304, headers={"ETag": ETAG})
    return Response(BODY, status=200, headers={"ETag": ETAG, "Content-Type": "text/html; charset=utf-8"})


def test_first_ingest_of_a_page_url_reads_robots_and_the_page_once(
    tmp_path: Path, httpserver: HTTPServer, cli_env: dict, run_cli
) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/news/heat-pumps.html").respond_with_handler(_page)
    db = tmp_path / "w.duckdb"
    url = httpserver.url_for("/news/heat-pumps.html")

    first = run_cli(["ingest", url, "--db", str(db), "--allow-private-network"], env=cli_env)
    assert first.returncode == 0, first.stderr[-2000:]
    assert sorted(req.path for req, _ in httpserver.log) == ["/news/heat-pumps.html", "/robots.txt"]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select title, final_url from articles").fetchall() == [
            ("Heat pumps spread in northern China", url)
        ]
        assert con.execute("select discovered, new from ingest_runs").fetchall() == [(1, 1)]
        assert con.execute("select sha256 from raw_documents").fetchall() == [(hashlib.sha256(BODY).hexdigest(),)]
        assert con.execute("select kind, url from listings").fetchall() == [("page", canonical_url(url))]

    # The next run knows the URL is a page (no sniff) and asks once, conditionally.
    seen = len(httpserver.log)
    second = run_cli(["ingest", url, "--db", str(db), "--allow-private-network"], env=cli_env)
    assert second.returncode == 0, second.stderr[-2000:]
    rerun = [(req, resp) for req, resp in httpserver.log[seen:] if req.path != "/robots.txt"]
    assert [(req.path, req.headers.get("If-None-Match"), resp.status_code) for req, resp in rerun] == [
        ("/news/heat-pumps.html", ETAG, 304)
    ]
    with duckdb.connect(str(db), read_only=True) as con:
        runs = con.execute("select discovered, new, unchanged from ingest_runs order by started_at").fetchall()
        assert runs[-1] == (1, 0, 1)
