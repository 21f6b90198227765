"""`greenwire ingest TARGET`: which source reads a path or a URL."""

from __future__ import annotations

import random
import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from adapters.base import FetchContext, get_adapter
from adapters.detect import source_for_target, source_name_for_url
from adapters.http import HttpClient
from adapters.netpolicy import UrlRefused
from schemas import SourceConfig

NOW = datetime(2024, 3, 20, 8, 0, tzinfo=UTC)
FIXTURES = Path(__file__).parent / "fixtures" / "web"
SEEDS = SourceConfig(name="seeds", adapter="files", paths=("seeds",))


def public_resolver(host: str, port: int, *args: object, **kwargs: object) -> list[tuple]:
    """Every name is a public address here: tests never ask real DNS."""
    return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))]


def make_ctx(root: Path, allow_private: bool = True) -> FetchContext:
    client = HttpClient(
        sleep=lambda s: None, monotonic=lambda: 0.0, clock=lambda: NOW, rng=random.Random(3), resolver=public_resolver
    )
    return FetchContext(clock=lambda: NOW, http=client, root=root, allow_private_network=allow_private)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for relative in ("seeds/000_a.txt", "seeds/2024/03/b.html", "elsewhere/c.txt"):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(relative, encoding="utf-8")
    return tmp_path


def keys(source: SourceConfig, ctx: FetchContext) -> list[str]:
    return [ref.key for ref in get_adapter(source.adapter).discover(source, ctx)]


def test_paths_inside_a_configured_root_share_its_identities(project: Path) -> None:
    ctx = make_ctx(project)
    default_keys = keys(SEEDS, ctx)
    for target in ("seeds/", "./seeds", str(project / "seeds")):
        source = source_for_target(target, configured=[SEEDS], ctx=ctx)
        assert source.name == "seeds"
        assert keys(source, ctx) == default_keys == ["000_a.txt", "2024/03/b.html"]
    nested = source_for_target("seeds/2024", configured=[SEEDS], ctx=ctx)
    assert (nested.name, nested.paths) == ("seeds", ("seeds/2024",))
    assert keys(nested, ctx) == ["2024/03/b.html"]
    single = source_for_target("seeds/2024/03/b.html", configured=[SEEDS], ctx=ctx)
    assert keys(single, ctx) == ["2024/03/b.html"]
    (ref,) = get_adapter("files").discover(single, ctx)
    assert get_adapter("files").fetch(ref, single, ctx).content == b"seeds/2024/03/b.html"


def test_other_paths_become_the_local_source_and_missing_paths_fail(project: Path) -> None:
    ctx = make_ctx(project)
    source = source_for_target("elsewhere", configured=[SEEDS], ctx=ctx)
    elsewhere = (project / "elsewhere").resolve().as_posix()
    assert (source.name, source.adapter, source.paths) == ("local", "files", (elsewhere,))
    assert keys(source, ctx) == [f"{elsewhere}/c.txt"]
    with pytest.raises(FileNotFoundError, match="no-such-dir"):
        source_for_target("no-such-dir", configured=[SEEDS], ctx=ctx)


@pytest.mark.parametrize(
    ("path", "fixture", "content_type", "adapter"),
    [
        ("/feed.xml", "feed_rss.xml", "text/xml", "rss"),
        ("/atom", "feed_atom.xml", "application/octet-stream", "rss"),
        ("/sitemap.xml", "sitemap_index.xml", "application/xml", "sitemap"),
        ("/sitemap-policy.xml.gz", "sitemap_policy.xml.gz", "application/x-gzip", "sitemap"),
        ("/article.html", "en_news_article.html", "text/html", "pages"),
    ],
)
def test_urls_are_sniffed_into_feeds_sitemaps_or_pages(
    httpserver: HTTPServer, tmp_path: Path, path: str, fixture: str, content_type: str, adapter: str
) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request(path).respond_with_data((FIXTURES / fixture).read_bytes(), content_type=content_type)
    url = f"http://127.0.0.1:{httpserver.port}{path}"
    source = source_for_target(url, configured=[SEEDS], ctx=make_ctx(tmp_path))
    assert (source.name, source.adapter, source.urls) == (f"127.0.0.1_{httpserver.port}", adapter, (url,))


def test_an_unreachable_url_falls_back_to_a_page_source(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/gone").respond_with_data("", status=404)
    url = f"http://127.0.0.1:{httpserver.port}/gone"
    assert source_for_target(url, configured=[], ctx=make_ctx(tmp_path)).adapter == "pages"


def test_refused_urls_raise_before_any_request(httpserver: HTTPServer, tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{httpserver.port}/page"
    with pytest.raises(UrlRefused, match="loopback address"):
        source_for_target(url, configured=[SEEDS], ctx=make_ctx(tmp_path, allow_private=False))
    with pytest.raises(UrlRefused, match="http and https only"):
        source_for_target("ftp://example.org/feed.xml", configured=[SEEDS], ctx=make_ctx(tmp_path))
    assert httpserver.log == []


def test_a_url_listed_by_a_configured_source_reuses_it(tmp_path: Path) -> None:
    feed = SourceConfig(name="lccr", adapter="rss", urls=("https://news.example.com/feed.xml",))
    target = "https://NEWS.example.com/feed.xml?utm_source=x"
    source = source_for_target(target, configured=[SEEDS, feed], ctx=make_ctx(tmp_path, allow_private=False))
    assert (source.name, source.adapter) == ("lccr", "rss")


def test_source_names_for_urls_are_safe() -> None:
    assert source_name_for_url("http://127.0.0.1:8080/page") == "127.0.0.1_8080"
    assert source_name_for_url("https://www.mohurd.gov.cn/xinwen/") == "www.mohurd.gov.cn"
    assert source_name_for_url("http://[::1]:9000/") == "__1_9000"
    SourceConfig(name=source_name_for_url("http://user:pw@例子.中国:81/"), adapter="pages")


def test_local_targets_are_keyed_by_absolute_path_whichever_directory_is_named(project: Path) -> None:
    """Two directories' `article.txt` are two inputs, and one file named through its parent directory
    is one input (keys relative to each named directory made them collide, or split)."""
    for directory in ("a", "b", "par/sub"):
        (project / directory).mkdir(parents=True)
        (project / directory / "article.txt").write_text(directory, encoding="utf-8")
    ctx = make_ctx(project)
    base = project.resolve().as_posix()

    def keys_for(target: str) -> list[str]:
        return keys(source_for_target(target, configured=[SEEDS], ctx=ctx), ctx)

    assert keys_for("a") + keys_for("b") == [f"{base}/a/article.txt", f"{base}/b/article.txt"]
    assert keys_for("par/sub") == [f"{base}/par/sub/article.txt"]
    assert keys_for("par") == [f"{base}/par/sub/article.txt"]
    assert keys_for("par/sub/article.txt") == [f"{base}/par/sub/article.txt"]
    assert keys_for(f"{base}/par") == [f"{base}/par/sub/article.txt"]
    # Paths inside a configured root keep that source and its root-relative keys.
    assert keys_for("seeds/2024") == ["2024/03/b.html"]
