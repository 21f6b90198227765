"""Language of a text: Chinese or English from the share of CJK characters among its letters;
other scripts map to their main language (a Russian page is stored as "ru", not rejected)."""

from __future__ import annotations

import re

from cleaning.normalize import cjk_ratio

# Han characters carry a word each, Latin letters a fraction of one: a Chinese text quoting English
# names stays well above this share, an English text naming a few Chinese places well below it.
ZH_MIN_CJK_SHARE = 0.25
# Below the CJK share, call a text English only when most letters are Latin.
EN_MIN_LATIN_SHARE = 0.6


# (language, letters of its script, share of all letters that decides it), checked in order.
# Kana first: Japanese text is full of Han characters too.
SCRIPT_LANGUAGES: tuple[tuple[str, str, float], ...] = (
    ("ja", r"[\u3040-\u30ff]+", 0.05),
    ("ko", r"[\uac00-\ud7af\u1100-\u11ff]+", 0.3),
    ("ru", r"[\u0400-\u04ff]+", 0.5),
    ("el", r"[\u0370-\u03ff]+", 0.5),
    ("ar", r"[\u0600-\u06ff]+", 0.5),
    ("he", r"[\u0590-\u05ff]+", 0.5),
    ("hi", r"[\u0900-\u097f]+", 0.5),
    ("th", r"[\u0e00-\u0e7f]+", 0.5),
)

_LETTER = re.compile(r"[^\W\d_]+")  # runs: counted by length, far fewer matches than characters
_SCRIPTS = tuple((code, re.compile(pattern), share) for code, pattern, share in SCRIPT_LANGUAGES)
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]+")


def detect_language(text: str) -> str | None:
    """'zh' or 'en' (or another ISO 639-1 code by script) for a text; None when it has no letters."""
    letters = sum(map(len, _LETTER.findall(text)))
    if not letters:
        return None
    for code, script, share in _SCRIPTS:
        if sum(map(len, script.findall(text))) / letters >= share:
            return code
    if cjk_ratio(text) >= ZH_MIN_CJK_SHARE:
        return "zh"
    if sum(map(len, _LATIN_LETTER.findall(text))) / letters >= EN_MIN_LATIN_SHARE:
        return "en"
    return None
