"""Round-3 fast paths (first-character rule dispatch, kind-limited line rules, byte-level hanzi counts,
the mojibake pair bound) give exactly what the plain computations give."""

from __future__ import annotations

import random
import re

import pytest

from cleaning import decode, lines, normalize
from cleaning.html import dom

# Every character a line may open with that matters to some rule, and a spread of others.
FIRST_CHARACTERS = (
    "".join(chr(c) for c in range(0x20, 0x250))
    + "\u1680\u2000\u2028\u3000\u3001\u3007【】（）｜：，、〇零一二三四五六七八九十两几"
    + "发成更日时信文稿来出浏阅点访人责值网编审校终初复签监本特见记通作撰采上下分扫微用手关返回当您现所位首主"
    + "设加添收联无免版法相延推猜热地单办电咨服传邮投长官简繁中漢汉日한조РУМΕ"
    + "\u0130\u0131\u017f\u212a\u0391\u03b1\u0410\u0430ß\ufb00\U00020000"
)
TAILS = (
    "",
    "x",
    " ",
    "：2023-11-03",
    "编辑：李四",
    "by Jane Doe",
    "English | 中文 | Français",
    "opyright 2024 Foo",
    ".jpg",
    "| 新闻 | 关于 | 联系",
    "ublished: March 3, 2024",
)


def _plain_classify(line: str) -> str | None:
    """The rule table tried row by row, with no screen or dispatch: the reference answer."""
    text = normalize.fold_spaces(line)
    if not text or len(text) > 400:
        return None
    for rule in lines.line_rules():
        if len(text) <= rule.max_chars and rule.pattern.search(text):
            return rule.name
    return None


def test_first_character_screens_admit_every_character_a_match_starts_with() -> None:
    screens = [lines.first_character_screen(rule.pattern) for rule in lines.line_rules()]
    assert sum(screen is not None for screen in screens) >= 15  # most rules are anchored label rules
    for rule, screen in zip(lines.line_rules(), screens, strict=True):
        if screen is None:
            continue
        for first in FIRST_CHARACTERS:
            if screen.match(first) is None:
                for tail in TAILS:
                    assert rule.pattern.search(first + tail) is None, (rule.name, first + tail)


def test_first_character_screen_of_patterns() -> None:
    screen = lines.first_character_screen(re.compile(r"^[【(]?\s*(?:来源|Source)\s*:", re.IGNORECASE))
    assert screen is not None
    assert all(screen.match(c) for c in "【(来Ss \t")
    assert screen.match("文") is None and screen.match("x") is None
    assert lines.first_character_screen(re.compile(r"来源|^Source")) is None  # may match anywhere
    assert lines.first_character_screen(re.compile(r"^\s*$")) is None  # may match the empty line
    assert lines.first_character_screen(re.compile(r"^x", re.MULTILINE)) is None


def _random_lines(count: int) -> list[str]:
    rnd = random.Random(3)
    words = [*TAILS, "本报记者 张三", "来源：新华社", "Copyright © 2024", "返回顶部", "首页 > 新闻", "2024年8月14日"]
    words += ["3天前", "Views: 87", "【打印本页】", "上一篇：标题", "ſ", "\u212a", "İ", "©", "扫码关注公众号", "  "]
    return [rnd.choice(["", " ", "|"]).join(rnd.choice(words) for _ in range(rnd.randint(1, 4))) for _ in range(count)]


@pytest.mark.parametrize("line", [*_random_lines(1500), *(c + t for c in "【本责发来C首返上E ©" for t in TAILS)])
def test_classify_line_equals_the_plain_rule_table(line: str) -> None:
    match = lines.classify_line(line)
    assert (match.rule.name if match else None) == _plain_classify(line)


@pytest.mark.parametrize("line", _random_lines(800))
def test_classify_line_of_kinds_is_classify_line_restricted_to_the_kinds(line: str) -> None:
    kinds = frozenset({"meta", "credit"})
    full = lines.classify_line(line)
    limited = lines.classify_line_of_kinds(line, kinds)
    if full is not None and full.rule.kind in kinds:
        assert limited == full
    else:
        assert limited is None


def _weighted_length_by_regex(text: str) -> float:
    if text.isascii():
        return float(len(text))
    cjk = len(text) - len(dom._CJK_RUN.sub("", text))
    return len(text) - cjk + cjk * dom.CJK_CHAR_WEIGHT


def test_weighted_length_counts_hanzi_like_the_regex_for_every_code_point() -> None:
    # Every BMP character (high bytes and surrogate halves), and a sample of the supplementary planes.
    for code in (*range(0x80, 0x10000), *range(0x10000, 0x110000, 61)):
        text = "a" + chr(code)
        assert dom.weighted_length_uncached(text) == _weighted_length_by_regex(text), hex(code)
    rnd = random.Random(5)
    spans = ((0x20, 0x80), (0x3000, 0xA000), (0xD800, 0xE000), (0xF800, 0xFB00), (0x10000, 0x20000))
    for _ in range(3000):
        text = "".join(chr(rnd.randrange(*rnd.choice(spans))) for _ in range(rnd.randint(1, 40)))
        assert dom.weighted_length_uncached(text) == _weighted_length_by_regex(text), ascii(text)


def test_mojibake_pairs_are_still_found() -> None:
    clean = "A café in Zürich; naïve façade. " * 10
    assert not decode.looks_like_mojibake(clean)
    assert decode.looks_like_mojibake(clean.encode("utf-8").decode("cp1252"))
