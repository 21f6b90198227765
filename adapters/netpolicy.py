"""Which URLs the web adapters may open: http(s) only, and public addresses unless allowed.

The check runs before any connection (robots.txt included) and on every redirect hop, so a
refused URL costs no request at all. A host name is judged by every address it resolves to.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

ALLOWED_SCHEMES = frozenset({"http", "https"})
ALLOW_HINT = "pass --allow-private-network or set allow_private_network = true on the source"

Resolver = Callable[..., Sequence[tuple[Any, ...]]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class UrlRefused(ValueError):
    """A URL the network policy will not open; `str()` is one line that says why and how to allow it."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason  # "unsupported_scheme", "bad_url" or "private_network"


def address_kind(address: IPAddress) -> str | None:
    """Why an address is not public ("loopback", "private", ...), or None for a public address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address_kind(address.ipv4_mapped)
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
    )
    for kind, hit in checks:
        if hit:
            return kind
    return None if address.is_global else "non-global"


def _article(kind: str) -> str:
    return "an" if kind[0] in "aeiou" else "a"


def check_url(url: str, *, allow_private: bool, resolver: Resolver = socket.getaddrinfo) -> None:
    """Raise UrlRefused unless `url` is http(s) and (when private networks are not allowed) public.

    A host that does not resolve passes: the connection then fails on its own, as a transient error.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UrlRefused(f"refused {url}: malformed URL ({exc})", reason="bad_url") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = scheme or "(none)"
        raise UrlRefused(
            f"refused {url}: scheme {shown} is not allowed (http and https only)", reason="unsupported_scheme"
        )
    host = parts.hostname
    if not host:
        raise UrlRefused(f"refused {url}: no host name", reason="bad_url")
    if allow_private:
        return
    try:
        literal: IPAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        kind = address_kind(literal)
        if kind:
            raise UrlRefused(
                f"refused {url}: {host} is {_article(kind)} {kind} address ({ALLOW_HINT})", reason="private_network"
            )
        return
    try:
        infos = resolver(host, port or (443 if scheme == "https" else 80), type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return
    for info in infos:
        raw_address = str(info[4][0]).split("%", 1)[0]  # drop an IPv6 zone id
        try:
            address = ipaddress.ip_address(raw_address)
        except ValueError:
            continue
        kind = address_kind(address)
        if kind:
            raise UrlRefused(
                f"refused {url}: {host} resolves to {raw_address}, {_article(kind)} {kind} address ({ALLOW_HINT})",
                reason="private_network",
            )
