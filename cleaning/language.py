"""Language of a text: Chinese or English, from the share of CJK characters among its letters."""

from __future__ import annotations

import re
from typing import Literal

from cleaning.normalize import cjk_ratio

# Han characters carry a word each, Latin letters a fraction of one: a Chinese text quoting English
# names stays well above this share, an English text naming a few Chinese places well below it.
ZH_MIN_CJK_SHARE = 0.25
# Below the CJK share, call a text English only when most letters are Latin.
EN_MIN_LATIN_SHARE = 0.6


_LETTER = re.compile(r"[^\W\d_]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")


def detect_language(text: str) -> Literal["zh", "en"] | None:
    """'zh' or 'en' for a text; None when it has no letters or is in another script."""
    letters = len(_LETTER.findall(text))
    if not letters:
        return None
    if cjk_ratio(text) >= ZH_MIN_CJK_SHARE:
        return "zh"
    if len(_LATIN_LETTER.findall(text)) / letters >= EN_MIN_LATIN_SHARE:
        return "en"
    return None
