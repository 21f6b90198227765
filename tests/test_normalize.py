"""Whitespace / character normalisation and language detection."""

from __future__ import annotations

import pytest

from cleaning.language import detect_language
from cleaning.normalize import cjk_ratio, fold_spaces, is_cjk, is_cjk_punctuation, normalize_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # layout spaces inside Chinese text (seed 001)
        ("西部地 区建筑", "西部地区建筑"),
        ("在大会 上  宣布", "在大会上宣布"),
        ("本次行动旨在广泛 联络西部", "本次行动旨在广泛联络西部"),
        ("党中央、 国务院", "党中央、国务院"),
        ("决策部署 ,进一步推进", "决策部署,进一步推进"),
        ("协同发展, 中国建筑节能协会", "协同发展,中国建筑节能协会"),
        ("共享 信息、技术 ,协同推进", "共享信息、技术,协同推进"),
        ("来自北京、重庆、西藏、 陕西", "来自北京、重庆、西藏、陕西"),
        ("举行。 中国建筑节能协会", "举行。中国建筑节能协会"),
        ("工作规则 》(草案)", "工作规则》(草案)"),
        ("技术 ，协同", "技术，协同"),
        # leading indentation: NBSP, ideographic space, tabs
        ("\u00a0\u00a0 \u00a0为了深入贯彻", "为了深入贯彻"),
        ("\u3000\u3000本次大会邀请", "本次大会邀请"),
        ("\t 会议由侯文主持。 ", "会议由侯文主持。"),
        # CJK next to Latin letters or digits: the author's spacing is kept
        ("采用 BIM 技术", "采用 BIM 技术"),
        ("2023年11月3日 14:05", "2023年11月3日 14:05"),
        ("此次8个地 区行业协会", "此次8个地区行业协会"),
        ("green 建筑", "green 建筑"),
        # Latin text: only runs collapse
        ("Green  buildings\u2003are   growing.", "Green buildings are growing."),
        ("Dalian , China", "Dalian , China"),
        # invisible and control characters
        ("zero\u200bwidth\u200c\u200djoin\ufeff", "zerowidthjoin"),
        ("bell\x07 and\x1b escape\x85", "bell and escape"),
        ("lone \ud800surrogate", "lone surrogate"),
        # NFC
        ("Cafe\u0301", "Café"),
        # kana are written without spaces too
        ("グリーン ビル", "グリーンビル"),
        ("", ""),
        ("   \u3000 ", ""),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_normalize_text_is_idempotent() -> None:
    text = "为了深入贯彻落实党中央、 国务院关于城乡建设绿色低碳发展决策部署 ,进一步推进 BIM 应用。"
    once = normalize_text(text)
    assert normalize_text(once) == once


def test_fold_spaces_keeps_spaces_between_cjk_names() -> None:
    assert fold_spaces("本报记者\u00a0张三  李四\u200b") == "本报记者 张三 李四"


@pytest.mark.parametrize(
    ("ch", "expected"),
    [("中", True), ("〇", True), ("あ", True), ("カ", True), ("𠀀", True), ("A", False), ("1", False),
     ("한", False), ("，", False), ("。", False), (" ", False), ("", False), ("中文", False)],
)  # fmt: skip
def test_is_cjk(ch: str, expected: bool) -> None:
    assert is_cjk(ch) is expected


def test_is_cjk_punctuation() -> None:
    assert all(is_cjk_punctuation(ch) for ch in "、。，《》【】！？：；（）")
    assert not any(is_cjk_punctuation(ch) for ch in ",.中A ")


def test_cjk_ratio() -> None:
    assert cjk_ratio("中文ab") == 0.5
    assert cjk_ratio("123 !!") == 0.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("西部地区建筑绿色低碳发展协调推进行动在成都启动", "zh"),
        ("中国建筑节能协会与 Nippon Paint、Qingdao Kerui 等企业代表出席了会议。", "zh"),
        ("Dalian has built 23 million square meters of green buildings.", "en"),
        ("The forum was held in Tongzhou (通州) district of Beijing this week.", "en"),
        ("2023-11-03 13:36 1908", None),
        ("", None),
        ("Зелёные здания в Москве строятся быстро", "ru"),
    ],
)
def test_detect_language(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("東京の緑の建物は増えています。省エネ基準が強化された。", "ja"),
        ("서울의 녹색 건물이 빠르게 늘고 있습니다", "ko"),
        ("Πράσινα κτίρια στην Αθήνα", "el"),
    ],
)
def test_other_scripts_get_their_language_code(text: str, expected: str) -> None:
    assert detect_language(text) == expected
