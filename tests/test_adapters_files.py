"""The files adapter: deterministic discovery, identity keys, media types, bounds and root containment."""

from __future__ import annotations

import gzip
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from adapters.base import DiscoveryError, FetchContext, get_adapter
from adapters.files import FilesAdapter
from schemas import FetchFailure, ItemRef, NotModified, RawDocument, SourceConfig, Validators

NOW = datetime(2024, 3, 20, 8, 0, tzinfo=UTC)
FIXTURES = Path(__file__).parent / "fixtures" / "web"
GBK_PAGE = (FIXTURES / "zh_gov_article_gbk.html").read_bytes()


def make_ctx(root: Path) -> FetchContext:
    return FetchContext(clock=lambda: NOW, root=root)


def files_source(*paths: str, **extra: object) -> SourceConfig:
    return SourceConfig(name="seeds", adapter="files", paths=paths, **extra)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    write(seeds / "001_b.txt", "Second seed\n")
    write(seeds / "000_a.txt", "First seed\n")
    write(seeds / "sub" / "page.html", GBK_PAGE)
    write(seeds / ".hidden.txt", "skip me")
    write(seeds / ".git" / "config", "skip me too")
    write(seeds / "notes.docx", b"PK\x03\x04binary")
    return tmp_path


def fetch(ref: ItemRef, source: SourceConfig, root: Path) -> object:
    return get_adapter("files").fetch(ref, source, make_ctx(root))


def test_discover_walks_roots_in_sorted_order_skipping_hidden(corpus: Path) -> None:
    refs = list(get_adapter("files").discover(files_source("seeds"), make_ctx(corpus)))
    assert [(r.uri, r.key) for r in refs] == [
        ("seeds/000_a.txt", "000_a.txt"),
        ("seeds/001_b.txt", "001_b.txt"),
        ("seeds/notes.docx", "notes.docx"),
        ("seeds/sub/page.html", "sub/page.html"),
    ]
    assert {r.source_name for r in refs} == {"seeds"}


def test_discover_is_a_generator(corpus: Path) -> None:
    discovered = get_adapter("files").discover(files_source("seeds"), make_ctx(corpus))
    assert iter(discovered) is discovered
    assert next(discovered).key == "000_a.txt"


def test_single_file_root_is_keyed_by_its_name_and_moving_a_corpus_keeps_keys(corpus: Path, tmp_path: Path) -> None:
    (ref,) = get_adapter("files").discover(files_source("seeds/sub/page.html"), make_ctx(corpus))
    assert (ref.uri, ref.key) == ("seeds/sub/page.html", "page.html")
    moved = tmp_path / "archive" / "2024"
    moved.parent.mkdir()
    os.rename(corpus / "seeds", moved)
    keys = [r.key for r in get_adapter("files").discover(files_source(str(moved)), make_ctx(tmp_path))]
    assert keys == ["000_a.txt", "001_b.txt", "notes.docx", "sub/page.html"]


def test_text_and_gbk_html_bytes_are_returned_exactly(corpus: Path) -> None:
    source = files_source("seeds", language="zh")
    refs = {r.key: r for r in get_adapter("files").discover(source, make_ctx(corpus))}
    text = fetch(refs["000_a.txt"], source, corpus)
    assert isinstance(text, RawDocument)
    assert (text.content, text.media_type, text.declared_encoding) == (b"First seed\n", "text/plain", None)
    assert (text.read_at, text.timezone, text.language_hint, text.final_url) == (NOW, "Asia/Shanghai", "zh", None)
    page = fetch(refs["sub/page.html"], source, corpus)
    assert isinstance(page, RawDocument)
    assert page.content == GBK_PAGE
    assert page.media_type == "text/html"
    assert page.content.decode("gbk").count("打印本页") == 1
    assert page.sha256 == __import__("hashlib").sha256(GBK_PAGE).hexdigest()


