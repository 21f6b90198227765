"""The cleaning stage's fast paths give exactly what the plain computations give."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime

import pytest

from cleaning import dates, decode, language, lines, normalize, pipeline
from cleaning.html import metadata

NON_ASCII = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF)

SAMPLE_LINES = (
    "CopyRight © 2024 重庆市绿色建筑与建筑产业化协会 版权所有",
    "Copyright © 2024 Xinhua. All Rights Reserved.",
    "ALL RIGHTS RESERVED",
    "备案号:渝ICP备14007730号-1 渝公网安备50011202500489号",
    "京icp证030173号",
    "技术支持：维尔斯科技",
    "Powered by WordPress",
    "发布时间:2023-11-03    浏览量:1908",
    "日期：2023年11月3日 来源：新华社",
    "To view the full story, please subscribe",
    "登录后阅读全文",
    "Release Time3 months ago",
    "本报记者 张三 李四",
    "An ordinary sentence of the article, long enough to be prose.",
    "西部地区的绿色建筑发展迅速，年增长率超过百分之十。",
    "copyr\u0130ght 2020 Foo",  # dotted capital I: a case-blind regex reads it as "i"
    "\u212aICP备 12号",  # Kelvin sign
)


def _fuzz_lines(count: int) -> list[str]:
    rnd = random.Random(17)
    words = [*SAMPLE_LINES, "©", "(C)", "ſ", "ı", "İ", "阅读", "READ", "20", "ago", "前", "  ", "|", "：", "é"]
    return [rnd.choice(["", " ", "|"]).join(rnd.choice(words) for _ in range(rnd.randint(1, 4))) for _ in range(count)]


def test_ascii_folding_chars_are_all_non_ascii_chars_a_case_blind_letter_matches() -> None:
    found = set(re.compile("[a-z]", re.IGNORECASE).findall(NON_ASCII))
    assert found == set(lines.ASCII_FOLDING_CHARS)


def test_rule_screens_never_reject_a_line_the_rule_matches() -> None:
    screens = dict(zip((rule.name for rule in lines.line_rules()), lines._rule_screens(), strict=True))
    assert screens["footer.copyright"] is not None and screens["footer.icp"] is not None
    for line in (*SAMPLE_LINES, *_fuzz_lines(3000)):
        text = normalize.fold_spaces(line)
        lowered = lines.screen_text(text)
        for rule in lines.line_rules():
            screen = screens[rule.name]
            if screen is not None and lowered and screen.search(lowered) is None:
                assert rule.pattern.search(text) is None, (rule.name, line)


def test_classify_line_reads_screened_rules() -> None:
    assert lines.classify_line("Copyright © 2024 Xinhua. All Rights Reserved.").rule.name == "footer.copyright"
    assert lines.classify_line("\u212aICP备 12号").rule.name == "footer.icp"  # a line the screens pass over
    assert lines.classify_line("An ordinary sentence of the article, long enough to be prose.") is None


def test_required_words_of_a_pattern() -> None:
    screen = lines.screen_for(re.compile(r"(?:please|to)\s+(?:subscribe|log ?in)|already an? member", re.I))
    assert screen is not None
    assert screen.search("please login") and screen.search("already a member")
    assert lines.screen_for(re.compile(r"^\d+$")) is None  # anchored and cheap: not worth a screen


def test_date_matches_with_screens_equal_every_format_run() -> None:
    def every_format(text: str) -> list[tuple[int, int]]:
        found = [(m.start(), -m.end()) for _fmt, regex in dates._ABSOLUTE for m in regex.finditer(text)]
        found += [
            (m.start(), -m.end())
            for regex in (*dates._RELATIVE_COUNT, dates._RELATIVE_WORD)
            for m in regex.finditer(text)
        ]
        kept: list[tuple[int, int]] = []
        for start, negative_end in sorted(found):
            if not kept or start >= kept[-1][1]:
                kept.append((start, -negative_end))
        return kept

    for text in ("2023-11-03", "SEPT. 3, 2023", "ſeptember 3, 2023", "3天前", "3 DAYS AGO", *_fuzz_lines(1500)):
        assert [(m.start, m.end) for m in dates._matches(text)] == every_format(text), text


def test_view_count_screens() -> None:
    assert metadata.view_count_from_lines(["阅读 1,234"]) == 1234
    assert metadata.view_count_from_lines(["87 VIEWS"]) == 87
    assert metadata.view_count_from_lines(["An ordinary line"]) is None


def test_mojibake_check_with_utf8_source_equals_plain_check() -> None:
    texts = ["Ã¤Ã¶Ã¼ " * 20, "绿色建筑" * 40, "Größere Wärmepumpen für Häuser", "鐢熸€佺幆澧冮儴" * 10, "abc\ud800"]
    for text in texts:
        source = text.encode("utf-8", "surrogatepass")
        assert decode._looks_like_mojibake(text, source) == decode.looks_like_mojibake(text)
    assert decode.looks_like_mojibake("Ã¤Ã¶Ã¼ " * 20) and not decode.looks_like_mojibake("绿色建筑" * 40)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("绿色建筑发展 Green building", "zh"),
        ("Green building in 重庆", "en"),
        ("ひらがなとカタカナ", "ja"),
        ("123 456", None),
    ],
)
def test_detect_language_short_way_equals_long_way(text: str, expected: str | None) -> None:
    assert language.detect_language(text) == language._detect_by_letter_shares(text) == expected


def test_detect_language_around_the_cjk_share() -> None:
    rnd = random.Random(5)
    for hanzi in range(0, 30, 2):
        for latin in range(0, 90, 7):
            chars = list("中" * hanzi + "a" * latin + rnd.choice(["", "，。", "é×", "〇々", "_12", "\u309b"]))
            rnd.shuffle(chars)
            text = "".join(chars)
            assert language.detect_language(text) == language._detect_by_letter_shares(text), text


def test_printable_text_holds_no_invisible_or_odd_space_character() -> None:
    bmp = "".join(chr(c) for c in range(0x10000))
    assert all(not ch.isprintable() for ch in normalize._INVISIBLE.findall(bmp))
    assert all(not ch.isprintable() for ch in normalize._ANY_SPACE.findall(bmp) if ch != " ")
    assert normalize.fold_spaces("  A\u3000b\u200b c  ") == "A b c"
    assert normalize.fold_spaces("e\u0301 x") == "\u00e9 x"


def test_unrepresentable_characters_are_removed() -> None:
    for text in ("plain", "a\x00b\x07c", "x\ud800y", "中文\x1f", "tab\tand\nnewline"):
        assert pipeline._without_unrepresentable(text) == pipeline._UNREPRESENTABLE.sub("", text)


def test_parse_credits_is_cached_and_stable() -> None:
    first = lines.parse_credits("（记者：陈娟）")
    assert first == ("陈娟", ()) and lines.parse_credits("（记者：陈娟）") is first


def test_parse_date_unchanged_by_screens() -> None:
    reference = datetime(2024, 1, 1, tzinfo=UTC)
    parsed = dates.parse_date("发布时间：2023-11-03 14:05", reference=reference, tz="Asia/Shanghai")
    assert parsed is not None and parsed.text == "2023-11-03 14:05" and parsed.precision == "minute"


def test_signal_elements_equal_the_holders_screened_whole() -> None:
    from cleaning.html.dom import parse_html

    root = parse_html(
        '<html><head><meta name="author" content="x"></head><body><div class="" id="" itemprop="">x</div>'
        '<p class="post-date" id="author">y</p><span itemprop="author"><i itemprop="name">Z</i></span>'
        '<div class="x" id="DATE"></div><div class="ſtime"></div><div class="plain">p</div></body></html>'
    )
    whole = [
        element
        for element in metadata._SIGNAL_HOLDERS(root)
        if element.get("itemprop")
        or metadata._names_a_signal(f"{element.get('class') or ''} {element.get('id') or ''}")
    ]
    found = list(metadata._SIGNAL_ELEMENTS(root))
    assert len(found) == len(whole) == 5 and all(a is b for a, b in zip(found, whole, strict=True))
