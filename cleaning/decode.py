"""Bytes -> text: BOM, then a declaration that decodes cleanly and plausibly, then detection.

Chinese pages often declare no charset or a wrong one, so a declaration is trusted only when the
bytes decode under it without errors and the result does not look like mojibake; GB2312/GBK are
read as GB18030 (their superset), Big5 as Big5-HKSCS, Latin-1/ASCII as Windows-1252 (as browsers do).
"""

from __future__ import annotations

import codecs
import contextlib
import re
from dataclasses import dataclass
from functools import lru_cache

from cleaning.errors import ExtractionError
from cleaning.normalize import non_ascii_chars

# Declared names -> the codec we actually read with (supersets, browser behaviour).
ENCODING_ALIASES: dict[str, str] = {
    "gb2312": "gb18030",
    "gb_2312": "gb18030",
    "gb_2312-80": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "ms936": "gb18030",
    "windows-936": "gb18030",
    "euc-cn": "gb18030",
    "hz-gb-2312": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "cp950": "big5hkscs",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "utf8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
    "x-unicode20utf8": "utf-8",
}

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# <meta charset="x">, <meta http-equiv="Content-Type" content="text/html; charset=x">, <?xml encoding="x"?>
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{2,40})""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:\-]{2,40})""", re.IGNORECASE)
_META_SCAN_BYTES = 8192

# Classic mojibake: UTF-8 read as Latin-1/CP1252 ("Ã©", "â€™", "å¹´"), or the replacement character.
_UTF8_AS_LATIN = re.compile(
    r"[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")  # the same characters, in runs: far fewer matches
# A page that is UTF-8 but for a few stray Latin-1 bytes (templates pasted together) is still UTF-8.
MAX_STRAY_BYTES_ABSOLUTE = 8
MAX_STRAY_BYTES_RATIO = 0.0005
MAX_REPLACEMENT_RATIO = 0.002  # U+FFFD per character tolerated in a detected decoding
MAX_MOJIBAKE_PAIRS_RATIO = 0.01  # latin mojibake pairs per character before we call it mojibake
MOJIBAKE_SAMPLE_CHARS = 60_000  # enough of a page to judge its decoding
MAX_HANZI_CHECKED = 3000
MIN_COMMON_CJK_RATIO = 0.75  # share of CJK chars that must be common hanzi for a CJK decoding to be plausible


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    method: str  # "bom" | "declared" | "meta" | "detected"


def normalize_encoding_name(name: str | None) -> str | None:
    """Map a declared charset label to a Python codec we read with, or None if unknown."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    if "charset=" in label:
        label = label.split("charset=", 1)[1].split(";", 1)[0].strip().strip("\"'")
    label = ENCODING_ALIASES.get(label, label)
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    return ENCODING_ALIASES.get(codec, codec)