def test_html_gz_is_decompressed_and_typed_by_the_inner_extension(tmp_path: Path) -> None:
    write(tmp_path / "in" / "article.html.gz", gzip.compress(GBK_PAGE))
    source = files_source("in")
    (ref,) = get_adapter("files").discover(source, make_ctx(tmp_path))
    result = fetch(ref, source, tmp_path)
    assert isinstance(result, RawDocument)
    assert (result.content, result.media_type, result.key) == (GBK_PAGE, "text/html", "article.html.gz")


def test_decompression_beyond_the_bound_is_too_large(tmp_path: Path) -> None:
    write(tmp_path / "in" / "bomb.txt.gz", gzip.compress(b"\0" * 5000))
    adapter = FilesAdapter()
    adapter.max_bytes = 1000
    source = files_source("in")
    (ref,) = adapter.discover(source, make_ctx(tmp_path))
    result = adapter.fetch(ref, source, make_ctx(tmp_path))
    assert isinstance(result, FetchFailure)
    assert (result.reason, result.transient) == ("too_large", False)
    assert "decompressed" in result.detail


def test_corrupt_gzip_is_a_permanent_failure(tmp_path: Path) -> None:
    write(tmp_path / "in" / "broken.html.gz", b"\x1f\x8b\x08\x00garbage")
    source = files_source("in")
    (ref,) = get_adapter("files").discover(source, make_ctx(tmp_path))
    result = fetch(ref, source, tmp_path)
    assert isinstance(result, FetchFailure)
    assert (result.reason, result.transient) == ("bad_gzip", False)


def test_oversized_file_is_too_large(tmp_path: Path) -> None:
    write(tmp_path / "in" / "big.txt", b"x" * 2048)
    adapter = FilesAdapter()
    adapter.max_bytes = 1024
    source = files_source("in")
    (ref,) = adapter.discover(source, make_ctx(tmp_path))
    result = adapter.fetch(ref, source, make_ctx(tmp_path))
    assert isinstance(result, FetchFailure)
    assert (result.reason, result.transient) == ("too_large", False)


@pytest.mark.parametrize(
    ("name", "data", "media_type"),
    [
        ("page.asp", b"\xef\xbb\xbf<!DOCTYPE html><html><head><title>t</title></head></html>", "text/html"),
        ("notice", b"  <div class='x'><p>hello</p></div>", "text/html"),
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "application/octet-stream"),
        ("blob.bin", b"abc\x00def", "application/octet-stream"),
        ("README", "绿色建筑 <b>不是</b> HTML 文档\n".encode(), "text/plain"),
        ("notes.MD", b"# heading", "text/plain"),
        ("legacy.SHTML", b"plain words", "text/html"),
    ],
)
def test_media_type_from_extension_or_sniffed(tmp_path: Path, name: str, data: bytes, media_type: str) -> None:
    write(tmp_path / "in" / name, data)
    source = files_source("in")
    (ref,) = get_adapter("files").discover(source, make_ctx(tmp_path))
    result = fetch(ref, source, tmp_path)
    assert isinstance(result, RawDocument)
    assert result.media_type == media_type
    assert result.content == data


def test_dot_dot_cannot_escape_the_root(tmp_path: Path) -> None:
    write(tmp_path / "secret.txt", "outside")
    write(tmp_path / "seeds" / "a.txt", "inside")
    source = files_source("seeds")
    ref = ItemRef(source_name="seeds", uri="seeds/../secret.txt", key="../secret.txt")
    result = fetch(ref, source, tmp_path)
    assert isinstance(result, FetchFailure)
    assert (result.reason, result.transient) == ("outside_root", False)


