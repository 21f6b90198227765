"""Identity: derived article ids, canonical URLs and content hashes (stdlib only)."""

from __future__ import annotations

import hashlib
import json
import posixpath
import uuid
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

# Namespace for UUIDv5 article ids; never change it, ids derive from it.
GREENWIRE_NAMESPACE = uuid.UUID("5b0e7c8e-3a57-4c44-9b1e-6f1f5d1f2a77")
_NAMESPACE_BYTES = GREENWIRE_NAMESPACE.bytes

# Query parameters that track the visitor, not the document.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "spm",
        "share_token",
        "sharer",
        "from",
        "isappinstalled",
        "scene",
        "srcid",
        "ref",
        "ref_src",
        "_ga",
        "_gl",
        "utm",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hmsr", "hmpl", "hmcu", "hmkw", "hmci")
DEFAULT_PORTS = {"http": 80, "https": 443}
_SAFE_PATH = "/:@!$&'()*+,;=-._~%"
_SAFE_QUERY = "/:@!$'()*+,;-._~%?"


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """Normalise a URL into the key that identifies a web page.

    Scheme and host lower-cased, IDN hosts as punycode, default port, fragment and
    tracking parameters dropped, dot segments resolved, remaining parameters sorted.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    try:
        host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        host = host.lower()
    port = parts.port
    netloc = host
    if ":" in host:  # IPv6 literal
        netloc = f"[{host}]"
    if port and DEFAULT_PORTS.get(scheme) != port:
        netloc = f"{netloc}:{port}"
    path = parts.path or "/"
    normalised = posixpath.normpath(unquote(path))
    if path.endswith("/") and normalised != "/":
        normalised += "/"
    if normalised.startswith("//"):
        normalised = "/" + normalised.lstrip("/")
    path = quote(normalised, safe=_SAFE_PATH)
    query_pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    query = urlencode(sorted(query_pairs), safe=_SAFE_QUERY)
    return urlunsplit((scheme, netloc, path, query, ""))


def article_id(source_name: str, canonical_key: str) -> str:
    """A stable id from the source and the article's canonical key (UUIDv5).

    What `str(uuid.uuid5(GREENWIRE_NAMESPACE, name))` gives, spelled out (RFC 4122 section 4.3): it runs
    once per article, and the UUID object it would build only to format it cost more than the hash.
    """
    name = f"{source_name}\n{canonical_key}".encode()
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + name).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    hex_id = digest.hex()
    return f"{hex_id[:8]}-{hex_id[8:12]}-{hex_id[12:16]}-{hex_id[16:20]}-{hex_id[20:]}"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_hash(fields: dict[str, object]) -> str:
    """Hash of what an article says; callers pass only the non-volatile fields."""
    payload = json.dumps(fields, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
