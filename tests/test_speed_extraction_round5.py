"""Speed round 5: each fast path gives exactly what the plain computation it replaced gives."""

from __future__ import annotations

import random
import re

import pytest
from lxml import etree
from lxml.html import HtmlElement

from cleaning import decode, lines
from cleaning.html import body, dom, metadata, vocab


def _walked_spaced_text(element: HtmlElement) -> str:
    """`body._spaced_text` as etree.iterwalk computed it before (the reference)."""
    parts: list[str] = []
    for event, node in etree.iterwalk(element, events=("start", "end")):
        tag = node.tag
        is_block = isinstance(tag, str) and tag in vocab.BLOCK_TAGS and node is not element
        if event == "start":
            if is_block:
                parts.append(" ")
            if isinstance(tag, str) and node.text:
                parts.append(node.text)
        else:
            if is_block:
                parts.append(" ")
            if node is not element and node.tail:
                parts.append(node.tail)
    return "".join(parts)


def _random_markup(rng: random.Random, depth: int = 0) -> str:
    words = ["", " ", "x", "中文", " a ", "\n", "b c"]
    tags = ["p", "div", "span", "a", "br", "li", "ul", "b", "td", "o:p"]
    parts = []
    for _ in range(rng.randint(0, 4)):
        if depth < 4 and rng.random() < 0.7:
            tag = rng.choice(tags)
            parts.append(f"<{tag}>{rng.choice(words)}{_random_markup(rng, depth + 1)}</{tag}>")
        parts.append(rng.choice(words))
    return "".join(parts)


def test_spaced_text_equals_the_iterwalk_it_replaced() -> None:
    rng = random.Random(5)
    for _ in range(300):
        root = dom.parse_html(f"<html><body><div>{_random_markup(rng)}</div></body></html>")
        for element in root.body.iter():
            expected = _walked_spaced_text(element)
            assert body._spaced_text(element) == expected
            assert body._spaced_text(element, element.text_content()) == expected


@pytest.mark.parametrize(
    "markup",
    ["<a>plain</a>", "<a></a>", "<td>x<b>y</b>z</td>", "<title>T</title>", "<p>a<br>b</p>"],
)
def test_element_text_equals_text_content(markup: str) -> None:
    root = dom.parse_html(f"<html><body>{markup}</body></html>")
    for element in root.iter():
        assert dom.element_text(element) == element.text_content()


def test_link_share_counts_nested_links_once_per_link() -> None:
    element = dom.parse_html("<html><body><div>ab<a>cd<a>ef</a></a>gh</div></body></html>").body[0]
    texts = [len(a.text_content()) for a in element.iter("a")]
    assert body._link_share(element) == sum(texts) / len(element.text_content())


def test_hanzi_count_equals_the_regex_count() -> None:
    rng = random.Random(7)
    pool = ["绿", "建", "\u4dc0", "\u3400", "，", "a", "𠀀", "\ufffd", "\u9fff", "\ua000"]
    for _ in range(500):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 60)))
        assert decode._hanzi_count(text) == len(re.findall(r"[\u3400-\u4dbf\u4e00-\u9fff]", text))


def test_mojibake_verdict_with_every_hanzi_checked_equals_the_run_listing() -> None:
    common = sorted(decode._common_hanzi())
    rng = random.Random(11)
    for _ in range(200):
        share = rng.random()
        text = "".join(
            rng.choice(common) if rng.random() < share else chr(rng.randint(0x4E00, 0x9FFF))
            for _ in range(rng.randint(0, 400))
        )
        hanzi = decode._leading_hanzi(text, decode.MAX_HANZI_CHECKED)
        listed = len(hanzi) >= 20 and (
            sum(map(len, decode._common_hanzi_run().findall(hanzi))) / len(hanzi) < decode.MIN_COMMON_CJK_RATIO
        )
        assert decode._looks_like_mojibake(text, None) == listed


def test_read_line_verdict_reuses_a_judged_line() -> None:
    page = [
        "来源：新华社 作者：王明",
        "责任编辑：李四",
        "京ICP备12345678号",
        "Copyright © 2024 绿建网",
        "普通的一段话。",
    ]
    for line in page:
        metadata.classify_read_line_cached.cache_clear()
        expected = lines.classify_line_of_kinds(line, metadata._READ_LINE_KINDS)
        metadata.classify_line_cached(line)  # judged first, as the body does
        assert metadata.classify_read_line_cached(line) == expected


def test_line_memo_keeps_its_bound() -> None:
    for index in range(metadata.MAX_CLASSIFIED_LINES + 10):
        metadata.classify_line_cached(f"第{index}行")
    assert len(metadata._classified_lines) == metadata.MAX_CLASSIFIED_LINES


@pytest.mark.parametrize(
    "text",
    ["中\n文", "中 \n 文\n字", "a\nb", "中\n\na", "。\r\n\t，", "中\n文\n字\n符", "中 文"],
)
def test_cjk_wrap_join_equals_the_lookbehind_form(text: str) -> None:
    class_ = dom._CJK_CLASS
    lookbehind = re.compile(rf"(?<={class_})[ \t]*[\r\n][ \t\r\n]*(?={class_})")
    assert dom._CJK_WRAP_CJK.sub(r"\1", text) == lookbehind.sub("", text)


def test_view_count_needs_a_digit() -> None:
    assert metadata._view_count_of_line("阅读：十二") is None
    assert metadata._view_count_of_line("阅读：１２") == 12


def test_signal_attributes_are_read_from_the_one_body() -> None:
    root = dom.parse_html('<div class="a"><body class="x"><p class="byline">t</p></body></div>')
    assert [value.attrname for value in metadata._SIGNAL_ATTRIBUTES(root)] == ["class", "class"]
