"""Speed round 4 (extraction 1.19.0): each fast path gives exactly what the plain computation gives."""

from __future__ import annotations

import re

import pytest
from lxml.html import HtmlElement

from cleaning import hanzi_variants, lines, pipeline
from cleaning.html import body, dom, metadata
from cleaning.normalize import fold_spaces

DATED_LINES_WITHOUT_LABELS = (
    "2024年3月5日 10:32",
    "发布时间：2024-03-05 10:32",
    "2024-05-08 09:30 本报讯",
    "The 2024 report covers 2019 to 2023.",
)


def test_traditional_character_class_holds_exactly_the_folded_characters() -> None:
    in_set = hanzi_variants._TRADITIONAL_SET
    found = hanzi_variants._FIRST_TRADITIONAL
    differing = [code for code in range(0x110000) if (found(chr(code)) is not None) != (chr(code) in in_set)]
    assert differing == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("來源：中央社 責任編輯：林恕晖", "来源：中央社 责任编辑：林恕晖"),
        ("来源：新华社", "来源：新华社"),
        ("Source: Xinhua 2024", "Source: Xinhua 2024"),
        ("𨱈 and 鐵", "𨱈 and 铁"),  # a character outside the Basic Multilingual Plane is no obstacle
    ],
)
def test_to_simplified(text: str, expected: str) -> None:
    assert hanzi_variants.to_simplified(text) == expected


def test_to_simplified_returns_a_line_without_traditional_characters_as_it_is() -> None:
    line = "发布时间：2024-03-05 浏览次数：12"
    assert hanzi_variants.to_simplified(line) is line


@pytest.mark.parametrize("rule_name", ["footer.copyright", "meta.wechat_byline", "meta.byline_lead_line"])
def test_screens_do_not_pass_every_line_with_a_year(rule_name: str) -> None:
    """A year's "19"/"20" sits on most dated lines: a rule whose matches also need rarer words is screened
    by those, so a dated line without them skips the rule."""
    screens = dict(zip((rule.name for rule in lines.line_rules()), lines._rule_screens(), strict=True))
    screen = screens[rule_name]
    assert screen is not None
    for line in DATED_LINES_WITHOUT_LABELS:
        assert screen.search(lines.screen_text(fold_spaces(line))) is None, line
        assert lines.line_rules()[list(screens).index(rule_name)].pattern.search(line) is None


def test_screen_prefers_words_over_digits() -> None:
    screen = lines.screen_for(re.compile(r"(?:19|20)\d{2}\s*©\s*\w+"))
    assert screen is not None and screen.pattern == "©"
    assert lines.screen_for(re.compile(r"(?:19|20)\d{2}\s+\w+")).pattern == "19|20"  # no other word: digits


def test_screened_rules_still_read_their_lines() -> None:
    assert lines.classify_line("2024 © 机电工程署").rule.name == "footer.copyright"
    assert lines.classify_line("原创 林晓 绿建材观察 2024年05月08日 09:30 北京").rule.name == "meta.wechat_byline"
    match = lines.classify_line("文｜财新 陈雪 2024年07月02日 18:21 来源：财新网")
    assert match is not None and match.rule.name == "meta.byline_lead_line"


def test_parsed_elements_are_plain_html_elements_with_their_methods() -> None:
    root = dom.parse_html(
        "<html><body><form><label>Name</label><input name=q><p>Hello &amp; bye</p></form></body></html>"
    )
    assert {type(element) for element in root.iter()} == {HtmlElement}
    assert root.body.text_content() == "NameHello & bye"
    form = root.body[0]
    form.drop_tree()
    assert len(root.body) == 0


@pytest.mark.parametrize(
    ("markup", "spaced"),
    [
        ("<div><a>Lauri Chen</a><span>Apr 02, 2024</span></div>", "Lauri ChenApr 02, 2024"),
        ("<div><a>Lauri Chen</a><div>Apr 02, 2024</div>tail</div>", "Lauri Chen Apr 02, 2024 tail"),
        ("<ul><li>首页</li><li>新闻</li></ul>", " 首页  新闻 "),
        ("<div>text <b>bold</b> more</div>", "text bold more"),
    ],
)
def test_spaced_text_with_the_text_given_equals_the_walk(markup: str, spaced: str) -> None:
    element = dom.parse_html(f"<html><body>{markup}</body></html>").body[0]
    assert body._spaced_text(element) == spaced
    assert body._spaced_text(element, element.text_content()) == spaced


def test_view_count_of_a_line_is_memoised_and_the_first_count_wins() -> None:
    metadata._view_count_of_line.cache_clear()
    page = ["来源：新华社", "點閱數：1,234", "阅读 56"]
    assert metadata.view_count_from_lines(page) == 1234
    assert metadata.view_count_from_lines(page) == 1234
    info = metadata._view_count_of_line.cache_info()
    assert info.hits == 2 and info.misses == 2
    assert metadata.view_count_from_lines(["An ordinary line", "x" * 201 + " 12 views"]) is None


def test_blank_content_check_equals_stripping() -> None:
    samples = [bytes([byte]) for byte in range(256)] + [b"", b" \t\r\n\x0b\x0c", b" <p>x</p> ", b"\xa0\xa0"]
    assert [pipeline._is_blank(sample) for sample in samples] == [not sample.strip() for sample in samples]
