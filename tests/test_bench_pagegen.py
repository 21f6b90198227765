"""The benchmark's synthetic page generator: deterministic, counted, decodable, realistic enough."""

from __future__ import annotations

import html
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH_DIR = Path(__file__).resolve().parent.parent / "bench"
PAGES = 30


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH_DIR / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


pagegen = _load("pagegen")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list:
    return list(pagegen.iter_generated(tmp_path_factory.mktemp("pages"), PAGES, seed=7))


def _text(content: bytes) -> str:
    charset = pagegen.declared_charset(content)
    return content.decode("gbk" if charset == "gbk" else "utf-8")  # strict: a wrong charset raises


def test_requested_count_written_in_numbered_folders(tmp_path: Path) -> None:
    paths = pagegen.generate_pages(tmp_path, 12, seed=1)

    assert len(paths) == 12
    assert len(set(paths)) == 12
    assert all(path.is_file() and path.parent.parent == tmp_path for path in paths)
    assert sorted(p for p in tmp_path.rglob("*") if p.is_file()) == sorted(paths)
    assert {path.suffix for path in paths} <= {".html", ".txt"}


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    first = [p.read_bytes() for p in pagegen.generate_pages(tmp_path / "a", 10, seed=3)]
    again = [p.read_bytes() for p in pagegen.generate_pages(tmp_path / "b", 10, seed=3)]
    other = [p.read_bytes() for p in pagegen.generate_pages(tmp_path / "c", 10, seed=4)]

    assert first == again
    assert all(a != b for a, b in zip(first, other, strict=True))


def test_page_does_not_depend_on_how_many_pages_are_generated(tmp_path: Path) -> None:
    few = pagegen.generate_pages(tmp_path / "few", 3, seed=5)
    many = pagegen.generate_pages(tmp_path / "many", 8, seed=5)

    assert [p.read_bytes() for p in few] == [p.read_bytes() for p in many[:3]]


def test_chinese_pages_decode_with_their_declared_charset(generated: list) -> None:
    gbk = [page for page in generated if page.charset == "gbk"]
    assert gbk, "the sample should hold GBK pages"
    for page in generated:
        content = page.path.read_bytes()
        declared = pagegen.declared_charset(content) if page.path.suffix == ".html" else "utf-8"
        assert declared == page.charset
        text = _text(content)
        if page.charset == "gbk":
            assert 'charset=gbk"' in text
            with pytest.raises(UnicodeDecodeError):
                content.decode("utf-8")
            assert any("\u4e00" <= ch <= "\u9fff" for ch in page.title)


def test_each_page_holds_its_title_and_boilerplate(generated: list) -> None:
    markers = {
        "zh_gov": ("首页", "打印本页", "关闭窗口", "上一篇", "下一篇", "发布时间：", "责任编辑：", "ICP备", "公网安备"),
        "zh_association": ("发布时间:", "浏览量:", "扫码关注公众号", "版权所有", "ICP备"),
        "zh_portal": ("分享到", "相关新闻", "网友评论", "广告"),
        "zh_legacy": ("打印本页", "关闭窗口", "版权所有"),
        "en_news": (
            'property="og:title"',
            '"@type": "NewsArticle"',
            "<time datetime=",
            "By <a",
            "cookie",
            "newsletter",
        ),
        "en_blog": ("Recent posts", "Archives", "Posted on"),
        "langbar": ("English", "Русский язык", "Français"),
    }
    seen = {page.template for page in generated}
    assert len(seen) >= 5, seen
    for page in generated:
        text = _text(page.path.read_bytes())
        assert page.title in text or html.escape(page.title, quote=False) in text
        for marker in markers.get(page.template, ()):
            assert marker in text, (page.template, marker)


def test_html_pages_are_sized_like_real_pages(generated: list) -> None:
    sizes = [page.size for page in generated if page.template != "plain_text"]

    assert all(pagegen.MIN_PAGE_BYTES <= size <= pagegen.MAX_PAGE_BYTES + 4096 for size in sizes)
    assert max(sizes) - min(sizes) > 8 * 1024  # varied, not one size


def test_declared_charset_reads_meta_or_defaults_to_utf8() -> None:
    assert pagegen.declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=gbk">') == "gbk"
    assert pagegen.declared_charset(b'<meta charset="UTF-8">') == "utf-8"
    assert pagegen.declared_charset("标题\n正文".encode()) == "utf-8"
