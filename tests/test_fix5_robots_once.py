"""One command reads each host's robots.txt once: `greenwire ingest FEED_URL` sniffs the target with one HTTP
client and runs with another, and both consult the command's robots cache (adapters.http.shared_robots_cache)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from pytest_httpserver import HTTPServer

pytestmark = pytest.mark.slow

ARTICLE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Heat pumps spread in northern China | Low-Carbon Cities Review</title>
<meta property="article:published_time" content="2024-01-15T09:00:00+08:00"></head><body>
<article><h1>Heat pumps spread in northern China</h1><p class="byline">By Chen Wei</p>{paragraphs}</article>
<footer>Copyright © 2024 Low-Carbon Cities Review. All rights reserved.</footer></body></html>""".format(
    paragraphs="".join(
        f"<p>Air-source heat pumps are replacing coal boilers across Hebei and Shanxi. Point {i} on costs.</p>"
        for i in range(1, 6)
    )
)
FEED = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Review</title>
<link>{base}/</link><description>News</description>
<item><title>Heat pumps spread in northern China</title><link>{base}/2024/01/heat-pumps</link></item>
</channel></rss>"""
SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{base}/2024/01/heat-pumps</loc></url></urlset>"""


def _site(httpserver: HTTPServer, listing_path: str, listing: str, content_type: str) -> str:
    base = httpserver.url_for("").rstrip("/")
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request(listing_path).respond_with_data(listing.format(base=base), content_type=content_type)
    httpserver.expect_request("/2024/01/heat-pumps").respond_with_data(ARTICLE, content_type="text/html")
    return httpserver.url_for(listing_path)


def _paths(httpserver: HTTPServer) -> list[str]:
    return sorted(req.path for req, _ in httpserver.log)


def _titles(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("select title from articles").fetchall()


@pytest.mark.parametrize(
    ("listing_path", "listing", "content_type"),
    [("/feed.xml", FEED, "application/rss+xml"), ("/sitemap.xml", SITEMAP, "application/xml")],
    ids=["feed", "sitemap"],
)
def test_first_ingest_of_a_listing_url_reads_robots_once(
    tmp_path: Path, httpserver: HTTPServer, cli_env: dict, run_cli, listing_path: str, listing: str, content_type: str
) -> None:
    url = _site(httpserver, listing_path, listing, content_type)
    db = tmp_path / "w.duckdb"
    result = run_cli(["ingest", url, "--db", str(db), "--allow-private-network", "--no-progress"], env=cli_env)
    assert result.returncode == 0, result.stderr[-2000:]
    # The sniff read robots.txt and the listing; the run reused both and fetched the article.
    assert _paths(httpserver) == sorted(["/robots.txt", listing_path, "/2024/01/heat-pumps"])
    assert _titles(db) == [("Heat pumps spread in northern China",)]


def test_a_run_of_a_configured_feed_source_reads_robots_once(
    tmp_path: Path, httpserver: HTTPServer, cli_env: dict, run_cli
) -> None:
    url = _site(httpserver, "/feed.xml", FEED, "application/rss+xml")
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[[sources]]\nname = "review"\nadapter = "rss"\nurls = ["{url}"]\nallow_private_network = true\n'
        "rate_limit = 100.0\n",
        encoding="utf-8",
    )
    db = tmp_path / "w.duckdb"
    result = run_cli(["ingest", "--sources", str(sources), "--db", str(db), "--no-progress"], env=cli_env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert _paths(httpserver) == sorted(["/robots.txt", "/feed.xml", "/2024/01/heat-pumps"])
    assert _titles(db) == [("Heat pumps spread in northern China",)]
