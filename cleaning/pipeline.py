"""The cleaning stage's entry point: RawDocument -> ExtractedArticle (pure, no I/O)."""

from __future__ import annotations

import re

from cleaning.decode import decode_document
from cleaning.errors import ExtractionError
from schemas import ExtractedArticle, RawDocument, SiteRules

# C0 controls (but tab, newline, carriage return), DEL and lone surrogates: never text, and lxml
# refuses them inside a tree it edits.
_UNREPRESENTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# Every byte but those controls: deleting these from the UTF-8 encoding leaves the controls (each is
# one ASCII byte, never part of a multi-byte sequence); lone surrogates do not encode at all.
_REPRESENTABLE_BYTES = bytes(b for b in range(256) if not _UNREPRESENTABLE.match(chr(b)))

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain", "text/markdown"})
UTF8_READINGS = frozenset({"utf-8", "ascii"})  # codec names decode_document reports for UTF-8 and ASCII


def extract(raw: RawDocument, rules: SiteRules | None = None) -> ExtractedArticle:
    """Decode, parse and clean one raw document. Raises ExtractionError with a reason code."""
    if _is_blank(raw.content):
        raise ExtractionError("empty", "the document has no content", stage="decode")
    is_html = raw.media_type in HTML_TYPES
    if not is_html and raw.media_type not in TEXT_TYPES:
        raise ExtractionError("unsupported_media_type", raw.media_type, stage="decode")
    decoded = decode_document(raw.content, declared=raw.declared_encoding, is_html=is_html)
    # A UTF-8 (or ASCII) reading, strict or with U+FFFD for bad bytes, holds a control character
    # exactly where the bytes hold its byte: the bytes themselves are screened, not a re-encoding.
    read_as_utf8 = decoded.encoding in UTF8_READINGS and decoded.method != "bom"
    text = _without_unrepresentable(decoded.text, raw.content if read_as_utf8 else None)
    if is_html:
        from cleaning.html import extract_html

        return extract_html(text, raw, rules)
    from cleaning.text import extract_text

    return extract_text(text, raw)


def _is_blank(content: bytes) -> bool:
    """`not content.strip()` without copying the page: empty, or only the ASCII whitespace strip removes."""
    return not content or content.isspace()


def _without_unrepresentable(text: str, utf8_source: bytes | None = None) -> str:
    """`text` without _UNREPRESENTABLE characters; checked at memory speed, since pages rarely hold any.

    `utf8_source`, when given, is the bytes `text` was decoded from as UTF-8 or ASCII (bad bytes
    replaced by U+FFFD, which never swallows a following ASCII byte): they hold an unrepresentable
    byte exactly when `text` holds such a character (decoding yields no lone surrogates).
    """
    if utf8_source is not None:
        encoded = utf8_source
    else:
        try:
            encoded = text.encode("utf-8")
        except UnicodeEncodeError:
            return _UNREPRESENTABLE.sub("", text)
    return _UNREPRESENTABLE.sub("", text) if encoded.translate(None, _REPRESENTABLE_BYTES) else text
