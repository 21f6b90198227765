"""Guess what a body is from its first bytes: HTML, plain text, binary, a feed or a sitemap."""

from __future__ import annotations

import re

SNIFF_BYTES = 4096
GZIP_MAGIC = b"\x1f\x8b"
# Leading bytes of formats that are never articles in themselves.
BINARY_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    GZIP_MAGIC,
    b"\xd0\xcf\x11\xe0",
    b"7z\xbc\xaf",
)
_HTML_TAG = re.compile(rb"<(?:!doctype\s+html|html|head|body|title|meta|div|p|table|article|section|br)[\s>/]", re.I)
_PROLOGUE = re.compile(rb"^(?:\xef\xbb\xbf|\s|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.S)
_FEED_ROOT = re.compile(rb"^<(?:[\w.-]+:)?(?:rss|feed|RDF)[\s>]")
_SITEMAP_ROOT = re.compile(rb"^<(?:[\w.-]+:)?(?:urlset|sitemapindex)[\s>]")
# Share of control bytes (other than tab, CR, LF, FF, ESC) above which text is taken for binary.
CONTROL_BYTE_LIMIT = 0.10


def sniff_media_type(data: bytes) -> str:
    """ "text/html", "text/plain" or "application/octet-stream" for an untyped body."""
    head = data[:SNIFF_BYTES]
    if head.startswith(BINARY_MAGIC) or b"\x00" in head:
        return "application/octet-stream"
    if head:
        controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13, 27))
        if controls / len(head) > CONTROL_BYTE_LIMIT:
            return "application/octet-stream"
    if _HTML_TAG.search(head.lstrip()[:1024]) and head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return "text/html"
    return "text/plain"


def _root_element(data: bytes) -> bytes:
    head = data[:SNIFF_BYTES]
    match = _PROLOGUE.match(head)
    return head[match.end() if match else 0 :]


def looks_like_feed(data: bytes) -> bool:
    """An RSS, Atom or RDF document (by its root element)."""
    return bool(_FEED_ROOT.match(_root_element(data)))


def looks_like_sitemap(data: bytes) -> bool:
    """An XML sitemap or sitemap index (by its root element)."""
    return bool(_SITEMAP_ROOT.match(_root_element(data)))