def test_symlink_leaving_the_root_is_discovered_and_refused(tmp_path: Path) -> None:
    write(tmp_path / "private" / "passwd.txt", "root:x:0:0")
    write(tmp_path / "seeds" / "a.txt", "inside")
    (tmp_path / "seeds" / "link.txt").symlink_to(tmp_path / "private" / "passwd.txt")
    (tmp_path / "seeds" / "linkdir").symlink_to(tmp_path / "private", target_is_directory=True)
    (tmp_path / "seeds" / "alias.txt").symlink_to(tmp_path / "seeds" / "a.txt")
    source = files_source("seeds")
    refs = {r.key: r for r in get_adapter("files").discover(source, make_ctx(tmp_path))}
    assert sorted(refs) == ["a.txt", "alias.txt", "link.txt", "linkdir"]
    for key in ("link.txt", "linkdir"):
        result = fetch(refs[key], source, tmp_path)
        assert isinstance(result, FetchFailure)
        assert (result.reason, result.transient) == ("outside_root", False)
    inside = fetch(refs["alias.txt"], source, tmp_path)
    assert isinstance(inside, RawDocument) and inside.content == b"inside"


def test_missing_file_fifo_and_missing_root(tmp_path: Path) -> None:
    write(tmp_path / "seeds" / "a.txt", "inside")
    os.mkfifo(tmp_path / "seeds" / "pipe")
    source = files_source("seeds", "nowhere")
    with pytest.raises(DiscoveryError, match="nowhere: not_found") as caught:
        refs = []
        for ref in get_adapter("files").discover(source, make_ctx(tmp_path)):
            refs.append(ref)
    assert [r.key for r in refs] == ["a.txt"]  # the FIFO is not a regular file: never an input
    assert caught.value.problems[0].transient is False
    gone = fetch(ItemRef(source_name="seeds", uri="seeds/gone.txt", key="gone.txt"), source, tmp_path)
    assert isinstance(gone, FetchFailure) and gone.reason == "not_found"
    pipe = fetch(ItemRef(source_name="seeds", uri="seeds/pipe", key="pipe"), source, tmp_path)
    assert isinstance(pipe, FetchFailure) and pipe.reason == "not_a_file"


def test_discovery_problems_go_to_the_context_callback_when_given(tmp_path: Path) -> None:
    write(tmp_path / "seeds" / "a.txt", "inside")
    seen: list[tuple[str, str]] = []
    ctx = FetchContext(
        clock=lambda: NOW, root=tmp_path, on_discovery_problem=lambda name, p: seen.append((name, p.uri))
    )
    refs = list(get_adapter("files").discover(files_source("nowhere", "seeds"), ctx))
    assert [r.key for r in refs] == ["a.txt"]
    assert seen == [("seeds", "nowhere")]


def test_unchanged_size_and_mtime_is_not_modified_without_reading(corpus: Path) -> None:
    source = files_source("seeds")
    ref = next(r for r in get_adapter("files").discover(source, make_ctx(corpus)) if r.key == "000_a.txt")
    first = fetch(ref, source, corpus)
    assert isinstance(first, RawDocument) and first.etag and first.etag.startswith("file:")
    known = ref.model_copy(update={"validators": Validators(raw_sha256=first.sha256, etag=first.etag)})
    assert isinstance(fetch(known, source, corpus), NotModified)

    path = corpus / "seeds" / "000_a.txt"
    path.write_text("First seed, edited\n", encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    again = fetch(known, source, corpus)
    assert isinstance(again, RawDocument) and again.content == b"First seed, edited\n"


def test_discovery_signature_is_what_fetch_records_and_symlinks_have_none(tmp_path: Path) -> None:
    write(tmp_path / "seeds" / "a.txt", "inside")
    write(tmp_path / "seeds" / "sub" / "b.html", "<p>inside</p>")
    (tmp_path / "seeds" / "alias.txt").symlink_to(tmp_path / "seeds" / "a.txt")
    source = files_source("seeds")
    refs = {r.key: r for r in get_adapter("files").discover(source, make_ctx(tmp_path))}
    for key in ("a.txt", "sub/b.html"):
        raw = fetch(refs[key], source, tmp_path)
        assert isinstance(raw, RawDocument)
        assert refs[key].signature == raw.etag  # the warehouse stores etag; discovery compares with it
    assert refs["alias.txt"].signature is None  # a link is resolved and checked by fetch, every run