@lru_cache(maxsize=1)
def _common_hanzi() -> frozenset[str]:
    """Frequently used characters: GB2312 level 1+2 and Big5 frequent characters (built once)."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xF8):
        for trail in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes((lead, trail)).decode("gb2312"))
    for lead in range(0xA4, 0xC7):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes((lead, trail)).decode("big5"))
    return frozenset(chars)


def looks_like_mojibake(text: str) -> bool:
    """True for text that a wrong codec produced: replacement chars, UTF-8-as-Latin pairs, rare-hanzi soup."""
    return _looks_like_mojibake(text, None)


# Character-class scans cost CPython's regex engine ~10 ns a character, while encoding to UTF-8 and
# deleting bytes run at memory speed. So the bytes answer two questions first: U+00C0-U+00FF (the
# first character of every mojibake pair) is encoded with lead byte C3, and every character _CJK
# matches is non-ASCII, so hanzi are looked for only among the non-ASCII characters.
_UTF8_LATIN_LEAD = b"\xc3"


def _looks_like_mojibake(text: str, utf8_source: bytes | None) -> bool:
    """`looks_like_mojibake`; `utf8_source`, when given, is the bytes `text` was strictly decoded from as UTF-8."""
    if not text:
        return False
    sample = text if len(text) <= MOJIBAKE_SAMPLE_CHARS else text[:MOJIBAKE_SAMPLE_CHARS]
    size = max(len(sample), 1)
    if sample.count("\ufffd") / size > MAX_REPLACEMENT_RATIO:
        return True
    # "surrogatepass": lone surrogates survive the round trip (they are neither pairs nor hanzi).
    if utf8_source is None or sample is not text:
        utf8_source = sample.encode("utf-8", "surrogatepass")
    encoded = utf8_source
    # Each pair opens with its own C3-encoded character, so the byte count bounds the pair count: only a
    # page with enough of those characters is searched for pairs.
    if (
        encoded.count(_UTF8_LATIN_LEAD) / size > MAX_MOJIBAKE_PAIRS_RATIO
        and len(_UTF8_AS_LATIN.findall(sample)) / size > MAX_MOJIBAKE_PAIRS_RATIO
    ):
        return True
    non_ascii = non_ascii_chars(encoded)
    hanzi_count = _hanzi_count(non_ascii)
    if hanzi_count <= MAX_HANZI_CHECKED:
        # Every hanzi is checked: counted at memory speed, and only the uncommon ones (a few, in a page of
        # real text) are matched by the regex, instead of listing every run of hanzi between punctuation.
        if hanzi_count >= 20:
            common = hanzi_count - sum(map(len, _uncommon_hanzi_run().findall(non_ascii)))
            if common / hanzi_count < MIN_COMMON_CJK_RATIO:
                return True
        return False
    hanzi = _leading_hanzi(non_ascii, MAX_HANZI_CHECKED)
    if len(hanzi) >= 20:
        common = sum(map(len, _common_hanzi_run().findall(hanzi)))
        if common / len(hanzi) < MIN_COMMON_CJK_RATIO:
            return True
    return False


# UTF-16 high bytes of the _CJK characters: U+3400-U+4DBF and U+4E00-U+9FFF. High byte 4D also holds
# U+4DC0-U+4DFF (hexagram symbols), which are not: a text holding that byte is counted by the regex.
_CJK_HIGH_BYTES = bytes(range(0x34, 0x4D)) + bytes(range(0x4E, 0xA0))
_MIXED_HIGH_BYTE = b"\x4d"


def _hanzi_count(text: str) -> int:
    """How many characters of `text` _CJK matches; every other byte of the UTF-16 encoding is a character's
    high byte (surrogate halves have their own, D8-DF), and deleting bytes runs at memory speed."""
    high = text.encode("utf-16-le", "surrogatepass")[1::2]
    if _MIXED_HIGH_BYTE in high:
        return sum(map(len, _CJK_RUN.findall(text)))
    return len(high) - len(high.translate(None, _CJK_HIGH_BYTES))


@lru_cache(maxsize=1)
def _uncommon_hanzi_run() -> re.Pattern[str]:
    """Runs of _CJK characters that are not `_common_hanzi()` characters (built once)."""
    common = _common_hanzi()
    ranges: list[list[int]] = []
    for block_start, block_end in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF)):
        for code in range(block_start, block_end + 1):
            if chr(code) in common:
                continue
            if ranges and code == ranges[-1][1] + 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return re.compile("[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges) + "]+")


def _leading_hanzi(sample: str, limit: int) -> str:
    """The first `limit` characters `_CJK` matches in `sample`, as one string; reads only as far as needed."""
    runs: list[str] = []
    found = 0
    start, chunk, end = 0, 2 * limit, len(sample)  # the chunk doubles until enough were seen
    while start < end and found < limit:
        stop = min(start + chunk, end)
        chunk_runs = _CJK_RUN.findall(sample, start, stop)  # a run cut at a chunk edge rejoins below
        runs.extend(chunk_runs)
        found += sum(map(len, chunk_runs))
        start, chunk = stop, chunk * 2
    return "".join(runs)[:limit]


@lru_cache(maxsize=1)
def _common_hanzi_run() -> re.Pattern[str]:
    """Runs of `_common_hanzi()` characters, as one character class of code point ranges (built once)."""
    ranges: list[list[int]] = []
    for code in sorted(map(ord, _common_hanzi())):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return re.compile("[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges) + "]+")


def _try(content: bytes, codec: str) -> str | None:
    try:
        text = content.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    return None if _looks_like_mojibake(text, content if codec == "utf-8" else None) else text


def _declared_in_markup(content: bytes) -> str | None:
    head = content[:_META_SCAN_BYTES]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", "ignore") if match else None


def _is_ascii(content: bytes) -> bool:
    return content.isascii()


def _detect(content: bytes) -> tuple[str, str] | None:
    """Statistical fallback: UTF-8, then GB18030, then Big5, then charset-normalizer's guess."""
    for codec in ("utf-8", "gb18030", "big5hkscs"):
        text = _try(content, codec)
        if text is not None:
            return text, codec
    from charset_normalizer import from_bytes

    best = from_bytes(content[:200_000]).best()
    if best is None:
        return None
    codec = normalize_encoding_name(best.encoding) or best.encoding
    try:
        text = content.decode(codec, errors="replace")
    except LookupError:
        return None
    if looks_like_mojibake(text):
        return None
    return text, codec


