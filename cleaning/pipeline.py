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


def extract(raw: RawDocument, rules: SiteRules | None = None) -> ExtractedArticle:
    """Decode, parse and clean one raw document. Raises ExtractionError with a reason code."""
    if not raw.content.strip():
        raise ExtractionError("empty", "the document has no content", stage="decode")
    is_html = raw.media_type in HTML_TYPES
    if not is_html and raw.media_type not in TEXT_TYPES:
        raise ExtractionError("unsupported_media_type", raw.media_type, stage="decode")
    decoded = decode_document(raw.content, declared=raw.declared_encoding, is_html=is_html)
    text = _without_unrepresentable(decoded.text)
    if is_html:
        from cleaning.html import extract_html

        return extract_html(text, raw, rules)
    from cleaning.text import extract_text

    return extract_text(text, raw)


def _without_unrepresentable(text: str) -> str:
    """`text` without _UNREPRESENTABLE characters; checked at memory speed, since pages rarely hold any."""
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError:
        return _UNREPRESENTABLE.sub("", text)
    return _UNREPRESENTABLE.sub("", text) if encoded.translate(None, _REPRESENTABLE_BYTES) else text
