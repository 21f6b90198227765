"""Language of a text: Chinese or English from the share of CJK characters among its letters;
other scripts map to their main language (a Russian page is stored as "ru", not rejected)."""

from __future__ import annotations

import re

from cleaning.normalize import cjk_run_length, non_ascii_chars

# Han characters carry a word each, Latin letters a fraction of one: a Chinese text quoting English
# names stays well above this share, an English text naming a few Chinese places well below it.
ZH_MIN_CJK_SHARE = 0.25
# Below the CJK share, call a text English only when most letters are Latin.
EN_MIN_LATIN_SHARE = 0.6


# (language, letters of its script (Unicode block), share of all letters that decides it), checked in order.
# Kana first: Japanese text is full of Han characters too (and needs JA_MIN_CJK_SHARE of them with the kana).
# A script's vowel signs are combining marks, no letters to `_LETTER`: shares of these scripts can pass 1.
SCRIPT_LANGUAGES: tuple[tuple[str, str, float], ...] = (
    ("ja", r"[\u3040-\u30ff]+", 0.05),
    ("ko", r"[\uac00-\ud7af\u1100-\u11ff]+", 0.3),
    ("ru", r"[\u0400-\u04ff]+", 0.5),
    ("el", r"[\u0370-\u03ff]+", 0.5),
    ("ar", r"[\u0600-\u06ff]+", 0.5),
    ("he", r"[\u0590-\u05ff]+", 0.5),
    ("hi", r"[\u0900-\u097f]+", 0.5),
    ("bn", r"[\u0980-\u09ff]+", 0.5),
    ("pa", r"[\u0a00-\u0a7f]+", 0.5),
    ("gu", r"[\u0a80-\u0aff]+", 0.5),
    ("ta", r"[\u0b80-\u0bff]+", 0.5),
    ("te", r"[\u0c00-\u0c7f]+", 0.5),
    ("kn", r"[\u0c80-\u0cff]+", 0.5),
    ("ml", r"[\u0d00-\u0d7f]+", 0.5),
    ("si", r"[\u0d80-\u0dff]+", 0.5),
    ("th", r"[\u0e00-\u0e7f]+", 0.5),
    ("lo", r"[\u0e80-\u0eff]+", 0.5),
    ("my", r"[\u1000-\u109f]+", 0.5),
    ("ka", r"[\u10a0-\u10ff\u1c90-\u1cbf]+", 0.5),
    ("hy", r"[\u0530-\u058f]+", 0.5),
    ("am", r"[\u1200-\u139f]+", 0.5),
    ("km", r"[\u1780-\u17ff]+", 0.5),
)
# Kana mark Japanese, but an English text quoting a Japanese tweet has some too: Japanese needs this share of
# its letters in kana and Han together (the majority script decides; CJK characters carry a word each).
JA_MIN_CJK_SHARE = 0.25

_LETTER = re.compile(r"[^\W\d_]+")  # runs: counted by length, far fewer matches than characters
_SCRIPTS = tuple((code, re.compile(pattern), share) for code, pattern, share in SCRIPT_LANGUAGES)
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]+")


def _any_script_pattern() -> re.Pattern[str]:
    """Matches a character of any script in SCRIPT_LANGUAGES: one scan tells whether any share can be above 0."""
    plain_class = re.compile(r"\[(?!\^)[^\[\]]+\]\+")  # "[...]+" (not negated): classes merge into one
    classes = [pattern[1:-2] for _code, pattern, _share in SCRIPT_LANGUAGES if plain_class.fullmatch(pattern)]
    if len(classes) == len(SCRIPT_LANGUAGES):
        return re.compile("[" + "".join(classes) + "]")
    return re.compile("|".join(f"(?:{pattern})" for _code, pattern, _share in SCRIPT_LANGUAGES))


_ANY_SCRIPT = _any_script_pattern()
# The short way below skips the script shares when no character of those scripts is among the
# non-ASCII characters: right while every threshold is above 0 and no script has ASCII letters.
_SCRIPTS_SKIPPABLE = all(share > 0 for _code, _pattern, share in SCRIPT_LANGUAGES) and not any(
    _ANY_SCRIPT.match(chr(code)) for code in range(0x80)
)


# Counting letters costs the regex engine ~20 ns a character; encoding and deleting bytes run at
# memory speed. Every ASCII letter is A-Z or a-z, and every other letter, script or CJK character
# is non-ASCII: so ASCII letters are counted as bytes and the regexes read only the non-ASCII rest.
_ALL_BUT_ASCII_LETTERS = bytes(b for b in range(0x100) if not chr(b).isascii() or not chr(b).isalpha())


def detect_language(text: str) -> str | None:
    """'zh' or 'en' (or another ISO 639-1 code by script) for a text; None when it has no letters."""
    encoded = text.encode("utf-8", "surrogatepass")  # lone surrogates survive; they are no letters
    ascii_letters = len(encoded.translate(None, _ALL_BUT_ASCII_LETTERS))
    rest = non_ascii_chars(encoded)  # non-ASCII, in order
    if not _SCRIPTS_SKIPPABLE or _ANY_SCRIPT.search(rest) is not None:
        return _detect_by_letter_shares(text)
    cjk = cjk_run_length(rest)
    # Every letter is an ASCII letter or a non-ASCII character: when CJK holds its share even of
    # that many, it holds it of the letters (when there is one).
    if cjk and cjk / (ascii_letters + len(rest)) >= ZH_MIN_CJK_SHARE and (ascii_letters or _LETTER.search(rest)):
        return "zh"
    letters = ascii_letters + sum(map(len, _LETTER.findall(rest)))
    if not letters:
        return None
    # No script of SCRIPT_LANGUAGES occurs, so none has a share: the CJK share decides next.
    if cjk / letters >= ZH_MIN_CJK_SHARE:
        return "zh"
    if (ascii_letters + sum(map(len, _LATIN_LETTER.findall(rest)))) / letters >= EN_MIN_LATIN_SHARE:
        return "en"
    return None


def _detect_by_letter_shares(text: str) -> str | None:
    """`detect_language` the long way, for texts that hold characters of a script in SCRIPT_LANGUAGES."""
    letters = sum(map(len, _LETTER.findall(text)))
    if not letters:
        return None
    for code, script, share in _SCRIPTS:
        in_script = sum(map(len, script.findall(text)))
        if in_script / letters < share:
            continue
        if code == "ja" and cjk_run_length(text) / letters < JA_MIN_CJK_SHARE:  # (kana count as CJK there)
            continue  # kana quoted in another language's text
        return code
    if cjk_run_length(text) / letters >= ZH_MIN_CJK_SHARE:  # cjk_ratio(text), its letter count reused
        return "zh"
    if sum(map(len, _LATIN_LETTER.findall(text))) / letters >= EN_MIN_LATIN_SHARE:
        return "en"
    return None