def decode_document(content: bytes, *, declared: str | None, is_html: bool) -> Decoded:
    """Decode raw bytes. Raises ExtractionError("encoding") when no reading gives clean text."""
    for bom, codec in _BOMS:
        if content.startswith(bom):
            try:
                text = content[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise ExtractionError("encoding", f"{codec} BOM but invalid bytes: {exc}", stage="decode") from exc
            if looks_like_mojibake(text):
                raise ExtractionError("encoding", f"{codec} BOM but the text is mojibake", stage="decode")
            return Decoded(text, codec, "bom")
    if _is_ascii(content):
        return Decoded(content.decode("ascii"), "ascii", "declared" if declared else "detected")
    # Bytes that are valid UTF-8 beyond ASCII are UTF-8 whatever a declaration says: legacy CJK
    # text is practically never valid UTF-8, while "charset=gbk" on UTF-8 pages is a common lie.
    utf8 = _try(content, "utf-8") or _mostly_utf8(content)
    candidates: list[tuple[str | None, str]] = [(normalize_encoding_name(declared), "declared")]
    if is_html:
        candidates.append((normalize_encoding_name(_declared_in_markup(content)), "meta"))
    for codec, method in candidates:
        if codec is None:
            continue
        if codec == "utf-8" or utf8 is not None:
            if utf8 is not None:
                return Decoded(utf8, "utf-8", method if codec == "utf-8" else "detected")
            continue
        if codec == "cp1252" and _looks_cjk_legacy(content):
            continue  # "iso-8859-1" on a GBK page: every byte decodes, none is right
        text = _try(content, codec)
        if text is not None:
            return Decoded(text, codec, method)
    if utf8 is not None:
        return Decoded(utf8, "utf-8", "detected")
    detected = _detect(content)
    if detected is None:
        raise ExtractionError("encoding", "no declared or detected encoding gives clean text", stage="decode")
    return Decoded(detected[0], detected[1], "detected")


def _mostly_utf8(content: bytes) -> str | None:
    """UTF-8 with a handful of invalid bytes (each becomes U+FFFD), or None when it is not UTF-8."""
    text = content.decode("utf-8", errors="replace")
    stray = text.count("\ufffd")
    if stray > min(MAX_STRAY_BYTES_ABSOLUTE, max(1, int(len(text) * MAX_STRAY_BYTES_RATIO))):
        return None
    # Non-ASCII characters counted in C: the ASCII encoder drops exactly them.
    valid_non_ascii = len(text) - len(text.encode("ascii", "ignore")) - stray
    if valid_non_ascii <= stray:  # UTF-8 evidence must outweigh the broken bytes
        return None
    return None if looks_like_mojibake(text.replace("\ufffd", "")) else text


def _looks_cjk_legacy(content: bytes) -> bool:
    """True when the bytes read as plausible GB18030 or Big5 text with a fair amount of hanzi."""
    for codec in ("gb18030", "big5hkscs"):
        try:
            text = content.decode(codec)
        except UnicodeDecodeError:
            continue
        if sum(map(len, _CJK_RUN.findall(text[:50_000]))) >= 10 and not looks_like_mojibake(text):
            return True
    return False
