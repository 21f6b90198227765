"""Whitespace and character normalisation for one paragraph or line of text (shared by all paths).

Crawled Chinese pages carry layout spaces that mean nothing ("西部地 区", "大会 上  宣布", NBSP
indentation, "部署 ,进一步"); between CJK characters a space is never part of the text, while
between CJK and Latin letters or digits it is the author's choice and kept.
"""

from __future__ import annotations

import re
import unicodedata

# Characters dropped outright: zero-width spaces/joiners, word joiner, BOM, C0/C1 controls that are
# not whitespace, lone surrogates. (Whitespace controls - tab, newline, U+0085 - become spaces.)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff]")
# Every kind of space: ASCII whitespace, NBSP, U+3000, en/em spaces, line/paragraph separators.
_ANY_SPACE = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]")

# Han ideographs (BMP, extension A, compatibility, supplementary planes), 〇 and 々, kana.
# Hangul is not included: Korean separates words with spaces.
_CJK_RANGES = (
    "\u3005\u3007"
    "\u3040-\u309f"  # hiragana
    "\u30a0-\u30fa\u30fc-\u30ff"  # katakana (without the middle dot, which is punctuation)
    "\u31f0-\u31ff"
    "\u3400-\u4dbf"
    "\u4e00-\u9fff"
    "\uf900-\ufaff"
    "\U00020000-\U0003134f"
)
# Full-width / ideographic punctuation: 、。〈〉《》「」『』【】〔〕…, full-width forms ！（），：；？ etc.
_CJK_PUNCT_RANGES = (
    "\u3001-\u3004\u3008-\u3011\u3014-\u301f\u30fb\ufe30-\ufe4f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
)
# ASCII punctuation that attaches to the word before it (so "部署 ," loses its space).
_ASCII_TRAILING_PUNCT = r",.;:!?)\]}%"
# ASCII punctuation used as a Chinese separator ("发展, 中国" -> "发展,中国").
_ASCII_SEPARATOR_PUNCT = r",.;:!?"

_CJK_RE = re.compile(f"[{_CJK_RANGES}]")
_CJK_RUN_RE = re.compile(f"[{_CJK_RANGES}]+")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_CJK_PUNCT_RE = re.compile(f"[{_CJK_PUNCT_RANGES}]")
_SPACING_RULES = re.compile(
    "|".join(
        (
            f"(?<=[{_CJK_RANGES}]) (?=[{_CJK_RANGES}])",  # 西部地 区
            f" (?=[{_CJK_PUNCT_RANGES}])",  # 技术 、
            f"(?<=[{_CJK_PUNCT_RANGES}]) (?=[{_CJK_RANGES}{_CJK_PUNCT_RANGES}])",  # 、 国务院
            f"(?<=[{_CJK_RANGES}]) (?=[{_ASCII_TRAILING_PUNCT}])",  # 部署 ,
            f"(?<=[{_CJK_RANGES}][{_ASCII_SEPARATOR_PUNCT}]) (?=[{_CJK_RANGES}])",  # 发展, 中国
        )
    )
)


_ASCII_BYTES = bytes(range(0x80))


def non_ascii_chars(utf8: bytes) -> str:
    """The non-ASCII characters of UTF-8 bytes, in order: deleting the ASCII bytes runs at memory speed,
    where a regex pass over the text costs ~10-20 ns a character. Lone surrogates ("surrogatepass"
    encodings) survive."""
    return utf8.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")


def is_cjk(ch: str) -> bool:
    """True for a Han ideograph or a kana character (a script written without spaces)."""
    return len(ch) == 1 and _CJK_RE.match(ch) is not None


def is_cjk_punctuation(ch: str) -> bool:
    """True for ideographic / full-width punctuation such as 、。，《》【】."""
    return len(ch) == 1 and _CJK_PUNCT_RE.match(ch) is not None


def fold_spaces(text: str) -> str:
    """NFC, every kind of space folded to one ' ', invisible and control characters dropped, stripped.

    Unlike `normalize_text` it keeps spaces between CJK characters: "本报记者 张三 李四" still
    separates the names.
    """
    # Every invisible character and every space but " " is unprintable: a printable line skips the
    # regex passes that would change nothing (most lines of a page).
    folded = unicodedata.normalize("NFC", text if text.isprintable() else _INVISIBLE.sub("", text))
    if "  " in folded or not folded.isprintable():
        folded = _ANY_SPACE.sub(" ", folded)
    return folded.strip()


def normalize_text(text: str) -> str:
    """Normalise one paragraph or line: NFC, one kind of space, no layout spaces around CJK."""
    folded = fold_spaces(text)
    # Lookarounds of one character each: a second pass removes spaces a first removal exposed.
    previous = None
    while previous != folded:
        previous = folded
        folded = _SPACING_RULES.sub("", folded)
    return folded


def cjk_ratio(text: str) -> float:
    """Share of CJK characters among the letters of `text` (0.0 when there are none)."""
    letters = sum(map(len, _LETTER_RUN.findall(text)))
    if not letters:
        return 0.0
    return cjk_run_length(text) / letters


def cjk_run_length(text: str) -> int:
    """Number of CJK characters in `text` (the numerator of `cjk_ratio`)."""
    return sum(map(len, _CJK_RUN_RE.findall(text)))


_BRACKET_PAIRS = {")": "(", "）": "（", "】": "【", "]": "[", "〕": "〔"}


def without_unmatched_closer(text: str) -> str:
    """A value read out of a bracketed line without the line's closing bracket: "（来源：人民日报）" gives
    "人民日报）" -> "人民日报"; "中国建设报（北京）" keeps its pair."""
    while text and text[-1] in _BRACKET_PAIRS and text.count(text[-1]) > text.count(_BRACKET_PAIRS[text[-1]]):
        text = text[:-1].rstrip()
    return text
