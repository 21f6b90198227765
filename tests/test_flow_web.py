"""Web sources end to end through `greenwire ingest URL` against a loopback server:
a feed, a sitemap index, saved pages, conditional re-runs and replay without the network."""

from __future__ import annotations

import gzip
import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest
from builders import REEXTRACTED_MARKER, marking_extractor
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from flows.runner import run_reprocess
from schemas import canonical_url

pytestmark = pytest.mark.slow

WEB = Path(__file__).parent / "fixtures" / "web"

SYNTHETIC_PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title} | Low-Carbon Cities Review</title>
<meta property="article:published_time" content="{published}"></head><body>
<nav><a href="/">Home</a> <a href="/policy">Policy</a> <a href="/cities">Cities</a> <a href="/about">About us</a></nav>
<article><h1>{title}</h1><p class="byline">By Chen Wei</p>{paragraphs}</article>
<aside><h3>Related</h3><ul><li><a href="/a">Another story about heat pumps</a></li><li><a href="/b">Solar roofs</a></li></ul></aside>
<footer>Copyright © 2024 Low-Carbon Cities Review. All rights reserved. 京ICP备12345678号</footer></body></html>"""


def _synthetic(title: str, published: str, sentence: str, lang: str = "en") -> bytes:
    paragraphs = "".join(f"<p>{sentence} Paragraph {i} adds detail on costs and targets.</p>" for i in range(1, 6))
    return SYNTHETIC_PAGE.format(title=title, published=published, paragraphs=paragraphs, lang=lang).encode("utf-8")


def _with_base(name: str, base: str) -> bytes:
    data = (WEB / name).read_bytes()
    if name.endswith(".gz"):
        return gzip.compress(gzip.decompress(data).replace(b"{{BASE}}", base.encode()))
    return data.replace(b"{{BASE}}", base.encode())


def _serve_conditional(httpserver: HTTPServer, path: str, body: bytes, content_type: str) -> None:
    """Serve `body` with an ETag; a request that presents it gets 304 Not Modified."""
    etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'

    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, status=200, headers={"ETag": etag, "Content-Type": content_type})

    httpserver.expect_request(path).respond_with_handler(handler)


def _articles(db: Path, columns: str = "title") -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"select {columns} from articles order by final_url").fetchall()


@pytest.fixture
def feed_site(httpserver: HTTPServer) -> HTTPServer:
    base = httpserver.url_for("").rstrip("/")
    _serve_conditional(httpserver, "/feed.xml", _with_base("feed_rss.xml", base), "application/rss+xml")
    _serve_conditional(
        httpserver,
        "/2024/02/20/green-building-floor-area",
        (WEB / "en_news_article.html").read_bytes(),
        "text/html; charset=utf-8",
    )
    _serve_conditional(
        httpserver,
        "/2024/02/18/ultra-low-energy",
        _synthetic(
            "推动超低能耗建筑规模化发展",
            "2024-02-18T10:00:00+08:00",
            "住房和城乡建设部近日印发通知，要求各地加快推动超低能耗建筑规模化发展，提升新建建筑节能水平。",
            "zh",
        ),
        "text/html; charset=utf-8",
    )
    _serve_conditional(
        httpserver,
        "/2024/01/heat-pumps",
        _synthetic(
            "Heat pumps spread in northern China",
            "2024-01-15T09:00:00+08:00",
            "Air-source heat pumps are replacing coal boilers across Hebei and Shanxi this winter.",
        ),
        "text/html; charset=utf-8",
    )
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    return httpserver


def test_feed_loads_articles_and_rerun_only_makes_conditional_requests(
    tmp_path: Path, feed_site: HTTPServer, cli_env: dict, run_cli
) -> None:
    db = tmp_path / "w.duckdb"
    url = feed_site.url_for("/feed.xml")
    first = run_cli(["ingest", url, "--db", str(db), "--allow-private-network"], env=cli_env)
    assert first.returncode == 0, first.stderr[-2000:]
    rows = _articles(db, "title, language, strftime(published_at, '%Y-%m-%d'), body_text")
    assert len(rows) == 3
    by_title = {r[0]: r for r in rows}
    assert by_title["China's Green Building Floor Area Tops 10 Billion Square Meters"][1:3] == ("en", "2024-02-20")
    assert by_title["推动超低能耗建筑规模化发展"][1:3] == ("zh", "2024-02-18")
    for _, _, _, body in rows:
        assert "All rights reserved" not in body and "ICP" not in body and "Related" not in body

    # Target detection and discovery share one read of the feed.
    assert [req.path for req, _ in feed_site.log].count("/feed.xml") == 1

    seen = len(feed_site.log)
    second = run_cli(["ingest", url, "--db", str(db), "--allow-private-network"], env=cli_env)
    assert second.returncode == 0, second.stderr[-2000:]
    # Every request of the re-run is conditional and answered 304: the feed (once, no sniff) and each article.
    rerun = [(req, resp) for req, resp in feed_site.log[seen:] if req.path != "/robots.txt"]
    assert sorted(req.path for req, _ in rerun) == sorted(
        ["/feed.xml", "/2024/02/20/green-building-floor-area", "/2024/02/18/ultra-low-energy", "/2024/01/heat-pumps"]
    )
    assert all(req.headers.get("If-None-Match") for req, _ in rerun), [r.path for r, _ in rerun]
    assert {resp.status_code for _, resp in rerun} == {304}
    with duckdb.connect(str(db), read_only=True) as con:
        runs = con.execute("select discovered, new, unchanged from ingest_runs order by started_at").fetchall()
        assert runs[-1] == (3, 0, 3)
        assert con.execute("select count(*) from articles").fetchone() == (3,)
        assert con.execute("select kind, url from listings").fetchall() == [("rss", canonical_url(url))]


def test_sitemap_index_loads_articles_and_canonical_merges_two_urls(
    tmp_path: Path, httpserver: HTTPServer, cli_env: dict, run_cli
) -> None:
    base = httpserver.url_for("").rstrip("/")
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow:\n")
    _serve_conditional(httpserver, "/sitemap.xml", _with_base("sitemap_index.xml", base), "application/xml")
    _serve_conditional(httpserver, "/sitemap-news.xml", _with_base("sitemap_news.xml", base), "application/xml")
    _serve_conditional(
        httpserver, "/sitemap-policy.xml.gz", _with_base("sitemap_policy.xml.gz", base), "application/gzip"
    )
    gov = (WEB / "zh_gov_article_gbk.html").read_bytes()
    pages = (
        "/zwgk/gzdt/202403/t20240315_1187654.html",
        "/zwgk/gzdt/202403/t20240312_1187321.html",
        "/zcfg/202401/t20240110_1180001.html",
    )
    for path in pages[:2]:
        _serve_conditional(httpserver, path, gov, "text/html")
    _serve_conditional(httpserver, pages[2], (WEB / "zh_association_news_gb2312.html").read_bytes(), "text/html")
    db = tmp_path / "w.duckdb"
    command = ["ingest", httpserver.url_for("/sitemap.xml"), "--db", str(db), "--allow-private-network"]
    result = run_cli(command, env=cli_env)
    assert result.returncode == 0, result.stderr[-2000:]
    first_paths = [req.path for req, _ in httpserver.log if req.path != "/robots.txt"]
    assert sorted(first_paths) == sorted(["/sitemap.xml", "/sitemap-news.xml", "/sitemap-policy.xml.gz", *pages])
    with duckdb.connect(str(db), read_only=True) as con:
        con.execute("SET TimeZone='Asia/Shanghai'")
        rows = con.execute(
            "select title, strftime(published_at, '%Y-%m-%d'), body_text from articles order by title"
        ).fetchall()
        aliases = con.execute("select url_or_key from article_aliases").fetchall()
        run = con.execute("select discovered, new, unchanged, rejected from ingest_runs").fetchone()
    assert [(t, d) for t, d, _ in rows] == [
        ("关于推动城乡建设绿色发展的实施意见", "2024-03-15"),
        ("协会组织召开绿色建筑评价标准宣贯培训会", "2023-11-08"),
    ]
    for _, _, body in rows:
        for furniture in ("打印本页", "关闭窗口", "上一篇", "下一篇", "ICP", "版权所有", "扫码关注"):
            assert furniture not in body, furniture
    assert any("t20240312_1187321" in key for (key,) in aliases)
    assert run == (3, 2, 1, 0)

    # The re-run: the index, both child sitemaps and every page are asked for conditionally; all 304.
    seen = len(httpserver.log)
    second = run_cli(command, env=cli_env)
    assert second.returncode == 0, second.stderr[-2000:]
    rerun = [(req, resp) for req, resp in httpserver.log[seen:] if req.path != "/robots.txt"]
    assert sorted(req.path for req, _ in rerun) == sorted(first_paths)
    assert all(req.headers.get("If-None-Match") for req, _ in rerun), [r.path for r, _ in rerun]
    assert {resp.status_code for _, resp in rerun} == {304}
    with duckdb.connect(str(db), read_only=True) as con:
        last = con.execute("select discovered, new, updated, unchanged from ingest_runs order by started_at").fetchall()
        kinds = con.execute("select kind, count(*) from listings group by kind").fetchall()
    assert last[-1] == (3, 0, 0, 3)
    assert kinds == [("sitemap", 3)]


def test_directory_of_saved_pages_and_replay_without_network(
    tmp_path: Path,
    httpserver: HTTPServer,
    cli_env: dict,
    run_cli,
    monkeypatch: pytest.MonkeyPatch,
    prefect_harness: None,
) -> None:
    saved = tmp_path / "saved"
    saved.mkdir()
    for name in ("en_news_article.html", "zh_gov_article_gbk.html", "zh_association_news_gb2312.html"):
        shutil.copy(WEB / name, saved / name)
    db = tmp_path / "w.duckdb"
    result = run_cli(["ingest", str(saved), "--db", str(db)], env=cli_env)
    assert result.returncode == 0, result.stderr[-2000:]
    titles = sorted(t for (t,) in _articles(db))
    assert titles == sorted(
        [
            "China's Green Building Floor Area Tops 10 Billion Square Meters",
            "关于推动城乡建设绿色发展的实施意见",
            "协会组织召开绿色建筑评价标准宣贯培训会",
        ]
    )

    # A cleaning change (simulated: every body gains a marker paragraph), then replay: no fetching.
    import flows.batch as batch

    monkeypatch.setattr(batch, "extract", marking_extractor(batch.extract))
    summary = run_reprocess(db_path=str(db), source=None, lock_timeout=30, workers=1)
    assert (summary.counts.discovered, summary.counts.updated) == (3, 3)
    bodies = [b for (b,) in _articles(db, "body_text")]
    assert all(b.endswith(REEXTRACTED_MARKER) for b in bodies)
    assert len(httpserver.log) == 0
